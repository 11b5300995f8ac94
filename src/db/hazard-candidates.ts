// Statements that write hazard candidates and their review (migrations/0009_hazard_candidates.sql).
// The review statements run inside one transaction that first locks the candidate row, so two
// liaisons deciding at the same moment are serialised and the second sees the first's decision.
import type { MultiPolygon } from 'geojson';
import type { TargetSpec } from '../cap/build-target-spec.ts';
import type { TargetVillage } from './alert-targeting.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';

export interface NewCandidate {
  product: string;
  productTime: Date;
  sourceUrl: string;
  threshold: number;
  unit: string;
  /** null for an area a person drew. */
  pixelSizeM: { x: number; y: number } | null;
  geometry: MultiPolygon;
  /** Outer rings as the alert will carry them (src/hazards/candidate-rings.ts). */
  capRings: number[][][];
  areaKm2: number;
  polygons: number;
  rule: unknown;
  expiresAt: Date;
  targetSpec: TargetSpec;
  villages: TargetVillage[];
  households: { inside: number; margin_only: number };
  draftedBy: string;
  draftedAt: Date;
}

// ST_MakeValid guards a hand-drawn geometry; a vectorized one is valid already and passes unchanged.
const INSERT_CANDIDATE = `
INSERT INTO hazard_candidates (product, product_time, source_url, threshold, unit, pixel_size_x_m, pixel_size_y_m, geom,
  cap_rings, area_km2, polygons, rule, expires_at, target_spec, affected_villages, households_inside, households_margin_only,
  vulnerable_households, drafted_by, drafted_at)
SELECT $1, $2::timestamptz, $3, $4, $5, $6, $7,
  ST_Multi(CASE WHEN ST_IsValid(g) THEN g ELSE ST_CollectionExtract(ST_MakeValid(g), 3) END),
  $20::jsonb, $9, $10, $11::jsonb, $12::timestamptz, $13::jsonb, $14::text[], $15, $16, $17, $18, $19::timestamptz
FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($8::text), 4326) AS g) AS input
ON CONFLICT (product, product_time) DO NOTHING
RETURNING id::int`;

const INSERT_VILLAGES = `
INSERT INTO hazard_candidate_villages (candidate_id, village_code, households, vulnerable_households, margin_households, area_fraction)
SELECT $1, v.code, v.households, v.vulnerable_households, v.margin_households, v.area_fraction
FROM jsonb_to_recordset($2::jsonb) AS v(code text, households int, vulnerable_households int, margin_households int, area_fraction float8)`;

const FIND_BY_PRODUCT_TIME = `SELECT id::int, state FROM hazard_candidates WHERE product = $1 AND product_time = $2::timestamptz`;

/** Stores a candidate and its villages; undefined when one exists already for (product, product time). */
export async function insertCandidate(tx: Queryable, c: NewCandidate): Promise<number | undefined> {
  const vulnerable = c.villages.reduce((n, v) => n + v.vulnerable_households, 0);
  const row = await maybeOne<{ id: number }>(tx, INSERT_CANDIDATE, [
    c.product,
    c.productTime.toISOString(),
    c.sourceUrl,
    c.threshold,
    c.unit,
    c.pixelSizeM?.x ?? null,
    c.pixelSizeM?.y ?? null,
    JSON.stringify(c.geometry),
    c.areaKm2,
    c.polygons,
    JSON.stringify(c.rule),
    c.expiresAt.toISOString(),
    JSON.stringify(c.targetSpec),
    c.villages.map((v) => v.code),
    c.households.inside,
    c.households.margin_only,
    vulnerable,
    c.draftedBy,
    c.draftedAt.toISOString(),
    JSON.stringify(c.capRings),
  ]);
  if (!row) return undefined;
  await tx.query(INSERT_VILLAGES, [row.id, JSON.stringify(c.villages)]);
  return row.id;
}

export async function findCandidateByProductTime(
  db: Queryable,
  product: string,
  productTime: Date,
): Promise<{ id: number; state: string } | undefined> {
  return maybeOne(db, FIND_BY_PRODUCT_TIME, [product, productTime.toISOString()]);
}

const EXPIRE_PENDING = `
UPDATE hazard_candidates SET state = 'expired', decided_at = $1::timestamptz
WHERE state = 'pending' AND expires_at <= $1::timestamptz`;

/** Pending candidates whose message would already have expired can no longer be approved. */
export async function expirePendingCandidates(db: Queryable, now: Date): Promise<number> {
  return (await db.query(EXPIRE_PENDING, [now.toISOString()])).rowCount;
}

export interface LockedCandidate {
  id: number;
  product: string;
  product_time: string;
  threshold: number;
  unit: string;
  state: 'pending' | 'approved' | 'rejected' | 'expired';
  expires_at: string;
  drafted_by: string;
  rule: unknown;
  rings: unknown;
  area_km2: number;
  affected_villages: number;
  households_inside: number;
  alert_identifier: string | null;
}

const LOCK_CANDIDATE = `
SELECT id::int, product, to_json(product_time)#>>'{}' AS product_time, threshold, unit, state,
  to_json(expires_at)#>>'{}' AS expires_at, drafted_by, rule,
  cap_rings AS rings,
  area_km2, cardinality(affected_villages) AS affected_villages, households_inside, alert_identifier
FROM hazard_candidates WHERE id = $1 FOR UPDATE`;

export async function lockCandidate(tx: Queryable, id: number): Promise<LockedCandidate | undefined> {
  return maybeOne<LockedCandidate>(tx, LOCK_CANDIDATE, [id]);
}

export async function approversOf(tx: Queryable, id: number): Promise<string[]> {
  return (
    await many<{ approver: string }>(tx, `SELECT approver FROM hazard_candidate_approvals WHERE candidate_id = $1 ORDER BY id`, [id])
  ).map((r) => r.approver);
}

export async function insertApproval(tx: Queryable, id: number, approver: string, at: Date): Promise<void> {
  await tx.query(`INSERT INTO hazard_candidate_approvals (candidate_id, approver, approved_at) VALUES ($1, $2, $3::timestamptz)`, [
    id,
    approver,
    at.toISOString(),
  ]);
}

export async function markApproved(tx: Queryable, id: number, at: Date, alertId: number, identifier: string): Promise<void> {
  await one(
    tx,
    `UPDATE hazard_candidates SET state = 'approved', decided_at = $2::timestamptz, alert_id = $3, alert_identifier = $4 WHERE id = $1 AND state = 'pending' RETURNING id`,
    [id, at.toISOString(), alertId, identifier],
  );
}

export async function markRejected(tx: Queryable, id: number, at: Date, by: string, reason: string): Promise<void> {
  await one(
    tx,
    `UPDATE hazard_candidates SET state = 'rejected', decided_at = $2::timestamptz, rejected_by = $3, rejection_reason = $4 WHERE id = $1 AND state = 'pending' RETURNING id`,
    [id, at.toISOString(), by, reason],
  );
}
