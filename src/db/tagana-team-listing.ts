// Every Tagana team as `siaga teams list` shows it: the areas it covers (with their names when the
// boundaries are imported) and its members, active first.
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

export interface TeamListing {
  code: string;
  name: string;
  updated_at: string;
  areas: { code: string; name: string | null }[];
  members: { id: string; name: string; role: 'coordinator' | 'member'; active: boolean }[];
}

export async function listTeams(db: Queryable): Promise<TeamListing[]> {
  // Aggregated as JSON text: both engines hand it back the same way, whatever their json parsing.
  const rows = await many<{ code: string; name: string; updated_at: string; areas: string; members: string }>(
    db,
    `SELECT t.code, t.name, t.updated_at::text,
       (SELECT coalesce(json_agg(json_build_object('code', ta.area_code, 'name', a.name) ORDER BY ta.area_code), '[]')::text
          FROM tagana_team_areas ta LEFT JOIN admin_areas a ON a.code = ta.area_code WHERE ta.team_code = t.code) AS areas,
       (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'role', m.role, 'active', m.active)
                                 ORDER BY NOT m.active, m.role <> 'coordinator', m.name), '[]')::text
          FROM tagana_members m WHERE m.team_code = t.code) AS members
     FROM tagana_teams t ORDER BY t.code`,
  );
  return rows.map((r) => ({
    ...r,
    areas: JSON.parse(r.areas) as TeamListing['areas'],
    members: JSON.parse(r.members) as TeamListing['members'],
  }));
}
