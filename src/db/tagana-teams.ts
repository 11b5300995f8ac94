// Statements on tagana_teams, tagana_team_areas and tagana_members.
import type { Queryable } from './db.ts';
import { many } from './sql.ts';
import type { Team } from '../registry/team-file.ts';

const UPSERT_TEAM = `
INSERT INTO tagana_teams (code, name) VALUES ($1, $2)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
RETURNING (xmax = 0) AS inserted`;

// Two statements: a data-modifying CTE's DELETE is not visible to the INSERT beside it, so the
// primary key would see both the old and the new row.
const DELETE_AREAS = `DELETE FROM tagana_team_areas WHERE team_code = $1`;
const INSERT_AREAS = `INSERT INTO tagana_team_areas (team_code, area_code) SELECT $1, unnest($2::text[])`;

const UPSERT_MEMBERS = `
INSERT INTO tagana_members (id, team_code, name, role, phone, email, active)
SELECT m.id, $1, m.name, m.role, m.phone, m.email, m.active
FROM json_to_recordset($2::json) AS m(id text, name text, role text, phone text, email text, active boolean)
ON CONFLICT (id) DO UPDATE SET team_code = EXCLUDED.team_code, name = EXCLUDED.name, role = EXCLUDED.role,
  phone = EXCLUDED.phone, email = EXCLUDED.email, active = EXCLUDED.active`;

// Members dropped from the file are deactivated, not deleted: tasks they worked keep their names.
const DEACTIVATE_MISSING = `
UPDATE tagana_members SET active = false WHERE team_code = $1 AND active AND NOT (id = ANY($2::text[]))`;

const UNKNOWN_AREAS = `
SELECT a.code FROM unnest($1::text[]) AS a(code)
WHERE NOT EXISTS (SELECT 1 FROM admin_areas x WHERE x.code = a.code) ORDER BY a.code`;

export async function upsertTeam(tx: Queryable, team: Team): Promise<{ inserted: boolean; deactivated: number }> {
  const [row] = await many<{ inserted: boolean }>(tx, UPSERT_TEAM, [team.code, team.name]);
  await tx.query(DELETE_AREAS, [team.code]);
  await tx.query(INSERT_AREAS, [team.code, [...new Set(team.areas)]]);
  const members = team.members.map((m) => ({ ...m, phone: m.phone ?? null, email: m.email ?? null }));
  if (members.length > 0) await tx.query(UPSERT_MEMBERS, [team.code, JSON.stringify(members)]);
  const deactivated = (await tx.query(DEACTIVATE_MISSING, [team.code, members.map((m) => m.id)])).rowCount;
  return { inserted: row?.inserted ?? false, deactivated };
}

/** Codes that no imported area has (a team may be loaded before its boundaries). */
export async function findUnknownAreaCodes(db: Queryable, codes: readonly string[]): Promise<string[]> {
  return (await many<{ code: string }>(db, UNKNOWN_AREAS, [[...new Set(codes)]])).map((r) => r.code);
}
