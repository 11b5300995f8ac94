// Who is calling the liaison's hazard API. Two kinds of bearer token are accepted:
//   - a personal staff token (siaga users token add USERNAME): a liaison account, which may read,
//     approve and reject; every decision is recorded under that account, never under a typed name;
//   - the shared LIAISON_TOKEN: reads only. It names nobody, so it cannot be one of four eyes.
import type http from 'node:http';
import type { Db } from '../db/db.ts';
import { staffTokenUser } from '../db/staff-api-tokens.ts';
import { sha256Hex } from '../secret-token.ts';
import { checkLiaisonToken } from './liaison-auth.ts';
import { HttpError } from './route.ts';

export type HazardCaller = { kind: 'shared' } | { kind: 'staff'; username: string };

export const SHARED_TOKEN_CANNOT_DECIDE =
  'the shared liaison token (LIAISON_TOKEN) can read candidates but not approve or reject them: a decision is recorded under a person. Use your personal token (siaga users token add USERNAME)';

export async function hazardCaller(req: http.IncomingMessage, db: Db, sharedToken: string | undefined, now: Date): Promise<HazardCaller> {
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!given)
    throw new HttpError(401, 'a token is required: Authorization: Bearer <your personal token>', { 'www-authenticate': 'Bearer' });
  if (sharedToken && checkLiaisonToken(req, sharedToken).ok) return { kind: 'shared' };
  const user = /^[A-Za-z0-9_-]{43}$/.test(given) ? await staffTokenUser(db, sha256Hex(given), now) : undefined;
  if (!user)
    throw new HttpError(401, 'this token is not valid (revoked, its account disabled, or never issued)', {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  if (user.role !== 'liaison') throw new HttpError(403, `account "${user.username}" is not a liaison account`);
  return { kind: 'staff', username: user.username };
}

/** The account that decides; the shared token is refused. */
export function decidingAccount(caller: HazardCaller): string {
  if (caller.kind !== 'staff') throw new HttpError(403, SHARED_TOKEN_CANNOT_DECIDE);
  return caller.username;
}
