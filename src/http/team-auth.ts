// Who is calling the team API: the team whose token is in `Authorization: Bearer <token>`. Tokens
// are looked up by their SHA-256 (src/secret-token.ts); a revoked or unknown one answers 401.
import type http from 'node:http';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { isActiveMember } from '../db/tagana-task-queries.ts';
import { teamForToken } from '../db/tagana-team-tokens.ts';
import { bearerToken, sha256Hex } from '../secret-token.ts';
import { HttpError } from './route.ts';

export async function teamOfRequest(db: Db, req: http.IncomingMessage): Promise<string> {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new HttpError(401, 'send your team token as "Authorization: Bearer <token>"', { 'www-authenticate': 'Bearer' });
  const team = await teamForToken(db, sha256Hex(token));
  if (!team)
    throw new HttpError(401, 'this token does not belong to any team (or was revoked)', {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  return team;
}

/** A member id as teams send it with their moves (`member`: who did it). */
export const MemberId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a member id of your team');

/** A move's body: an optional note, and which member of the calling team made it. */
export const MoveBody = z.object({
  note: z.string().trim().max(2000).optional(),
  member: MemberId.optional(),
});

/** How the move is recorded: `team` or `team/member`; a member of another team (or inactive) answers 422. */
export async function actorOf(db: Db, team: string, member: string | undefined): Promise<string> {
  if (member === undefined) return team;
  if (!(await isActiveMember(db, member, team))) throw new HttpError(422, `member: "${member}" is not an active member of team ${team}`);
  return `${team}/${member}`;
}
