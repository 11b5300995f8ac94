// The liaison API's authorisation: a bearer token compared in constant time. Both sides are hashed
// first so that their lengths never leak through timing either.
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

export type AuthVerdict = { ok: true } | { ok: false; status: 401 | 503; error: string };

export function checkLiaisonToken(req: http.IncomingMessage, expected: string | undefined): AuthVerdict {
  if (!expected) return { ok: false, status: 503, error: 'the liaison API is not configured (set LIAISON_TOKEN)' };
  const header = req.headers.authorization ?? '';
  const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!given) return { ok: false, status: 401, error: 'a liaison token is required: Authorization: Bearer <token>' };
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(given), digest(expected))) return { ok: false, status: 401, error: 'the liaison token is not valid' };
  return { ok: true };
}
