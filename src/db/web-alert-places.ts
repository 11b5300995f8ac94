// Where each listed warning is, for the pages that tell warnings apart and show their times in the
// zone of their place: how many of the villages it reaches lie in each time zone, the kecamatan
// (district) and kabupaten/kota (regency) codes and names of those villages, a few village names
// for registries that hold no district outlines, the areas as the author described them, and the
// sent time as written (its offset says the author's zone when no village is reached).
import { zoneOfAreaCodeSql, type IndonesianZone } from '../time/indonesian-time-zone.ts';
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

export interface AlertPlaceRow {
  alert_id: number;
  sent_raw: string | null;
  zones: Partial<Record<IndonesianZone, number>>;
  /** The districts reaching most villages first. */
  districts: { code: string; name: string }[];
  regency_codes: string[];
  regencies: { code: string; name: string }[];
  /** The villages reaching the most households first, at most four. */
  villages: string[];
  village_count: number;
  area_descs: string[];
}

// The zone expression is built once from the fixed province lists (no input reaches it).
const PLACES = `
WITH t AS (SELECT alert_id, village_code, households FROM alert_target_villages WHERE alert_id = ANY($1::bigint[]))
SELECT a.id::int AS alert_id, a.sent_raw,
  coalesce((SELECT jsonb_object_agg(z.zone, z.n) FROM (SELECT ${zoneOfAreaCodeSql('t.village_code')} AS zone, count(*)::int AS n FROM t WHERE t.alert_id = a.id GROUP BY 1) z), '{}'::jsonb) AS zones,
  coalesce((SELECT jsonb_agg(jsonb_build_object('code', d.code, 'name', d.name) ORDER BY c.n DESC, d.code)
            FROM (SELECT left(t.village_code, 8) AS code, count(*) AS n FROM t WHERE t.alert_id = a.id GROUP BY 1) c
            JOIN admin_areas d ON d.code = c.code AND d.level = 'district'), '[]'::jsonb) AS districts,
  coalesce((SELECT array_agg(DISTINCT left(t.village_code, 5)) FROM t WHERE t.alert_id = a.id), '{}') AS regency_codes,
  coalesce((SELECT jsonb_agg(jsonb_build_object('code', r.code, 'name', r.name) ORDER BY r.code) FROM admin_areas r
            WHERE r.level = 'regency' AND r.code IN (SELECT left(t.village_code, 5) FROM t WHERE t.alert_id = a.id)), '[]'::jsonb) AS regencies,
  coalesce((SELECT array_agg(v.name ORDER BY v.households DESC, v.code) FROM (
     SELECT t.households, n.code, n.name FROM t JOIN admin_areas n ON n.code = t.village_code WHERE t.alert_id = a.id ORDER BY t.households DESC, n.code LIMIT 4) v), '{}') AS villages,
  (SELECT count(*)::int FROM t WHERE t.alert_id = a.id) AS village_count,
  coalesce((SELECT array_agg(DISTINCT s.area_desc) FROM alert_shapes s WHERE s.alert_id = a.id AND s.area_desc <> ''), '{}') AS area_descs
FROM alerts a WHERE a.id = ANY($1::bigint[])`;

export async function alertPlaces(db: Queryable, alertIds: readonly number[]): Promise<Map<number, AlertPlaceRow>> {
  if (alertIds.length === 0) return new Map();
  const rows = await many<AlertPlaceRow>(db, PLACES, [alertIds]);
  return new Map(rows.map((r) => [r.alert_id, r]));
}

/** Which of these warnings reach a village (for "your area" beside the warnings in force). */
export async function alertsReachingVillage(db: Queryable, villageCode: string, alertIds: readonly number[]): Promise<number[]> {
  if (alertIds.length === 0) return [];
  const rows = await many<{ alert_id: number }>(
    db,
    `SELECT alert_id::int FROM alert_target_villages WHERE village_code = $1 AND alert_id = ANY($2::bigint[]) ORDER BY alert_id`,
    [villageCode, alertIds],
  );
  return rows.map((r) => r.alert_id);
}
