// Conditional GET (RFC 9110 §13) for public documents that aggregators poll: a strong ETag over
// the bytes and Last-Modified at the instant the content last changed. A poller that already has
// this version gets 304 with no body, so polling every minute costs a hash, not a download.
// If-None-Match decides when given; If-Modified-Since only when it is not (§13.2.2).
import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { Reply } from './route.ts';
import { RawBody } from './web-response.ts';

export function conditionalReply(
  req: http.IncomingMessage,
  o: { contentType: string; bytes: string | Buffer; lastModified: Date; cacheControl: string },
): Reply {
  const etag = `"${createHash('sha256').update(o.bytes).digest('base64url').slice(0, 32)}"`;
  // HTTP dates have whole seconds: the comparison below must use the same.
  const modified = new Date(Math.floor(o.lastModified.getTime() / 1000) * 1000);
  const headers = { etag, 'last-modified': modified.toUTCString(), 'cache-control': o.cacheControl };
  const noneMatch = req.headers['if-none-match'];
  const since = req.headers['if-modified-since'];
  const fresh =
    noneMatch !== undefined
      ? noneMatch
          .split(',')
          .map((t) => t.trim().replace(/^W\//, ''))
          .some((t) => t === etag || t === '*')
      : since !== undefined && !Number.isNaN(Date.parse(since)) && modified.getTime() <= Date.parse(since);
  if (fresh) return { status: 304, body: new RawBody(o.contentType, ''), headers };
  return { status: 200, body: new RawBody(o.contentType, o.bytes), headers };
}
