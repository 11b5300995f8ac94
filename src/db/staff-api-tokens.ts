// Personal API tokens of staff accounts (migrations/0016_staff_api_tokens.sql): only the SHA-256 is
// kept. A token works while it is not revoked and its account is not disabled.
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';
import type { StaffRole } from './web-users.ts';

export interface StaffTokenUser {
  token_id: number;
  user_id: number;
  username: string;
  role: StaffRole;
}

export interface StaffTokenRow {
  id: number;
  username: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export async function insertStaffToken(db: Queryable, userId: number, tokenSha256: string, label: string, now: Date): Promise<number> {
  return (
    await one<{ id: number }>(
      db,
      `INSERT INTO staff_api_tokens (user_id, token_sha256, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id::int`,
      [userId, tokenSha256, label, now],
    )
  ).id;
}

/** The account of a working token, marking it used. */
export async function staffTokenUser(db: Queryable, tokenSha256: string, now: Date): Promise<StaffTokenUser | undefined> {
  return maybeOne<StaffTokenUser>(
    db,
    `UPDATE staff_api_tokens t SET last_used_at = $2 FROM web_users u
     WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL AND u.id = t.user_id AND u.disabled_at IS NULL
     RETURNING t.id::int AS token_id, u.id::int AS user_id, u.username, u.role`,
    [tokenSha256, now],
  );
}

export async function listStaffTokens(db: Queryable): Promise<StaffTokenRow[]> {
  return many<StaffTokenRow>(
    db,
    `SELECT t.id::int, u.username, t.label, t.created_at::text, t.last_used_at::text, t.revoked_at::text
     FROM staff_api_tokens t JOIN web_users u ON u.id = t.user_id ORDER BY t.id`,
  );
}

/** Revokes one token; false when there is no such working token. */
export async function revokeStaffToken(db: Queryable, id: number, now: Date): Promise<boolean> {
  return (
    (await maybeOne<{ id: number }>(db, `UPDATE staff_api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [
      id,
      now,
    ])) !== undefined
  );
}
