// Replies that are not JSON (HTML pages, static assets, redirects). The server sends a RawBody's
// bytes as they are, with its content type, instead of serialising the body as JSON.
import type { Reply } from './route.ts';

export class RawBody {
  constructor(
    readonly contentType: string,
    readonly bytes: string | Buffer,
  ) {}
}

export function htmlReply(status: number, html: string, headers: Record<string, string> = {}): Reply {
  return { status, body: new RawBody('text/html; charset=utf-8', html), headers };
}

/** 303: after a form POST the browser GETs the location, so a reload never re-posts. */
export function redirect(location: string, headers: Record<string, string> = {}): Reply {
  return { status: 303, body: new RawBody('text/plain; charset=utf-8', `see ${location}`), headers: { location, ...headers } };
}
