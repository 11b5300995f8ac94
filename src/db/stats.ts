// Counts for `siaga stats`: what is loaded, and where the registered households are.
import type { Queryable } from './db.ts';
import { many, one } from './sql.ts';
import type { AdminLevel } from '../registry/admin-code.ts';

export interface AreaHouseholds {
  code: string;
  name: string | null;
  households: number;
  people: number;
  vulnerable_households: number;
  /** People who need help (one person counts once, whatever their conditions). */
  vulnerable_people: number;
}

export interface RegistryStats {
  areas: Record<AdminLevel, number>;
  households: { total: number; people: number; vulnerable_households: number; vulnerable_people: number; with_phone: number };
  teams: { teams: number; members: number };
  households_by_regency: AreaHouseholds[];
  households_by_district: AreaHouseholds[];
}

const COUNT_AREAS = `SELECT level, count(*) AS n FROM admin_areas GROUP BY level`;

const COUNT_HOUSEHOLDS = `
SELECT count(*) AS total, coalesce(sum(members), 0) AS people,
       count(*) FILTER (WHERE vulnerable > 0) AS vulnerable_households,
       coalesce(sum(vulnerable), 0) AS vulnerable_people,
       count(phone) AS with_phone
FROM households WHERE valid_to IS NULL`;

const COUNT_TEAMS = `SELECT (SELECT count(*) FROM tagana_teams) AS teams, (SELECT count(*) FROM tagana_members WHERE active) AS members`;

// Villages' codes carry their district and regency as prefixes, so grouping needs no join.
const HOUSEHOLDS_BY_PREFIX = `
SELECT g.code, a.name, g.households, g.people, g.vulnerable_households, g.vulnerable_people
FROM (
  SELECT left(village_code, $1) AS code, count(*) AS households, sum(members) AS people,
         count(*) FILTER (WHERE vulnerable > 0) AS vulnerable_households, sum(vulnerable) AS vulnerable_people
  FROM households WHERE valid_to IS NULL GROUP BY 1
) g LEFT JOIN admin_areas a ON a.code = g.code
ORDER BY g.code`;

export async function registryStats(db: Queryable): Promise<RegistryStats> {
  const areas: Record<AdminLevel, number> = { province: 0, regency: 0, district: 0, village: 0 };
  for (const r of await many<{ level: AdminLevel; n: number }>(db, COUNT_AREAS)) areas[r.level] = r.n;
  const households = await one<RegistryStats['households']>(db, COUNT_HOUSEHOLDS);
  const teams = await one<RegistryStats['teams']>(db, COUNT_TEAMS);
  return {
    areas,
    households: { ...households, people: Number(households.people), vulnerable_people: Number(households.vulnerable_people) },
    teams,
    households_by_regency: await byPrefix(db, 5),
    households_by_district: await byPrefix(db, 8),
  };
}

async function byPrefix(db: Queryable, length: number): Promise<AreaHouseholds[]> {
  const rows = await many<AreaHouseholds>(db, HOUSEHOLDS_BY_PREFIX, [length]);
  return rows.map((r) => ({ ...r, people: Number(r.people), vulnerable_people: Number(r.vulnerable_people) }));
}
