// A local HTTP SMS gateway on 127.0.0.1 (port 0) standing in for an HTTP SMS provider in the
// gateway tests: it takes POST /messages with a bearer token (401 otherwise) and a JSON body
// { to, text, reference } (422 when a field is missing), records the message, answers
// { messageIds: [id] }, and then reports a receipt { messageId, reference, status, reason?, at } —
// to a function, or by POST to a webhook URL with the webhook's own token, as a provider does:
// a webhook that cannot be reached or answers 5xx is tried again every half second until it takes
// the receipt (or the gateway closes).
// answerNext() makes the next requests fail with a chosen status (5xx, 429…).
// sendInbound() posts a subscriber's own SMS to the inbound webhook { from, to, text, messageId,
// receivedAt } with the webhook's token, as a provider forwards replies.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HttpReceiptBody = { messageId: string; reference?: string; status: 'delivered' | 'failed'; reason?: string; at: string };

export interface LocalSmsHttpGatewayOptions {
  token: string;
  /** Receipts: delivered at once unless told otherwise; 'none' sends none. */
  receipts?: { outcome: 'delivered' | 'failed' | 'none'; delayMs?: number };
  /** Where receipts go: a function given the body, or a webhook POSTed with Bearer `token`. */
  receiptTo?: ((body: HttpReceiptBody) => void) | { url: string; token: string };
  /** Where subscribers' own SMS go (POSTed with Bearer `token`). */
  inboundTo?: { url: string; token: string };
  /** Listen on this port (a gateway brought back up where it was); default any free one. */
  port?: number;
}

export interface RecordedHttpSms {
  to: string;
  text: string;
  reference: string;
  messageId: string;
  /** Date.now() when it was taken. */
  receivedAt: number;
}

export interface LocalSmsHttpGateway {
  /** The URL to POST messages to. */
  url: string;
  messages: RecordedHttpSms[];
  /** Every receipt sent, with the webhook's HTTP status when posted to a URL. */
  receiptsSent: { body: HttpReceiptBody; webhookStatus?: number }[];
  counts: { posts: number; unauthorized: number; invalid: number; injectedFailures: number };
  /** Posts a subscriber's SMS to the inbound webhook; resolves with the webhook's HTTP status. */
  sendInbound(sms: { from: string; text: string; to?: string; messageId?: string }): Promise<number>;
  /** The next `times` requests are answered with `status` (after the token check). */
  answerNext(status: number, times?: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sameToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startLocalSmsHttpGateway(options: LocalSmsHttpGatewayOptions): Promise<LocalSmsHttpGateway> {
  const timers = new Set<NodeJS.Timeout>();
  let injected = { status: 0, times: 0 };
  let nextId = 5000;
  const gateway: Omit<LocalSmsHttpGateway, 'url' | 'close'> = {
    messages: [],
    receiptsSent: [],
    counts: { posts: 0, unauthorized: 0, invalid: 0, injectedFailures: 0 },
    answerNext(status, times = 1) {
      injected = { status, times };
    },
    async sendInbound(sms) {
      const target = options.inboundTo;
      if (target === undefined) throw new Error('the local SMS gateway has no inboundTo webhook');
      nextId += 1;
      const body = {
        from: sms.from,
        to: sms.to ?? '3636',
        text: sms.text,
        messageId: sms.messageId ?? `M${nextId}`,
        receivedAt: new Date().toISOString(),
      };
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    },
  };

  let closed = false;
  async function sendReceipt(body: HttpReceiptBody): Promise<void> {
    const target = options.receiptTo;
    if (target === undefined) return;
    if (typeof target === 'function') {
      gateway.receiptsSent.push({ body });
      target(body);
      return;
    }
    while (!closed) {
      const status = await fetch(target.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then(
        (response) => response.status,
        () => undefined,
      );
      if (status !== undefined && status < 500) {
        gateway.receiptsSent.push({ body, webhookStatus: status });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  function planReceipt(messageId: string, reference: string): void {
    const plan = options.receipts ?? { outcome: 'delivered' };
    if (plan.outcome === 'none') return;
    const body: HttpReceiptBody =
      plan.outcome === 'delivered'
        ? { messageId, reference, status: 'delivered', at: new Date().toISOString() }
        : { messageId, reference, status: 'failed', reason: 'absent subscriber', at: new Date().toISOString() };
    const timer = setTimeout(() => {
      timers.delete(timer);
      sendReceipt(body).catch(() => undefined);
    }, plan.delayMs ?? 0);
    timers.add(timer);
  }

  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    readBody(req)
      .then((raw) => {
        gateway.counts.posts += 1;
        if (req.method !== 'POST' || req.url !== '/messages') return answer(404, { error: 'no such route' });
        if (!sameToken(req.headers.authorization, options.token)) {
          gateway.counts.unauthorized += 1;
          return answer(401, { error: 'token not accepted' });
        }
        if (injected.times > 0) {
          injected.times -= 1;
          gateway.counts.injectedFailures += 1;
          return answer(injected.status, { error: 'injected failure' });
        }
        let body: unknown;
        try {
          body = JSON.parse(raw);
        } catch {
          body = undefined;
        }
        const { to, text, reference } = (body ?? {}) as Record<string, unknown>;
        if (typeof to !== 'string' || typeof text !== 'string' || typeof reference !== 'string') {
          gateway.counts.invalid += 1;
          return answer(422, { error: 'to, text and reference are required strings' });
        }
        nextId += 1;
        const messageId = `H${nextId}`;
        gateway.messages.push({ to, text, reference, messageId, receivedAt: Date.now() });
        answer(200, { messageIds: [messageId] });
        planReceipt(messageId, reference);
      })
      .catch(() => answer(500, { error: 'the local gateway failed' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    ...gateway,
    url: `http://127.0.0.1:${port}/messages`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
