// The HTTP SMS gateway against a local HTTP gateway (tests/support/local-sms-http-gateway.ts):
// bearer token, JSON in and out, which failures are retryable, and receipts coming back by
// webhook through parseHttpSmsReceipt to the gateway's listeners.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createHttpSmsGateway, parseHttpSmsReceipt, type HttpSmsGateway } from '../../../src/delivery/sms/http-sms-gateway.ts';
import type { SmsReceipt } from '../../../src/delivery/sms/sms-gateway.ts';
import { startTestServer } from '../../support/http-test-server.ts';
import { startLocalSmsHttpGateway, type HttpReceiptBody, type LocalSmsHttpGatewayOptions } from '../../support/local-sms-http-gateway.ts';

const TOKEN = 'gateway-token-123';
const PHONE = '+628401234567';
const TEXT =
  'PERINGATAN BMKG: Hujan Lebat dan Petir di Gorontalo s.d. 16.27 WIB. Tetap waspada. Kode: K7Q-4MX https://siaga.id/alerts/48213';

/** A local port that was just free: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function setup(local: Partial<LocalSmsHttpGatewayOptions> = {}, token = TOKEN) {
  // The local gateway's receipts need the gateway, which needs the local gateway's URL.
  const late: { gateway?: HttpSmsGateway } = {};
  const receiptErrors: string[] = [];
  const remote = await startLocalSmsHttpGateway({
    token: TOKEN,
    // As the webhook route does: parse, then hand to the gateway.
    receiptTo: (body: HttpReceiptBody) => {
      const receipt = parseHttpSmsReceipt(body);
      if ('error' in receipt) receiptErrors.push(receipt.error);
      else late.gateway?.receive(receipt);
    },
    ...local,
  });
  const gateway = createHttpSmsGateway({ url: remote.url, token, segmentsPerSecond: 100, timeoutMs: 2000 });
  late.gateway = gateway;
  const receipts: SmsReceipt[] = [];
  gateway.onReceipt((r) => receipts.push(r));
  onTestFinished(async () => {
    await gateway.close();
    await remote.close();
  });
  return { remote, gateway, receipts, receiptErrors };
}

describe('createHttpSmsGateway', () => {
  it('posts the message with the bearer token and hears its receipt through the webhook parser', async () => {
    const { remote, gateway, receipts, receiptErrors } = await setup();
    const result = await gateway.send({ to: PHONE, text: TEXT, reference: 'd42' });
    expect(result).toEqual({ kind: 'sent', messageIds: ['H5001'], segments: 1 });
    expect(remote.messages).toMatchObject([{ to: PHONE, text: TEXT, reference: 'd42', messageId: 'H5001' }]);
    await vi.waitFor(() => expect(receipts).toHaveLength(1));
    expect(receipts[0]).toMatchObject({ messageId: 'H5001', state: 'delivered' });
    expect(receipts[0]?.at.toISOString()).toBe(remote.receiptsSent[0]?.body.at);
    expect(receiptErrors).toEqual([]);
  });

  it('passes a failed receipt on with its reason', async () => {
    const { gateway, receipts } = await setup({ receipts: { outcome: 'failed', delayMs: 10 } });
    await gateway.send({ to: PHONE, text: TEXT, reference: 'd43' });
    await vi.waitFor(() => expect(receipts).toHaveLength(1));
    expect(receipts[0]).toMatchObject({ messageId: 'H5001', state: 'failed', reason: 'absent subscriber' });
  });

  it('delivers receipts posted to a webhook URL', async () => {
    const webhookToken = 'webhook-token';
    const late: { gateway?: HttpSmsGateway } = {};
    const webhook = await startTestServer({
      '/api/sms/receipts': (req: IncomingMessage, res: ServerResponse) => {
        if (req.headers.authorization !== `Bearer ${webhookToken}`) return void res.writeHead(401).end();
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const receipt = parseHttpSmsReceipt(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          if ('error' in receipt) return void res.writeHead(422).end(receipt.error);
          late.gateway?.receive(receipt);
          res.writeHead(202).end();
        });
      },
    });
    onTestFinished(() => webhook.close());
    const setupResult = await setup({ receiptTo: { url: webhook.url('/api/sms/receipts'), token: webhookToken } });
    late.gateway = setupResult.gateway;
    await setupResult.gateway.send({ to: PHONE, text: TEXT, reference: 'd44' });
    await vi.waitFor(() => expect(setupResult.receipts).toHaveLength(1));
    // The stand-in records the webhook's answer once the POST returns, which may be just after Siaga
    // has taken the receipt.
    await vi.waitFor(() => expect(setupResult.remote.receiptsSent[0]?.webhookStatus).toBe(202));
  });

  it('fails without retry when the gateway refuses the token (401)', async () => {
    const { remote, gateway } = await setup({}, 'not-the-token');
    expect(await gateway.send({ to: PHONE, text: TEXT, reference: 'd45' })).toEqual({
      kind: 'failed',
      reason: 'HTTP 401 Unauthorized: token not accepted',
      retryable: false,
    });
    expect(remote.counts.unauthorized).toBe(1);
    expect(remote.messages).toEqual([]);
  });

  it('retries 5xx, 429 and 408 but not other 4xx', async () => {
    const { remote, gateway } = await setup();
    const outcome = async (status: number) => {
      remote.answerNext(status);
      const result = await gateway.send({ to: PHONE, text: TEXT, reference: `s${status}` });
      return result.kind === 'failed' ? result.retryable : 'sent';
    };
    expect(await outcome(503)).toBe(true);
    expect(await outcome(500)).toBe(true);
    expect(await outcome(429)).toBe(true);
    expect(await outcome(408)).toBe(true);
    expect(await outcome(400)).toBe(false);
    expect(await outcome(422)).toBe(false);
    expect(remote.counts.injectedFailures).toBe(6);
  });

  it('a request the gateway took and never answered is unknown (never sent again); one that never left is retryable', async () => {
    const silent = await startTestServer({ '/messages': () => undefined });
    onTestFinished(() => silent.close());
    const slow = createHttpSmsGateway({ url: silent.url('/messages'), token: TOKEN, segmentsPerSecond: 100, timeoutMs: 150 });
    const unanswered = await slow.send({ to: PHONE, text: TEXT, reference: 'd46' });
    expect(unanswered).toMatchObject({ kind: 'unknown', segments: 1 });
    expect(unanswered.kind === 'unknown' && unanswered.reason).toMatch(/did not answer a request it received/);

    // Headers came, then the body stalled: the gateway had the request.
    const trickle = await startTestServer({
      '/messages': (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).write('{"messageIds":'),
    });
    onTestFinished(() => trickle.close());
    const stalled = createHttpSmsGateway({ url: trickle.url('/messages'), token: TOKEN, segmentsPerSecond: 100, timeoutMs: 150 });
    expect(await stalled.send({ to: PHONE, text: TEXT, reference: 'd49' })).toMatchObject({ kind: 'unknown' });

    const unreachable = createHttpSmsGateway({
      url: `http://127.0.0.1:${await closedPort()}/messages`,
      token: TOKEN,
      segmentsPerSecond: 100,
      timeoutMs: 1000,
    });
    const result = await unreachable.send({ to: PHONE, text: TEXT, reference: 'd47' });
    expect(result).toMatchObject({ kind: 'failed', retryable: true });
    expect(result.kind === 'failed' && result.reason).toMatch(/^the SMS gateway could not be reached: ECONNREFUSED/);
  });

  it('does not retry a 2xx without message ids (the SMS may have gone out)', async () => {
    const odd = await startTestServer({
      '/messages': (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'),
    });
    onTestFinished(() => odd.close());
    const gateway = createHttpSmsGateway({ url: odd.url('/messages'), token: TOKEN, segmentsPerSecond: 100, timeoutMs: 1000 });
    expect(await gateway.send({ to: PHONE, text: TEXT, reference: 'd48' })).toEqual({
      kind: 'failed',
      reason: 'HTTP 200 OK without messageIds',
      retryable: false,
    });
  });

  it('counts segments for the throughput limit and the result', async () => {
    const { remote } = await setup();
    const taken: number[] = [];
    const gateway = createHttpSmsGateway({
      url: remote.url,
      token: TOKEN,
      segmentsPerSecond: 100,
      timeoutMs: 1000,
      throughputLimit: { take: async (n) => void taken.push(n) },
    });
    expect(await gateway.send({ to: PHONE, text: 'x'.repeat(400), reference: 'd49' })).toMatchObject({ kind: 'sent', segments: 3 });
    expect(taken).toEqual([3]);
  });

  it('refuses a number that is not E.164 without posting it', async () => {
    const { remote, gateway } = await setup();
    expect(await gateway.send({ to: '628401234567', text: TEXT, reference: 'd50' })).toMatchObject({ kind: 'failed', retryable: false });
    expect(remote.counts.posts).toBe(0);
  });
});

describe('parseHttpSmsReceipt', () => {
  const received = new Date('2026-09-24T09:00:00Z');

  it('reads a receipt, with the time it gives or the time it arrived', () => {
    expect(parseHttpSmsReceipt({ messageId: 'H1', status: 'delivered', at: '2026-09-24T16:31:00+07:00' }, received)).toEqual({
      messageId: 'H1',
      state: 'delivered',
      at: new Date('2026-09-24T09:31:00Z'),
    });
    expect(parseHttpSmsReceipt({ messageId: 'H2', status: 'expired', reason: 'validity period over' }, received)).toEqual({
      messageId: 'H2',
      state: 'expired',
      reason: 'validity period over',
      at: received,
    });
  });

  it('says which field is wrong', () => {
    expect(parseHttpSmsReceipt({ status: 'delivered' })).toEqual({ error: expect.stringMatching(/^messageId: /) });
    expect(parseHttpSmsReceipt({ messageId: 'H1', status: 'read' })).toEqual({ error: expect.stringMatching(/^status: /) });
    expect(parseHttpSmsReceipt({ messageId: 'H1', status: 'failed', at: 'yesterday' })).toEqual({ error: expect.stringMatching(/^at: /) });
    expect(parseHttpSmsReceipt('delivered')).toEqual({ error: expect.stringMatching(/^body: /) });
  });
});
