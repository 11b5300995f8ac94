// Statements on tagana_team_tokens: a team's API tokens, kept as SHA-256 only.
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

const INSERT_TOKEN = `
INSERT INTO tagana_team_tokens (token_sha256, team_code, label, created_at)
SELECT $1, code, $3, $4 FROM tagana_teams WHERE code = $2
RETURNING team_code`;

const TEAM_OF_TOKEN = `SELECT team_code FROM tagana_team_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL`;

const REVOKE_TEAM_TOKENS = `UPDATE tagana_team_tokens SET revoked_at = $2 WHERE team_code = $1 AND revoked_at IS NULL`;

/** Stores a token hash for the team; false when no team has that code. */
export async function insertTeamToken(
  db: Queryable,
  tokenSha256: string,
  teamCode: string,
  label: string | null,
  now: Date,
): Promise<boolean> {
  return (await many(db, INSERT_TOKEN, [tokenSha256, teamCode, label, now])).length === 1;
}

export async function teamForToken(db: Queryable, tokenSha256: string): Promise<string | undefined> {
  return (await maybeOne<{ team_code: string }>(db, TEAM_OF_TOKEN, [tokenSha256]))?.team_code;
}

export async function revokeTeamTokens(db: Queryable, teamCode: string, now: Date): Promise<number> {
  return (await db.query(REVOKE_TEAM_TOKENS, [teamCode, now])).rowCount;
}
