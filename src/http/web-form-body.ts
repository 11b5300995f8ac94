// The body of an HTML form post (application/x-www-form-urlencoded), small and bounded.
import type http from 'node:http';
import { HttpError } from './route.ts';

const MAX_BYTES = 16 * 1024;

export async function readFormBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new HttpError(415, 'send the form as application/x-www-form-urlencoded');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new HttpError(413, `the form is larger than ${MAX_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
