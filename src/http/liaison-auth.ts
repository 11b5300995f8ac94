// The liaison API's authorisation: a bearer token compared in constant time.
import type http from 'node:http';
import { sameSecret } from './same-secret.ts';

export type AuthVerdict = { ok: true } | { ok: false; status: 401 | 503; error: string };

export function checkLiaisonToken(req: http.IncomingMessage, expected: string | undefined): AuthVerdict {
  if (!expected) return { ok: false, status: 503, error: 'the liaison API is not configured (set LIAISON_TOKEN)' };
  const given = givenBearer(req);
  if (!given) return { ok: false, status: 401, error: 'a liaison token is required: Authorization: Bearer <token>' };
  if (!sameSecret(given, expected)) return { ok: false, status: 401, error: 'the liaison token is not valid' };
  return { ok: true };
}

/** The token of `Authorization: Bearer <token>`, whatever its shape; undefined without one. */
export function givenBearer(req: http.IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}
