// Staff sessions: the cookie holds a random token, the table only its SHA-256 (a leaked table
// cannot be replayed). A session ends at its expiry, at sign-out, or when its account is disabled.
import type { Queryable } from './db.ts';
import { maybeOne } from './sql.ts';
import type { StaffRole } from './web-users.ts';

export interface SessionUser {
  user_id: number;
  username: string;
  role: StaffRole;
  team_code: string | null;
  member_id: string | null;
}

export async function insertSession(db: Queryable, tokenSha256: string, userId: number, now: Date, expiresAt: Date): Promise<void> {
  // Expired sessions are swept whenever someone signs in: the table never grows without bound.
  await db.query(`DELETE FROM web_sessions WHERE expires_at <= $1`, [now]);
  await db.query(`INSERT INTO web_sessions (token_sha256, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
    tokenSha256,
    userId,
    now,
    expiresAt,
  ]);
}

export async function sessionUser(db: Queryable, tokenSha256: string, now: Date): Promise<SessionUser | undefined> {
  return maybeOne<SessionUser>(
    db,
    `SELECT u.id::int AS user_id, u.username, u.role, u.team_code, u.member_id
     FROM web_sessions s JOIN web_users u ON u.id = s.user_id
     WHERE s.token_sha256 = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [tokenSha256, now],
  );
}

export async function deleteSession(db: Queryable, tokenSha256: string): Promise<void> {
  await db.query(`DELETE FROM web_sessions WHERE token_sha256 = $1`, [tokenSha256]);
}
