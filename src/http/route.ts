// The shape of an HTTP route: the server matches method and path, applies the route's guard
// (liaison token, rate limit), and sends what the handler returns as JSON.
import type http from 'node:http';

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
export type Handler = (req: http.IncomingMessage, url: URL, params: string[]) => Promise<Reply>;

export interface Route {
  method: string;
  path: RegExp;
  /** Behind the liaison bearer token. */
  liaison?: boolean;
  /** Counted against the per-client rate limit of the residents' API. */
  rateLimited?: boolean;
  handler: Handler;
}

/** A 4xx answer a handler throws from deep inside (bad body, wrong token): the server sends it as is. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
  }
}
