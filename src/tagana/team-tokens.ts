// Team API tokens: 32 random bytes (base64url) handed to the team once; Siaga keeps only the
// SHA-256, so a leaked database does not leak working tokens.
import type { Queryable } from '../db/db.ts';
import { insertTeamToken } from '../db/tagana-team-tokens.ts';
import { newSecretToken, sha256Hex } from '../secret-token.ts';

export class UnknownTeamError extends Error {
  constructor(readonly teamCode: string) {
    super(`no Tagana team with code "${teamCode}" (see \`siaga stats\`, or import teams first)`);
    this.name = 'UnknownTeamError';
  }
}

/** Issues a new token for the team and returns it (shown once). */
export async function issueTeamToken(db: Queryable, teamCode: string, now: Date, label: string | null = null): Promise<string> {
  const token = newSecretToken();
  if (!(await insertTeamToken(db, sha256Hex(token), teamCode, label, now))) throw new UnknownTeamError(teamCode);
  return token;
}
