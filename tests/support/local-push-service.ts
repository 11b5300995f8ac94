// A local push service speaking the Web Push protocol (RFC 8030) for tests. It plays the browser
// side too: each subscription it hands out has its own P-256 key pair and auth secret, and every
// message is DECRYPTED here with them, per RFC 8188/8291, with node:crypto (independently of the
// web-push library Siaga encrypts with). Every request's VAPID JWT (RFC 8292) is checked: ES256
// signature by the key in `k`, `aud` equal to this service's origin, `exp` in the future and at
// most 24 h ahead, `sub` a mailto: or https: URI. Faults can be set per subscription.
// Plain http (HTTP/1.1) by default; with `tls`, https with a certificate made at start that speaks
// HTTP/2 and HTTP/1.1 by ALPN, as the big push services do (or HTTP/1.1 only, to test the fallback).
// Each message records the HTTP version it came over, and the service counts its connections.
import { createECDH, createDecipheriv, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Queryable } from '../../src/db/db.ts';
import { DEFAULT_PUSH_HOSTS, type PushEndpointPolicy } from '../../src/policy/push-endpoint-policy.ts';
import { makeSelfSignedCert } from './self-signed-cert.ts';

/**
 * The explicit test setting (PUSH_ALLOW_LOOPBACK_FOR_TESTS=true in a spawned process): this service
 * listens on http://127.0.0.1, which Siaga refuses by default. push.example.test is the tests'
 * made-up push host for subscriptions that are stored but never reached.
 */
export const TEST_PUSH_POLICY: PushEndpointPolicy = { allowedHosts: [...DEFAULT_PUSH_HOSTS, 'push.example.test'], allowLoopback: true };
/** The strict default plus the made-up host: for API tests that store subscriptions but send nothing. */
export const EXAMPLE_PUSH_POLICY: PushEndpointPolicy = { allowedHosts: [...DEFAULT_PUSH_HOSTS, 'push.example.test'], allowLoopback: false };
export const TEST_PUSH_ENV: NodeJS.ProcessEnv = {
  PUSH_ALLOW_LOOPBACK_FOR_TESTS: 'true',
  PUSH_ALLOWED_HOSTS: TEST_PUSH_POLICY.allowedHosts === 'any' ? '*' : TEST_PUSH_POLICY.allowedHosts.join(','),
};

export interface ReceivedPush {
  subscriptionId: string;
  ttl: number;
  urgency: string | undefined;
  topic: string | undefined;
  payload: string;
  jwt: { aud: string; exp: number; sub: string };
  vapidKey: string;
  receivedAt: number;
  /** The HTTP version the message came over: '1.1' or '2.0'. */
  protocol: string;
}

/**
 * An answer with this status, the request reset after it was read (its HTTP/2 stream, or the
 * HTTP/1.1 connection; `refused`: REFUSED_STREAM, which promises the stream was not processed), or
 * no answer at all.
 */
export type PushFault =
  | { status: number; retryAfter?: string; times?: number }
  | { reset: true; refused?: boolean; times?: number }
  | { silent: true; times?: number };

export interface LocalPushServiceOptions {
  expectedVapidKey?: string;
  latencyMs?: number;
  /** https with a self-signed certificate (trust it with `ca`): HTTP/2 by ALPN with HTTP/1.1 beside it, or HTTP/1.1 only. */
  tls?: {
    http2: boolean;
    /** Host names the certificate names besides 127.0.0.1. */
    names?: string[];
    /** SETTINGS_MAX_CONCURRENT_STREAMS of each HTTP/2 session. */
    maxConcurrentStreams?: number;
  };
  /** Called for each message taken, as the browser it was for would be woken (see push-devices.ts). */
  onMessage?: (message: ReceivedPush) => void;
}

