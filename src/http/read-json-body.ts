// Request bodies: JSON only, size-capped while reading (a 1 GB body is refused at the cap, not
// buffered), then validated with a zod schema whose problems are reported with their paths.
import type http from 'node:http';
import type { z } from 'zod';
import { checkJson } from './input-boundary.ts';
import { readCappedBody } from './read-capped-body.ts';
import { HttpError } from './route.ts';

const MAX_BODY_BYTES = 16 * 1024;

/**
 * `refuse`: the error to throw when the body does not fit the schema, for routes that answer each
 * field's problem on its own (the registration); otherwise a 422 naming every problem's path.
 */
export async function readJsonBody<T extends z.ZodType>(
  req: http.IncomingMessage,
  schema: T,
  maxBytes = MAX_BODY_BYTES,
  refuse?: (issues: readonly z.core.$ZodIssue[], body: unknown, message: string) => Error,
): Promise<z.infer<T>> {
  const type = req.headers['content-type'] ?? '';
  // Exactly application/json (a charset parameter allowed): json-patch+json and friends mean other
  // semantics than "these are the fields", so they are refused rather than read as if they were.
  if (!/^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(type))
    throw new HttpError(415, `send the body as application/json (got "${type.slice(0, 80) || 'no content-type'}")`);
  const bytes = await readCappedBody(req, maxBytes, 'the body');
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  checkJson(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
    throw refuse ? refuse(parsed.error.issues, value, message) : new HttpError(422, message);
  }
  return parsed.data;
}
