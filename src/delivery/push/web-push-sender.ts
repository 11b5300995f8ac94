// Sends web-push messages to the push services of residents' browsers. The parts the standard
// fixes come from `web-push`: RFC 8291 `aes128gcm` encryption (its `encrypt`). The VAPID JWT is
// ours (vapid-jwt.ts) because web-push signs one per message, and signing is most of the cost.
// Requests go over keep-alive agents; 429 and 5xx (and network errors) are retried with backoff
// and full jitter honouring Retry-After; 404/410 say the subscription is gone; other 4xx fail at once.
// Before each message the endpoint is checked against the push-endpoint policy, its host resolved,
// every resolved address checked, and the connection pinned to the checked address, so a name that
// resolves elsewhere a moment later (DNS rebinding) cannot steer it; redirects are never followed.
import dns from 'node:dns';
// node:http(s), not axios: the DNS-rebinding defence pins each socket to the checked address (`lookup`) on keep-alive agents.
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import webpush from 'web-push';
import { addressRefusal, endpointRefusal, literalAddress, STRICT_PUSH_POLICY, type PushEndpointPolicy } from '../../policy/push-endpoint-policy.ts';
import { checkTopic } from './push-headers.ts';
import type { PushMessage, PushResult, VapidKeys } from './push-types.ts';
import { createVapidJwtCache } from './vapid-jwt.ts';

export interface WebPushSenderOptions {
  vapid: VapidKeys;
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  jwtLifetimeSeconds?: number;
  renewBeforeSeconds?: number;
  maxSockets?: number;
  /** Which endpoints may be reached; default: https to the well-known push services only. */
  policy?: PushEndpointPolicy;
  /** Resolves a host name to its addresses (default: the system resolver); a stand-in in tests. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

const systemResolve = (host: string): Promise<ResolvedAddress[]> => dns.promises.lookup(host, { all: true, verbatim: true });

interface Answer {
  status: number;
  location?: string;
  retryAfter?: string;
  body: string;
}

const REASONS: Record<number, string> = {
  400: 'the push service refused the request as malformed (400)',
  401: 'the push service refused our VAPID authorization (401)',
  403: 'the push service refused our VAPID key for this subscription (403)',
  413: 'the payload is too large for the push service (413)',
};

export function createWebPushSender(options: WebPushSenderOptions) {
  const jwt = createVapidJwtCache(options.vapid, { now: options.now, lifetimeSeconds: options.jwtLifetimeSeconds, renewBeforeSeconds: options.renewBeforeSeconds });
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }), https: new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }) };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const policy = options.policy ?? STRICT_PUSH_POLICY;
  const resolveHost = options.resolve ?? systemResolve;
  let requests = 0;

  /** The one address to connect to, every address of the host checked; a refusal as text. */
  const checkedAddress = async (url: URL): Promise<ResolvedAddress | { refused: string }> => {
    const literal = literalAddress(url);
    const found = literal ? [{ address: literal, family: literal.includes(':') ? 6 : 4 }] : await resolveHost(url.hostname.replace(/\.$/, ''));
    if (found.length === 0) throw new Error(`${url.hostname} has no address`);
    // One private address among public ones refuses the host: a push service has none.
    for (const a of found) {
      const why = addressRefusal(a.address, policy, url.protocol);
      if (why) return { refused: `refused to connect: ${url.hostname} resolves to ${why}; only public push services are reached` };
    }
    return found[0] as ResolvedAddress;
  };

  const post = (url: URL, target: ResolvedAddress, headers: Record<string, string>, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const lib = url.protocol === 'https:' ? https : http;
      // The socket connects to the address checked above and nowhere else (TLS still verifies the name).
      const lookup = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => (opts.all ? cb(null, [target]) : cb(null, target.address, target.family));
      const req = lib.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, agent: url.protocol === 'https:' ? agents.https : agents.http, timeout: timeoutMs, lookup: lookup as unknown as net.LookupFunction }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (text.length < 2000) text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, retryAfter: res.headers['retry-after'], body: text }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });

  const retryDelay = (attempt: number, retryAfter: string | undefined): number => {
    const backoff = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    if (retryAfter === undefined) return backoff;
    const seconds = Number(retryAfter);
    const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now();
    return Number.isFinite(asked) && asked > 0 ? Math.min(maxDelayMs, asked) : backoff;
  };

  return {
    async send(message: PushMessage): Promise<PushResult> {
      if (message.topic !== undefined) checkTopic(message.topic);
      const refusal = endpointRefusal(message.subscription.endpoint, policy);
      if (refusal) return { kind: 'failed', attempts: 0, reason: `refused: the endpoint ${refusal}` };
      const url = new URL(message.subscription.endpoint);
      const { cipherText } = webpush.encrypt(message.subscription.p256dh, message.subscription.auth, message.payload, 'aes128gcm');
      const headers = {
        authorization: jwt.authorization(url.origin),
        ttl: String(Math.max(0, Math.floor(message.ttlSeconds))),
        urgency: message.urgency,
        'content-encoding': 'aes128gcm',
        'content-type': 'application/octet-stream',
        ...(message.topic !== undefined && { topic: message.topic }),
      };
      let last = '';
      let lastStatus: number | undefined;
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        requests += 1;
        let answer: Answer;
        try {
          const target = await checkedAddress(url);
          if ('refused' in target) return { kind: 'failed', attempts: attempt - 1, reason: target.refused };
          answer = await post(url, target, headers, cipherText);
        } catch (err) {
          last = `network error: ${err instanceof Error ? err.message : String(err)}`;
          lastStatus = undefined;
          if (attempt < maxAttempts) await sleep(retryDelay(attempt, undefined));
          continue;
        }
        if (answer.status >= 200 && answer.status < 300) return { kind: 'sent', status: answer.status, attempts: attempt, ...(answer.location && { location: answer.location }) };
        if (answer.status === 404 || answer.status === 410) return { kind: 'gone', status: answer.status, attempts: attempt };
        if (answer.status >= 300 && answer.status < 400) {
          return { kind: 'failed', status: answer.status, attempts: attempt, reason: `the push service answered ${answer.status} (a redirect${answer.location ? ` to ${answer.location.slice(0, 200)}` : ''}); redirects are not followed` };
        }
        if (answer.status !== 429 && answer.status < 500) {
          return { kind: 'failed', status: answer.status, attempts: attempt, reason: `${REASONS[answer.status] ?? `the push service answered ${answer.status}`}${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}` };
        }
        last = `answered ${answer.status}${answer.body ? ` (${answer.body.slice(0, 200)})` : ''}`;
        lastStatus = answer.status;
        if (attempt < maxAttempts) await sleep(retryDelay(attempt, answer.retryAfter));
      }
      return { kind: 'failed', status: lastStatus, attempts: maxAttempts, reason: `the push service failed ${maxAttempts} times; last: ${last}` };
    },
    stats: () => ({ jwtSigned: jwt.signed(), requests }),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
