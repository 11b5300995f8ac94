// Web push over HTTP/2: one multiplexed session per push-service origin, shared by every message to
// it. The big push services (FCM, Mozilla autopush, Apple) choose h2 by ALPN; one TLS connection
// then carries all the messages in flight, and HPACK sends the VAPID Authorization (the same for a
// whole origin) in full once per connection instead of once per request.
//   Pinning: the TLS connection goes to the address the sender checked (DNS rebinding cannot steer
//   it), while the certificate is still verified against the host name (SNI = host).
//   Fallback: a handshake that does not choose h2 is remembered for the origin for a while, and
//   the caller sends over HTTP/1.1; the origin is asked again later.
//   Lifetime: a session is retired on GOAWAY, error, close or idleness, and the next message opens
//   a new one. A stream error fails only its own message. No more streams are opened at once than
//   the push service's SETTINGS_MAX_CONCURRENT_STREAMS; the rest wait for a free stream.
import { once } from 'node:events';
import http2, { type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import tls from 'node:tls';
import { literalAddress } from '../../policy/push-endpoint-policy.ts';
import { PushRequestError, type PushAnswer, type ResolvedAddress } from './push-types.ts';

export interface Http2Sessions {
  /** The push service's answer over HTTP/2, or 'http/1.1' when the origin does not speak h2. */
  post(url: URL, target: ResolvedAddress, headers: Record<string, string>, body: Buffer): Promise<PushAnswer | 'http/1.1'>;
  stats(): { sessionsOpened: number; requests: number };
  close(): void;
}

export interface Http2SessionOptions {
  timeoutMs: number;
  /** A session with no stream for this long is closed (push services drop idle connections anyway). */
  idleTimeoutMs: number;
  /** Certificates trusted instead of the system's: only the tests' self-signed local push service. */
  ca?: string | string[];
}

/** How long an origin that answered ALPN with HTTP/1.1 is sent HTTP/1.1 before it is asked again. */
const FALLBACK_MEMORY_MS = 10 * 60_000;
/** RFC 9113 §6.5.2: unlimited until the peer says otherwise; 100 is the floor it recommends peers allow. */
const STREAMS_WHEN_UNANNOUNCED = 100;
/** A message meeting this many sessions retired under it in a row gives up its attempt. */
const SESSIONS_PER_ATTEMPT = 3;

interface Session {
  h2: ClientHttp2Session;
  /** Streams open now, or promised to a waiting message. */
  active: number;
  /** Messages waiting for a stream; told `false` when the session retires under them. */
  waiting: ((granted: boolean) => void)[];
  usable: boolean;
  /** Takes the session out of use: the next message opens a new one; it closes once its streams are done. */
  retire(): void;
}

type Connection = Session | 'http/1.1';

export function createHttp2Sessions(options: Http2SessionOptions): Http2Sessions {
  const { timeoutMs, idleTimeoutMs } = options;
  const byOrigin = new Map<string, { connection: Promise<Connection> }>();
  const live = new Set<Session>();
  let sessionsOpened = 0;
  let requests = 0;
  let closed = false;

  const connectionFor = (url: URL, target: ResolvedAddress): Promise<Connection> => {
    const known = byOrigin.get(url.origin);
    if (known) return known.connection;
    const entry = { connection: open(url, target, () => forget(url.origin, entry)) };
    byOrigin.set(url.origin, entry);
    entry.connection.then(
      (c) => c === 'http/1.1' && setTimeout(() => forget(url.origin, entry), FALLBACK_MEMORY_MS).unref(),
      () => forget(url.origin, entry),
    );
    return entry.connection;
  };
  const forget = (origin: string, entry: { connection: Promise<Connection> }) => {
    if (byOrigin.get(origin) === entry) byOrigin.delete(origin);
  };

  const open = async (url: URL, target: ResolvedAddress, retired: () => void): Promise<Connection> => {
    const socket = tls.connect({
      host: target.address,
      port: Number(url.port) || 443,
      ...(literalAddress(url) === undefined && { servername: url.hostname.replace(/\.$/, '') }),
      ALPNProtocols: ['h2', 'http/1.1'],
      ...(options.ca !== undefined && { ca: options.ca }),
    });
    const handshakeTimeout = () => socket.destroy(new Error(`no TLS handshake with ${url.host} within ${timeoutMs} ms`));
    socket.setTimeout(timeoutMs, handshakeTimeout);
    await once(socket, 'secureConnect');
    socket.setTimeout(0);
    socket.off('timeout', handshakeTimeout);
    if (closed) {
      socket.destroy();
      throw new Error('the push sender is closed');
    }
    if (socket.alpnProtocol !== 'h2') {
      socket.destroy();
      return 'http/1.1';
    }
    const h2 = http2.connect(url.origin, { createConnection: () => socket, settings: { enablePush: false } });
    const retire = () => {
      if (!session.usable) return;
      session.usable = false;
      retired();
      for (const wake of session.waiting.splice(0)) wake(false);
      if (!h2.closed) h2.close();
    };
    const session: Session = { h2, active: 0, waiting: [], usable: true, retire };
    h2.on('goaway', retire);
    h2.on('error', retire);
    h2.on('close', () => {
      retire();
      live.delete(session);
    });
    // Timer activity includes streams, so this fires only after idleTimeoutMs without any.
    h2.setTimeout(idleTimeoutMs, () => {
      if (session.active === 0) retire();
    });
    live.add(session);
    sessionsOpened += 1;
    // The server's SETTINGS (its stream limit) come first on every HTTP/2 connection.
    const waited = new AbortController();
    const settingsTimeout = setTimeout(
      () => waited.abort(new Error(`no HTTP/2 SETTINGS from ${url.host} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    h2.once('close', () => waited.abort(new Error(`${url.host} closed the HTTP/2 connection before its SETTINGS`)));
    try {
      await once(h2, 'remoteSettings', { signal: waited.signal });
    } catch (err) {
      h2.destroy();
      throw waited.signal.aborted ? waited.signal.reason : err;
    } finally {
      clearTimeout(settingsTimeout);
    }
    h2.unref();
    return session;
  };

  const streamLimit = (s: Session) => s.h2.remoteSettings.maxConcurrentStreams ?? STREAMS_WHEN_UNANNOUNCED;

  const acquire = (s: Session): boolean | Promise<boolean> => {
    if (!s.usable) return false;
    if (s.active < streamLimit(s)) {
      s.active += 1;
      if (s.active === 1) s.h2.ref();
      return true;
    }
    return new Promise<boolean>((wake) => s.waiting.push(wake));
  };

  const release = (s: Session) => {
    const next = s.usable ? s.waiting.shift() : undefined;
    if (next) return next(true); // the stream passes on; the count stays
    s.active -= 1;
    if (s.active === 0 && !s.h2.destroyed) s.h2.unref();
  };

  const exchange = (session: Session, url: URL, headers: Record<string, string>, body: Buffer): Promise<PushAnswer> =>
    new Promise((resolve, reject) => {
      const stream = session.h2.request({
        ':method': 'POST',
        ':path': `${url.pathname}${url.search}`,
        ...headers,
        'content-length': String(body.length),
      });
      // The push service may have the message once all of it was handed to the session, unless it
      // refused the stream unprocessed (REFUSED_STREAM, also what a GOAWAY does to streams it never saw).
      const fail = (message: string) =>
        reject(new PushRequestError(message, stream.writableFinished && stream.rstCode !== http2.constants.NGHTTP2_REFUSED_STREAM));
      let head: IncomingHttpHeaders | undefined;
      let text = '';
      stream.on('response', (h) => (head = h));
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => {
        if (text.length < 2000) text += c;
      });
      stream.on('end', () => {
        if (!head) return fail('the HTTP/2 stream ended without a response');
        const header = (name: string) => (typeof head?.[name] === 'string' ? (head[name] as string) : undefined);
        resolve({ status: Number(head[':status']), location: header('location'), retryAfter: header('retry-after'), body: text });
      });
      stream.on('error', (err: Error) => fail(err.message));
      // After 'end' this changes nothing; before it, the stream was reset or its session went away.
      stream.on('close', () => fail(`the HTTP/2 stream closed before its answer (error code ${stream.rstCode})`));
      // A silent stream most often means a dead connection (a NAT that forgot it): later messages
      // go over a new session, while the streams already on this one finish or time out.
      stream.setTimeout(timeoutMs, () => {
        fail(`no answer within ${timeoutMs} ms`);
        stream.close(http2.constants.NGHTTP2_CANCEL);
        session.retire();
      });
      stream.end(body);
    });

  return {
    async post(url, target, headers, body) {
      for (let tries = 0; tries < SESSIONS_PER_ATTEMPT; tries += 1) {
        const connection = await connectionFor(url, target);
        if (connection === 'http/1.1') return connection;
        if (!(await acquire(connection))) continue; // retired while this message waited: the next session takes it
        requests += 1;
        try {
          return await exchange(connection, url, headers, body);
        } finally {
          release(connection);
        }
      }
      throw new Error(`${url.host} closed ${SESSIONS_PER_ATTEMPT} HTTP/2 sessions before this message got a stream`);
    },
    stats: () => ({ sessionsOpened, requests }),
    close() {
      closed = true;
      for (const s of live) s.h2.destroy();
      byOrigin.clear();
    },
  };
}
