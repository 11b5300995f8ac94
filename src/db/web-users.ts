// Staff accounts of the web pages (migrations/0010_web_sessions.sql).
import type { Queryable } from './db.ts';
import { maybeOne, one } from './sql.ts';

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
