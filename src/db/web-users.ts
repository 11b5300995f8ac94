// Staff accounts of the web pages (migrations/0010_web_sessions.sql).
import type { Db, Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';

export type StaffRole = 'liaison' | 'team';

export interface WebUser {
  id: number;
  username: string;
  role: StaffRole;
  team_code: string | null;
  member_id: string | null;
  secret_scrypt: string;
}

export async function insertWebUser(
  db: Queryable,
  u: { username: string; role: StaffRole; teamCode: string | null; memberId: string | null; secretScrypt: string },
): Promise<number> {
  return (
    await one<{ id: number }>(
      db,
      `INSERT INTO web_users (username, role, team_code, member_id, secret_scrypt) VALUES ($1, $2, $3, $4, $5) RETURNING id::int`,
      [u.username, u.role, u.teamCode, u.memberId, u.secretScrypt],
    )
  ).id;
}

export async function findActiveWebUser(db: Queryable, username: string): Promise<WebUser | undefined> {
  return maybeOne<WebUser>(
    db,
    `SELECT id::int, username, role, team_code, member_id, secret_scrypt FROM web_users WHERE username = $1 AND disabled_at IS NULL`,
    [username],
  );
}

export async function teamExists(db: Queryable, code: string): Promise<boolean> {
  return (await maybeOne<{ found: number }>(db, `SELECT 1 AS found FROM tagana_teams WHERE code = $1`, [code])) !== undefined;
}

export interface WebUserListing {
  username: string;
  role: StaffRole;
  team_code: string | null;
  member_id: string | null;
  created_at: string;
  disabled_at: string | null;
  /** Sessions not yet expired nor signed out: an account signed in somewhere now. */
  open_sessions: number;
  /** Personal API tokens not revoked. */
  api_tokens: number;
  /** The last time any of its API tokens was used. Sign-ins themselves are not recorded. */
  last_api_use: string | null;
}

export async function listWebUsers(db: Queryable, now: Date): Promise<WebUserListing[]> {
  return many<WebUserListing>(
    db,
    `SELECT u.username, u.role, u.team_code, u.member_id, u.created_at::text, u.disabled_at::text,
       (SELECT count(*)::int FROM web_sessions s WHERE s.user_id = u.id AND s.expires_at > $1) AS open_sessions,
       (SELECT count(*)::int FROM staff_api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) AS api_tokens,
       (SELECT max(t.last_used_at)::text FROM staff_api_tokens t WHERE t.user_id = u.id) AS last_api_use
     FROM web_users u ORDER BY u.username`,
    [now],
  );
}

export type DisableOutcome = { disabled: true; sessions: number; tokens: number } | { disabled: false; since: string } | undefined;

/**
 * Disables an account: sign-in, its sessions and its API tokens are refused from now on (every
 * lookup checks disabled_at). Its sessions are deleted and its tokens revoked as well, so that
 * `users token list` and the sessions table tell the truth. Undefined for an unknown username;
 * `disabled: false` with the earlier time when it was already disabled.
 */
export async function disableWebUser(db: Db, username: string, now: Date): Promise<DisableOutcome> {
  return db.transaction(async (tx) => {
    const user = await maybeOne<{ id: number; disabled_at: string | null }>(
      tx,
      `SELECT id::int, disabled_at::text FROM web_users WHERE username = $1 FOR UPDATE`,
      [username],
    );
    if (!user) return undefined;
    if (user.disabled_at !== null) return { disabled: false, since: user.disabled_at };
    await tx.query(`UPDATE web_users SET disabled_at = $2 WHERE id = $1`, [user.id, now]);
    const sessions = (await tx.query(`DELETE FROM web_sessions WHERE user_id = $1`, [user.id])).rowCount;
    const tokens = (await tx.query(`UPDATE staff_api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [user.id, now]))
      .rowCount;
    return { disabled: true, sessions, tokens };
  });
}
