// Sends web-push messages to the push services of residents' browsers. The parts the standard
// fixes come from `web-push`: RFC 8291 `aes128gcm` encryption (its `encrypt`). The VAPID JWT is
// ours (vapid-jwt.ts) because web-push signs one per message, and signing is most of the cost.
// https goes over one multiplexed HTTP/2 session per push-service origin (http2-sessions.ts), or
// over HTTP/1.1 keep-alive agents when the push service's TLS handshake does not choose h2; plain
// http (the tests' local push service only) over HTTP/1.1. 429 and 5xx (and network errors before
// the request was written in full) are retried with backoff and full jitter honouring Retry-After;
// a request written in full and unanswered is `unknown`, never retried here (the service may have
// it); 404/410 say the subscription is gone; other 4xx fail at once.
// Before each message the endpoint is checked against the push-endpoint policy, its host resolved,
// every resolved address checked, and the connection pinned to the checked address, so a name that
// resolves elsewhere a moment later (DNS rebinding) cannot steer it; redirects are never followed.
import dns from 'node:dns';
import webpush from 'web-push';
import {
  addressRefusal,
  endpointRefusal,
  literalAddress,
  STRICT_PUSH_POLICY,
  type PushEndpointPolicy,
} from '../../policy/push-endpoint-policy.ts';
import { createHttp1Poster } from './http1-post.ts';
import { createHttp2Sessions } from './http2-sessions.ts';
import { checkTopic } from './push-headers.ts';
import {
  PushRequestError,
  type PushAnswer,
  type PushMessage,
  type PushResult,
  type ResolvedAddress,
  type VapidKeys,
} from './push-types.ts';
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
  /** HTTP/1.1 sockets per push-service origin (the fallback path). */
  maxSockets?: number;
  /** An HTTP/2 session without a stream for this long is closed; default 60 s. */
  idleTimeoutMs?: number;
  /** Certificates trusted instead of the system's: only for the tests' self-signed local push service. */
  ca?: string | string[];
  /** Which endpoints may be reached; default: https to the well-known push services only. */
  policy?: PushEndpointPolicy;
  /** Resolves a host name to its addresses (default: the system resolver); a stand-in in tests. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
}

const systemResolve = (host: string): Promise<ResolvedAddress[]> => dns.promises.lookup(host, { all: true, verbatim: true });

const REASONS: Record<number, string> = {
  400: 'the push service refused the request as malformed (400)',
  401: 'the push service refused our VAPID authorization (401)',
  403: 'the push service refused our VAPID key for this subscription (403)',
  413: 'the payload is too large for the push service (413)',
};

export function createWebPushSender(options: WebPushSenderOptions) {
  const jwt = createVapidJwtCache(options.vapid, {
    now: options.now,
    lifetimeSeconds: options.jwtLifetimeSeconds,
    renewBeforeSeconds: options.renewBeforeSeconds,
  });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const http1 = createHttp1Poster({ timeoutMs, maxSockets: options.maxSockets ?? 64, ...(options.ca !== undefined && { ca: options.ca }) });
  const http2 = createHttp2Sessions({
    timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    ...(options.ca !== undefined && { ca: options.ca }),
  });
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
    const found = literal
      ? [{ address: literal, family: literal.includes(':') ? 6 : 4 }]
      : await resolveHost(url.hostname.replace(/\.$/, ''));
    if (found.length === 0) throw new Error(`${url.hostname} has no address`);
    // One private address among public ones refuses the host: a push service has none.
    for (const a of found) {
      const why = addressRefusal(a.address, policy, url.protocol);
      if (why) return { refused: `refused to connect: ${url.hostname} resolves to ${why}; only public push services are reached` };
    }
    return found[0] as ResolvedAddress;
  };

  const post = async (url: URL, target: ResolvedAddress, headers: Record<string, string>, body: Buffer): Promise<PushAnswer> => {
    const overHttp2 = url.protocol === 'https:' ? await http2.post(url, target, headers, body) : 'http/1.1';
    return overHttp2 === 'http/1.1' ? http1.post(url, target, headers, body) : overHttp2;
  };

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
        let answer: PushAnswer;
        try {
          const target = await checkedAddress(url);
          if ('refused' in target) return { kind: 'failed', attempts: attempt - 1, reason: target.refused };
          answer = await post(url, target, headers, cipherText);
        } catch (err) {
          // Written in full and unanswered: the push service may have it, and a second copy would be
          // a second alert. The device's confirmation, or its absence, decides later.
          if (err instanceof PushRequestError && err.mayHaveArrived)
            return { kind: 'unknown', attempts: attempt, reason: `the push service did not answer a request it received: ${err.message}` };
          last = `network error: ${err instanceof Error ? err.message : String(err)}`;
          lastStatus = undefined;
          if (attempt < maxAttempts) await sleep(retryDelay(attempt, undefined));
          continue;
        }
        if (answer.status >= 200 && answer.status < 300)
          return { kind: 'sent', status: answer.status, attempts: attempt, ...(answer.location && { location: answer.location }) };
        if (answer.status === 404 || answer.status === 410) return { kind: 'gone', status: answer.status, attempts: attempt };
        if (answer.status >= 300 && answer.status < 400) {
          return {
            kind: 'failed',
            status: answer.status,
            attempts: attempt,
            reason: `the push service answered ${answer.status} (a redirect${answer.location ? ` to ${answer.location.slice(0, 200)}` : ''}); redirects are not followed`,
          };
        }
        if (answer.status !== 429 && answer.status < 500) {
          return {
            kind: 'failed',
            status: answer.status,
            attempts: attempt,
            reason: `${REASONS[answer.status] ?? `the push service answered ${answer.status}`}${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`,
          };
        }
        last = `answered ${answer.status}${answer.body ? ` (${answer.body.slice(0, 200)})` : ''}`;
        lastStatus = answer.status;
        if (attempt < maxAttempts) await sleep(retryDelay(attempt, answer.retryAfter));
      }
      return {
        kind: 'failed',
        status: lastStatus,
        attempts: maxAttempts,
        reason: `the push service failed ${maxAttempts} times; last: ${last}`,
      };
    },
    stats: () => ({
      jwtSigned: jwt.signed(),
      requests,
      http2Sessions: http2.stats().sessionsOpened,
      http2Requests: http2.stats().requests,
    }),
    close() {
      http1.close();
      http2.close();
    },
  };
}
