// An HTTP API under test: Siaga's own server with the given routes on a free local port, and a
// JSON client for it (bearer token, JSON body; the answer's status, content type, headers, body).
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/db/db.ts';
import type { Route } from '../../src/http/route.ts';
import { createServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';

export type Json = Record<string, unknown>;

export interface ApiAnswer {
  status: number;
  type: string | null;
  headers: Headers;
  /** The JSON body; undefined when the answer has none (204). */
  body: Json;
}

export interface TestApi {
  base: string;
  request(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export async function startTestApi(db: Db, routes: Route[], options: { clientRateLimitPerMinute?: number } = {}): Promise<TestApi> {
  const server = createServer({ db, logger: createLogger('silent'), feeds: [], liaisonToken: undefined, routes, ...options });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    async request(method, path, { token, body } = {}) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        headers: res.headers,
        body: (text ? JSON.parse(text) : undefined) as Json,
      };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
