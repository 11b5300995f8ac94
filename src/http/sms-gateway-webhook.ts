// What the SMS gateway's webhooks (receipts, inbound SMS) share: the gateway's bearer token,
// compared in constant time, and a small JSON body.
import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { readCappedBody } from './read-capped-body.ts';
import { HttpError } from './route.ts';

export function checkGatewayToken(req: http.IncomingMessage, token: string): void {
  const given = Buffer.from(/^Bearer\s+(.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new HttpError(401, 'the SMS gateway token is missing or wrong');
}

export async function readGatewayJson(req: http.IncomingMessage, maxBytes: number, what: string): Promise<unknown> {
  const bytes = await readCappedBody(req, maxBytes, what);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, `${what} is not valid JSON`);
  }
}
