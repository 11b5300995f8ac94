// Reading hazard candidates for review: the list (newest product time first) and one candidate with
// its villages and approvals. Geometry leaves as GeoJSON (EPSG:4326), for maps.
import type { TargetVillage } from './alert-targeting.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export type CandidateState = 'pending' | 'approved' | 'rejected' | 'expired';

export interface CandidateSummary {
  id: number;
  product: string;
  product_time: string;
  state: CandidateState;
  threshold: number;
  unit: string;
  /** null for an area a person drew. */
  pixel_size_m: { x: number; y: number } | null;
  area_km2: number;
  polygons: number;
  event: string | null;
  severity: string | null;
  expires_at: string;
  affected_villages: string[];
  households_inside: number;
  households_margin_only: number;
  vulnerable_households: number;
  drafted_by: string;
  drafted_at: string;
  approvals: { by: string; at: string }[];
  decided_at: string | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  alert_id: number | null;
  alert_identifier: string | null;
  source_url: string;
  geometry?: unknown;
}

/** A village a candidate would reach: the same figures as an alert's targeted village. */
export type CandidateVillage = TargetVillage;

const COLUMNS = `
  c.id::int, c.product, to_json(c.product_time)#>>'{}' AS product_time, c.state, c.threshold, c.unit,
  CASE WHEN c.pixel_size_x_m IS NOT NULL THEN jsonb_build_object('x', c.pixel_size_x_m, 'y', c.pixel_size_y_m) END AS pixel_size_m, c.area_km2, c.polygons,
  c.rule->'event'->>'en' AS event, c.rule->>'severity' AS severity, to_json(c.expires_at)#>>'{}' AS expires_at,
  c.affected_villages, c.households_inside, c.households_margin_only, c.vulnerable_households,
  c.drafted_by, to_json(c.drafted_at)#>>'{}' AS drafted_at,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('by', a.approver, 'at', to_json(a.approved_at)#>>'{}') ORDER BY a.id), '[]'::jsonb)
   FROM hazard_candidate_approvals a WHERE a.candidate_id = c.id) AS approvals,
  to_json(c.decided_at)#>>'{}' AS decided_at, c.rejected_by, c.rejection_reason, c.alert_id::int, c.alert_identifier, c.source_url`;

const LIST = `
SELECT ${COLUMNS}, CASE WHEN $3 THEN ST_AsGeoJSON(c.geom, 6)::jsonb END AS geometry
FROM hazard_candidates c
WHERE ($1::text IS NULL OR c.state = $1)
ORDER BY c.product_time DESC, c.id DESC
LIMIT $2`;

const ONE = `SELECT ${COLUMNS}, ST_AsGeoJSON(c.geom, 6)::jsonb AS geometry FROM hazard_candidates c WHERE c.id = $1`;

const VILLAGES = `
SELECT v.village_code AS code, a.name, v.households, v.vulnerable_households, v.margin_households, v.area_fraction
FROM hazard_candidate_villages v JOIN admin_areas a ON a.code = v.village_code
WHERE v.candidate_id = $1 ORDER BY v.households DESC, v.village_code`;

export async function listCandidates(
  db: Queryable,
  filter: { state?: CandidateState; limit?: number; geometry?: boolean },
): Promise<CandidateSummary[]> {
  const rows = await many<CandidateSummary>(db, LIST, [filter.state ?? null, filter.limit ?? 200, filter.geometry ?? false]);
  return rows.map(tidy);
}

export async function getCandidate(db: Queryable, id: number): Promise<(CandidateSummary & { villages: CandidateVillage[] }) | undefined> {
  const row = await maybeOne<CandidateSummary>(db, ONE, [id]);
  if (!row) return undefined;
  return { ...tidy(row), villages: await many<CandidateVillage>(db, VILLAGES, [id]) };
}

function tidy(row: CandidateSummary): CandidateSummary {
  const { geometry, ...rest } = row;
  return geometry === null || geometry === undefined ? rest : { ...rest, geometry };
}