export interface LocalPushService {
  origin: string;
  /** The certificate of an https service (its own CA), for the sender's `ca`. */
  ca: string | undefined;
  newSubscription(id?: string): { endpoint: string; p256dh: string; auth: string };
  received: ReceivedPush[];
  /** Requests refused (bad JWT, undecryptable, fault), with the reason. */
  refused: { subscriptionId: string; status: number; reason: string }[];
  countFor(id: string): number;
  setFault(id: string, fault: PushFault | undefined): void;
  /** Connections accepted so far (TCP for http, TLS for https), and how many are open now. */
  connections(): { opened: number; open: number };
  /** The most requests this service was answering at one moment. */
  peakInFlight(): number;
  /** Sends GOAWAY on every open HTTP/2 session and closes it once its streams are done. */
  goAway(): void;
  close(): Promise<void>;
}

type Request = http.IncomingMessage | http2.Http2ServerRequest;
interface Response {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
}

interface Subscriber {
  ecdh: ReturnType<typeof createECDH>;
  publicKey: Buffer;
  auth: Buffer;
}

export async function startLocalPushService(options: LocalPushServiceOptions = {}): Promise<LocalPushService> {
  const subscribers = new Map<string, Subscriber>();
  const faults = new Map<string, PushFault>();
  const received: ReceivedPush[] = [];
  const refused: LocalPushService['refused'] = [];
  const sockets = new Set<Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  let origin = '';
  let nextId = 0;
  let opened = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  const handle = (req: Request, res: Response) => {
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = decodeURIComponent(/^\/push\/(.+)$/.exec(req.url ?? '')?.[1] ?? '');
      const answer = (status: number, reason: string, headers: Record<string, string> = {}) => {
        inFlight -= 1;
        if (status >= 400) refused.push({ subscriptionId: id, status, reason });
        res.writeHead(status, { 'content-type': 'text/plain', ...headers });
        res.end(reason);
      };
      if (req.method !== 'POST') return answer(405, 'POST only');
      const subscriber = subscribers.get(id);
      if (!subscriber) return answer(404, 'no such subscription');
      const fault = faults.get(id);
      if (fault && (fault.times === undefined || fault.times > 0)) {
        if (fault.times !== undefined) fault.times -= 1;
        if ('reset' in fault) {
          inFlight -= 1;
          refused.push({ subscriptionId: id, status: 0, reason: 'injected reset' });
          if ('stream' in req)
            return void req.stream.close(fault.refused ? http2.constants.NGHTTP2_REFUSED_STREAM : http2.constants.NGHTTP2_INTERNAL_ERROR);
          return void req.socket.destroy();
        }
        if ('silent' in fault) return void refused.push({ subscriptionId: id, status: 0, reason: 'injected silence' });
        return answer(fault.status, `injected ${fault.status}`, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      }
      const auth = checkVapid(req.headers.authorization, origin, options.expectedVapidKey);
      if ('error' in auth) return answer(auth.status, auth.error);
      if (req.headers['content-encoding'] !== 'aes128gcm') return answer(400, 'Content-Encoding must be aes128gcm');
      const ttl = Number(req.headers.ttl);
      if (req.headers.ttl === undefined || !Number.isInteger(ttl) || ttl < 0) return answer(400, 'a TTL header is required');
      const topic = req.headers.topic as string | undefined;
      if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return answer(400, 'bad Topic');
      let payload: string;
      try {
        payload = decryptAes128gcm(Buffer.concat(chunks), subscriber).toString('utf8');
      } catch (err) {
        return answer(400, `cannot decrypt: ${err instanceof Error ? err.message : String(err)}`);
      }
      const message: ReceivedPush = {
        subscriptionId: id,
        ttl,
        urgency: req.headers.urgency as string | undefined,
        topic,
        payload,
        jwt: auth.claims,
        vapidKey: auth.key,
        receivedAt: Date.now(),
        protocol: req.httpVersion,
      };
      received.push(message);
      options.onMessage?.(message);
      // A slow push service (latencyMs) keeps a fan-out in flight long enough to inject a fault into it;
      // the message counts as received before the answer, as at a real one.
      const location = `${origin}/message/${received.length}`;
      const reply = () => {
        inFlight -= 1;
        res.writeHead(201, { location });
        res.end('');
      };
      if (options.latencyMs) setTimeout(reply, options.latencyMs);
      else reply();
    });
  };

  const { tls } = options;
  const keys = tls ? await makeSelfSignedCert(tls.names) : undefined;
  const server =
    !tls || !keys
      ? http.createServer(handle)
      : tls.http2
        ? http2.createSecureServer(
            {
              ...keys,
              allowHTTP1: true,
              ...(tls.maxConcurrentStreams !== undefined && { settings: { maxConcurrentStreams: tls.maxConcurrentStreams } }),
            },
            handle,
          )
        : https.createServer(keys, handle);
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 30_000;
  const track = (socket: Socket) => {
    opened += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  server.on(tls ? 'secureConnection' : 'connection', track);
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    ca: keys?.cert,
    newSubscription(id = `s${nextId++}`) {
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      subscribers.set(id, { ecdh, publicKey, auth });
      return {
        endpoint: `${origin}/push/${encodeURIComponent(id)}`,
        p256dh: publicKey.toString('base64url'),
        auth: auth.toString('base64url'),
      };
    },
    received,
    refused,
    countFor: (id) => received.filter((m) => m.subscriptionId === id).length,
    setFault(id, fault) {
      if (fault) faults.set(id, { ...fault });
      else faults.delete(id);
    },
    connections: () => ({ opened, open: sockets.size }),
    peakInFlight: () => peakInFlight,
    goAway() {
      for (const session of sessions) session.close();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

type VapidCheck = { claims: ReceivedPush['jwt']; key: string } | { status: number; error: string };

function checkVapid(header: string | undefined, origin: string, expectedKey: string | undefined): VapidCheck {
  const m = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m?.[1] || !m[2]) return { status: 401, error: 'Authorization must be "vapid t=<jwt>, k=<key>"' };
  const [token, key] = [m[1], m[2]];
  if (expectedKey && key !== expectedKey) return { status: 403, error: 'VAPID key is not the one this subscription was made with' };
  const [head, body, signature] = token.split('.') as [string, string, string];
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65) return { status: 401, error: 'k is not an uncompressed P-256 point' };
  const publicKey = createPublicKey({
    format: 'jwk',
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
  });
  const jose = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
  if (jose.alg !== 'ES256') return { status: 401, error: 'JWT alg must be ES256' };
  if (
    !verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))
  ) {
    return { status: 401, error: 'JWT signature does not verify with k' };
  }
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as ReceivedPush['jwt'];
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== origin) return { status: 403, error: `JWT aud "${claims.aud}" is not this push service (${origin})` };
  if (!(claims.exp > now)) return { status: 403, error: 'JWT has expired' };
  if (claims.exp > now + 24 * 3600) return { status: 403, error: 'JWT exp is more than 24 h ahead' };
  if (!/^(mailto:|https:)/.test(claims.sub ?? '')) return { status: 403, error: 'JWT sub must be a mailto: or https: URI' };
  return { claims, key };
}

/** RFC 8188 aes128gcm with the RFC 8291 key derivation; one record (push payloads are small). */
function decryptAes128gcm(body: Buffer, subscriber: Subscriber): Buffer {
  if (body.length < 21 + 65 + 17) throw new Error('body too short for an aes128gcm header and one record');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] as number;
  if (idlen !== 65) throw new Error(`keyid length ${idlen}, expected the 65-byte sender public key`);
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (record.length > rs) throw new Error('more than one record');
  const shared = subscriber.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), subscriber.publicKey, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, subscriber.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // Padding: the content, a delimiter 0x02 (last record), then zeros.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end -= 1;
  if (plain[end] !== 2) throw new Error('missing the last-record padding delimiter 0x02');
  return plain.subarray(0, end);
}

/** Gives every currently registered household one subscription at the local push service. */
export async function subscribeEveryHousehold(db: Queryable, push: LocalPushService): Promise<void> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM households WHERE valid_to IS NULL`);
  for (const h of rows) {
    const sub = push.newSubscription(h.id);
    await db.query(`INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)`, [
      h.id,
      sub.endpoint,
      sub.p256dh,
      sub.auth,
    ]);
  }
}
