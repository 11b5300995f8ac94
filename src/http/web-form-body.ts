// The body of an HTML form post (application/x-www-form-urlencoded), small, bounded and checked
// for control characters (src/http/input-boundary.ts).
import type http from 'node:http';
import { checkForm } from './input-boundary.ts';
import { readCappedBody } from './read-capped-body.ts';
import { HttpError } from './route.ts';

const MAX_BYTES = 16 * 1024;

export async function readFormBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new HttpError(415, 'send the form as application/x-www-form-urlencoded');
  const form = new URLSearchParams((await readCappedBody(req, MAX_BYTES, 'the form')).toString('utf8'));
  checkForm(form);
  return form;
}
