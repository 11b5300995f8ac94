// The shape of an HTTP route: the server matches method and path, applies the route's guard
// (liaison token, rate limit), and sends what the handler returns as JSON.
import type http from 'node:http';

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
export type Handler = (req: http.IncomingMessage, url: URL, params: string[]) => Promise<Reply>;

/** The API families with their own per-client rate limit (src/http/rate-families.ts). */
export const RATE_FAMILIES = ['residents', 'signin', 'team', 'liaison', 'geojson', 'confirmations', 'cap_feeds'] as const;
export type RateFamily = (typeof RATE_FAMILIES)[number];

export interface Route {
  method: string;
  path: RegExp;
  /** Behind the liaison bearer token. */
  liaison?: boolean;
  /** Counted against the per-client rate limit of the residents' API. */
  rateLimited?: boolean;
  /** The rate limit it counts against, when not the one its path implies (src/http/rate-families.ts). */
  rateFamily?: RateFamily;
  handler: Handler;
}

/** A 4xx answer a handler throws from deep inside (bad body, wrong token): the server sends it as is. */
export class HttpError extends Error {
  /** `page`: what to answer instead of `{ error }` (an HTML page for a form post). */
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly page?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
