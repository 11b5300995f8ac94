// Statements on admin_areas and admin_area_parts.
import type { Queryable } from './db.ts';
import { many, one } from './sql.ts';
import type { AreaRow } from '../registry/area-features.ts';

export interface RepairedArea {
  index: number;
  code: string;
  reason: string;
}

export interface AreaImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  repaired: RepairedArea[];
  /** Features whose geometry was empty once repaired. */
  unusable: RepairedArea[];
}

// Batches keep one parameter's JSON to a few MB; national district files are ~9 MB.
const BATCH = 500;

const CREATE_STAGING = `
CREATE TEMP TABLE area_import (
  idx int NOT NULL, code text NOT NULL, level text NOT NULL, name text NOT NULL,
  parent_code text, kind text, raw geometry NOT NULL, geom geometry, reason text
) ON COMMIT DROP`;

const STAGE_BATCH = `
INSERT INTO area_import (idx, code, level, name, parent_code, kind, raw)
SELECT r.idx, r.code, r.level, r.name, r.parent_code, r.kind, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
FROM json_to_recordset($1::json) AS r(idx int, code text, level text, name text, parent_code text, kind text, geometry text)`;

// Valid shapes pass through; invalid ones are repaired (ST_MakeValid keeps every point of the
// input, so no area is lost) and the polygonal part kept.
const REPAIR = `
UPDATE area_import SET
  reason = CASE WHEN ST_IsValid(raw) THEN NULL ELSE ST_IsValidReason(raw) END,
  geom = ST_Multi(CASE WHEN ST_IsValid(raw) THEN raw ELSE ST_CollectionExtract(ST_MakeValid(raw), 3) END)`;

const LIST_REPAIRED = `
SELECT idx AS index, code, reason, ST_IsEmpty(geom) AS empty FROM area_import WHERE reason IS NOT NULL ORDER BY idx`;

const UPSERT = `
WITH upserted AS (
  INSERT INTO admin_areas AS a (code, level, name, parent_code, kind, geom, area_km2)
  SELECT code, level, name, parent_code, kind, geom, ST_Area(geom::geography) / 1e6
  FROM area_import WHERE NOT ST_IsEmpty(geom)
  ON CONFLICT (code) DO UPDATE SET
    name = EXCLUDED.name, parent_code = EXCLUDED.parent_code, kind = EXCLUDED.kind,
    geom = EXCLUDED.geom, area_km2 = EXCLUDED.area_km2, imported_at = now()
  WHERE (a.name, a.parent_code, a.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.parent_code, EXCLUDED.kind)
     OR NOT ST_Equals(a.geom, EXCLUDED.geom) OR ST_NPoints(a.geom) <> ST_NPoints(EXCLUDED.geom)
  RETURNING code, (xmax = 0) AS inserted
)
SELECT code, inserted FROM upserted`;

const DELETE_PARTS = `DELETE FROM admin_area_parts WHERE code = ANY($1::text[])`;
const INSERT_PARTS = `
INSERT INTO admin_area_parts (code, level, geom)
SELECT code, level, ST_Subdivide(geom, 64) FROM admin_areas WHERE code = ANY($1::text[])`;

/** Upserts the rows by code in `tx` (one transaction), repairing invalid geometry. */
export async function importAreas(tx: Queryable, rows: readonly AreaRow[]): Promise<AreaImportResult> {
  await tx.query(CREATE_STAGING);
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({
      idx: r.index,
      code: r.code,
      level: r.level,
      name: r.name,
      parent_code: r.parentCode,
      kind: r.kind,
      geometry: r.geometry,
    }));
    await tx.query(STAGE_BATCH, [JSON.stringify(batch)]);
  }
  await tx.query(REPAIR);
  const fixed = await many<{ index: number; code: string; reason: string; empty: boolean }>(tx, LIST_REPAIRED);
  const changed = await many<{ code: string; inserted: boolean }>(tx, UPSERT);
  if (changed.length > 0) {
    const codes = changed.map((c) => c.code);
    await tx.query(DELETE_PARTS, [codes]);
    await tx.query(INSERT_PARTS, [codes]);
  }
  const inserted = changed.filter((c) => c.inserted).length;
  const unusable = fixed.filter((f) => f.empty).map(({ index, code, reason }) => ({ index, code, reason }));
  return {
    inserted,
    updated: changed.length - inserted,
    unchanged: rows.length - unusable.length - changed.length,
    repaired: fixed.filter((f) => !f.empty).map(({ index, code, reason }) => ({ index, code, reason })),
    unusable,
  };
}

export async function countVillages(db: Queryable): Promise<number> {
  return (await one<{ n: number }>(db, `SELECT count(*) AS n FROM admin_areas WHERE level = 'village'`)).n;
}
