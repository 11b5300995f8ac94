// Web push over HTTP/1.1: one request per message on keep-alive agents. The path for plain http
// (the tests' local push service) and for a push service whose TLS handshake did not choose h2.
// The socket connects to the address the sender checked and nowhere else: the agent's lookup is
// replaced by one that answers with that address (TLS still verifies the name).
// A request that fails says whether the push service may have it (PushRequestError): only one
// written in full may; a reset on a reused keep-alive socket before any answer is the server having
// closed that idle connection unread, as Node's documentation describes, and is safe to send again.
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { PushRequestError, type PushAnswer, type ResolvedAddress } from './push-types.ts';

export interface Http1Poster {
  post(url: URL, target: ResolvedAddress, headers: Record<string, string>, body: Buffer): Promise<PushAnswer>;
  close(): void;
}

export function createHttp1Poster(options: { timeoutMs: number; maxSockets: number; ca?: string | string[] }): Http1Poster {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: options.maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets: options.maxSockets, ...(options.ca !== undefined && { ca: options.ca }) }),
  };
  const { timeoutMs } = options;
  return {
    post: (url, target, headers, body) =>
      new Promise((resolve, reject) => {
        const secure = url.protocol === 'https:';
        const lookup = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
          opts.all ? cb(null, [target]) : cb(null, target.address, target.family);
        let answered = false;
        const fail = (err: Error) => {
          const closedUnread = req.reusedSocket && !answered && (err as NodeJS.ErrnoException).code === 'ECONNRESET';
          reject(new PushRequestError(err.message, req.writableFinished && !closedUnread));
        };
        const req = (secure ? https : http).request(
          url,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': String(body.length) },
            agent: secure ? agents.https : agents.http,
            timeout: timeoutMs,
            lookup: lookup as unknown as net.LookupFunction,
          },
          (res) => {
            answered = true;
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              if (text.length < 2000) text += c;
            });
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, location: res.headers.location, retryAfter: res.headers['retry-after'], body: text }),
            );
            res.on('error', fail);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', fail);
        req.end(body);
      }),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
