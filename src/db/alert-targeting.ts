// Targeting in PostGIS, set-based: from a TargetSpec (src/cap/build-target-spec.ts) to the
// households and villages an alert reaches. One CTE prefix defines the sets; each statement below
// ends it differently (counts, shapes), and PostgreSQL skips the CTEs a statement does not use.
//
// Rules (what the cross-check test, tests/alerts/targeting-cross-check.test.ts, holds us to):
// - a household is inside when its point intersects a polygon (inside or on the edge), lies within
//   a circle's radius (geodesic distance on the WGS 84 spheroid, ST_DWithin on geography), or is
//   assigned to a village of a geocoded unit;
// - the margin grows polygons (ST_Buffer on geography, unioned with the polygon so that it can only
//   grow) and circles (radius + margin, exact); geocoded units get no margin: they are named by
//   code, and a margin would spill into the neighbouring unit by shape;
// - a village is affected when its polygon intersects a polygon or circle, is in a geocoded unit,
//   or holds a targeted household (a household snapped to a village across a thin gap).
// Overlays (union, intersection) run with a 1e-7° grid (about 1 cm): snap-rounding never fails,
// while the floating overlay of GEOS can throw a TopologyException on valid village shapes, and
// the embedded engine (PGlite's GEOS 3.14 in WebAssembly) then returns no row instead of an
// error. Targeting itself (ST_Intersects, ST_DWithin) is a predicate and needs no overlay.
// Big BMKG polygons (≈150 rings, ≈3,000 points) are subdivided into ≤ 64-vertex parts so that
// each part's index box is tight and each point-in-polygon test is cheap.
import type { TargetSpec } from '../cap/build-target-spec.ts';
import { DbError, type Queryable } from './db.ts';
import { many, one } from './sql.ts';

export const TARGET_CTE = `
WITH spec AS (SELECT $1::jsonb AS j),
margin AS (SELECT (j->>'marginM')::float8 AS m FROM spec),
polygon AS (
  -- Rings arrive repaired (geo/repair-ring.ts); ST_MakeValid stays as the safety net.
  SELECT p->>'path' AS path, p->>'areaDesc' AS area_desc, coalesce((p->>'repaired')::boolean, false) AS repaired, NOT ST_IsValid(raw) AS invalid,
         ST_Multi(CASE WHEN ST_IsValid(raw) THEN raw ELSE ST_CollectionExtract(ST_MakeValid(raw), 3) END) AS geom
  FROM spec, jsonb_array_elements(j->'polygons') AS p,
       LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(p->'geometry'), 4326) AS raw) AS r
),
polygon_part AS (SELECT path, ST_Subdivide(geom, 64) AS geom FROM polygon WHERE NOT ST_IsEmpty(geom)),
margin_part AS (
  SELECT ST_Subdivide(ST_Union(p.geom, ST_Buffer(p.geom::geography, margin.m)::geometry, 1e-7), 64) AS geom
  FROM polygon p, margin WHERE margin.m > 0 AND NOT ST_IsEmpty(p.geom)
),
circle AS (
  SELECT c->>'path' AS path, c->>'areaDesc' AS area_desc, (c->>'radiusM')::float8 AS radius_m,
         ST_SetSRID(ST_MakePoint((c->>'lon')::float8, (c->>'lat')::float8), 4326)::geography AS centre,
         ST_MakeEnvelope((c->'bbox'->>0)::float8, (c->'bbox'->>1)::float8, (c->'bbox'->>2)::float8, (c->'bbox'->>3)::float8, 4326) AS bbox
  FROM spec, jsonb_array_elements(j->'circles') AS c
),
geocode AS (
  SELECT g->>'path' AS path, g->>'areaDesc' AS area_desc, g->>'code' AS code, g->>'valueName' AS value_name, g->>'value' AS value
  FROM spec, jsonb_array_elements(j->'geocodes') AS g
),
geocode_village AS (
  SELECT g.path, v.code FROM geocode g
  JOIN admin_areas v ON v.level = 'village' AND (v.code = g.code OR v.code LIKE g.code || '.%')
),
inside AS (
  SELECT h.row_id, h.id, h.village_code, h.vulnerable FROM polygon_part p
  JOIN households h ON h.valid_to IS NULL AND ST_Intersects(h.location, p.geom)
  UNION
  SELECT h.row_id, h.id, h.village_code, h.vulnerable FROM circle c JOIN households h
    ON h.valid_to IS NULL AND h.location && c.bbox AND ST_DWithin(h.location::geography, c.centre, c.radius_m)
  UNION
  SELECT h.row_id, h.id, h.village_code, h.vulnerable FROM geocode_village g
  JOIN households h ON h.valid_to IS NULL AND h.village_code = g.code
),
within_margin AS (
  SELECT h.row_id, h.id, h.village_code, h.vulnerable FROM margin_part p
  JOIN households h ON h.valid_to IS NULL AND ST_Intersects(h.location, p.geom)
  UNION
  SELECT h.row_id, h.id, h.village_code, h.vulnerable FROM circle c CROSS JOIN margin JOIN households h
    ON h.valid_to IS NULL AND h.location && c.bbox AND ST_DWithin(h.location::geography, c.centre, c.radius_m + margin.m)
  WHERE margin.m > 0
),
-- The household columns travel with the row ids (they depend on row_id only, so UNION still
-- removes exactly the duplicates): joining a million targeted rows back to households cost ~1 s.
targeted_household AS (
  SELECT row_id, id, village_code, vulnerable, false AS margin_only FROM inside
  UNION ALL
  SELECT row_id, id, village_code, vulnerable, true FROM (SELECT * FROM within_margin EXCEPT SELECT * FROM inside) AS m
),
affected_village AS (
  SELECT ap.code FROM polygon_part p JOIN admin_area_parts ap ON ap.level = 'village' AND ST_Intersects(ap.geom, p.geom)
  UNION
  SELECT ap.code FROM circle c JOIN admin_area_parts ap
    ON ap.level = 'village' AND ap.geom && c.bbox AND ST_DWithin(ap.geom::geography, c.centre, c.radius_m)
  UNION
  SELECT code FROM geocode_village
  UNION
  -- grouped first: a UNION over a million rows would sort them all
  SELECT village_code FROM targeted_household GROUP BY village_code
),
circle_shape AS (
  SELECT path, area_desc, ST_Multi(ST_Buffer(centre, radius_m, 'quad_segs=16')::geometry) AS geom FROM circle WHERE radius_m > 0
),
area AS (
  SELECT ST_Union(geom, 1e-7) AS geom FROM (SELECT geom FROM polygon UNION ALL SELECT geom FROM circle_shape) AS s
)`;

// Per village: households inside, vulnerable ones, those only in the margin, and the share of the
// village's area inside the alert area (1 for a geocoded village: the unit itself is named).
export const TARGETING_SUMMARY_SQL = `${TARGET_CTE},
village_count AS (
  SELECT village_code,
         count(*) FILTER (WHERE NOT margin_only) AS households,
         count(*) FILTER (WHERE NOT margin_only AND vulnerable > 0) AS vulnerable_households,
         count(*) FILTER (WHERE margin_only) AS margin_households
  FROM targeted_household GROUP BY village_code
),
-- The affected villages' rows by primary key, one lookup each (OFFSET 0 keeps the lateral from being
-- flattened), materialised so that the joins below hash the small sides: the set-returning
-- functions above make the planner expect millions of affected villages, and it hashed all 83,000
-- village rows with their shapes (0.8 s at national scale) or, given the lateral alone, rescanned
-- the per-village counts once per village (quadratic: 9 s for a province).
affected_area AS MATERIALIZED (
  SELECT v.code, v.name, v.geom, v.area_km2 FROM affected_village a
  CROSS JOIN LATERAL (SELECT v.code, v.name, v.geom, v.area_km2 FROM admin_areas v WHERE v.code = a.code OFFSET 0) AS v
),
geocoded_village AS (SELECT DISTINCT code FROM geocode_village),
village_row AS (
  SELECT v.code, v.name,
         coalesce(c.households, 0)::int AS households,
         coalesce(c.vulnerable_households, 0)::int AS vulnerable_households,
         coalesce(c.margin_households, 0)::int AS margin_households,
         CASE WHEN gv.code IS NOT NULL THEN 1.0
              WHEN area.geom IS NULL OR v.area_km2 = 0 THEN 0.0
              ELSE least(1.0, ST_Area(ST_Intersection(v.geom, area.geom, 1e-7)::geography) / (v.area_km2 * 1e6)) END AS area_fraction
  FROM affected_area v
  LEFT JOIN village_count c ON c.village_code = v.code
  LEFT JOIN geocoded_village gv ON gv.code = v.code
  CROSS JOIN area
),
district_household AS (
  -- Counted village by village on the village index: for the same reason, a semi-join here read
  -- all households of the country (0.5 s at a million).
  SELECT coalesce(sum((SELECT count(*) FROM households h WHERE h.valid_to IS NULL AND h.village_code = v.code)), 0) AS n
  FROM admin_areas v
  WHERE v.level = 'village' AND left(v.code, 8) IN (SELECT DISTINCT left(code, 8) FROM affected_village)
)
SELECT
  -- Totals from the per-village counts: one pass over the targeted households, not three.
  (SELECT coalesce(sum(households), 0) FROM village_count)::int AS inside,
  (SELECT coalesce(sum(margin_households), 0) FROM village_count)::int AS margin_only,
  ((SELECT n FROM district_household) - (SELECT coalesce(sum(households + margin_households), 0) FROM village_count))::int AS district_outside,
  (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.code), '[]'::jsonb) FROM village_row r) AS villages,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('path', g.path, 'code', g.code,
     'villages', (SELECT count(*) FROM geocode_village x WHERE x.path = g.path)) ORDER BY g.path), '[]'::jsonb) FROM geocode g) AS geocodes,
  (SELECT coalesce(jsonb_agg(path ORDER BY path), '[]'::jsonb) FROM polygon WHERE invalid) AS repaired,
  (SELECT coalesce(jsonb_agg(path ORDER BY path), '[]'::jsonb) FROM polygon WHERE ST_IsEmpty(geom)) AS empty_polygons,
  -- Polygons and circles that touch no imported village: outside coverage, said so rather than a silent zero.
  (SELECT coalesce(jsonb_agg(path ORDER BY path), '[]'::jsonb) FROM (
     SELECT p.path FROM polygon p WHERE NOT ST_IsEmpty(p.geom)
       AND NOT EXISTS (SELECT 1 FROM admin_area_parts ap WHERE ap.level = 'village' AND ST_Intersects(ap.geom, p.geom))
     UNION ALL
     SELECT c.path FROM circle c
     WHERE NOT EXISTS (SELECT 1 FROM admin_area_parts ap WHERE ap.level = 'village' AND ap.geom && c.bbox AND ST_DWithin(ap.geom::geography, c.centre, c.radius_m))
   ) AS u) AS uncovered`;

// The households themselves: what delivery fans out to, and what the cross-check test compares.
const TARGETED_HOUSEHOLDS = `${TARGET_CTE}
SELECT id, village_code, margin_only FROM targeted_household ORDER BY id`;

// The areas as map shapes, one per polygon, circle and geocode; the alert's map geometry is their union.
const STORE_SHAPES = `${TARGET_CTE}
INSERT INTO alert_shapes (alert_id, path, kind, area_desc, detail, repaired, geom)
SELECT $2::bigint, path, 'polygon', area_desc, '', repaired, CASE WHEN ST_IsEmpty(geom) THEN NULL ELSE geom END FROM polygon
UNION ALL
SELECT $2::bigint, c.path, 'circle', c.area_desc, round(c.radius_m)::text || ' m', false, s.geom
FROM circle c LEFT JOIN circle_shape s ON s.path = c.path
UNION ALL
SELECT $2::bigint, g.path, 'geocode', g.area_desc, g.value_name || ' ' || g.value, false,
       -- The named unit's own boundary when the registry has it (a province, regency or district);
       -- only without it the union of its villages, which for a province is thousands of polygons
       -- (2.2 s of a 3.5 s province warning at national scale, bench row alert-to-queued).
       coalesce(
         (SELECT ST_Multi(a.geom) FROM admin_areas a WHERE a.code = g.code AND a.level <> 'village'),
         (SELECT ST_Multi(ST_CollectionExtract(ST_Union(v.geom, 1e-7), 3)) FROM geocode_village x JOIN admin_areas v ON v.code = x.code WHERE x.path = g.path))
FROM geocode g
RETURNING path`;

// One shape (most alerts) is the area as it is: a union of one large geometry still re-nodes it
// (0.9 s for a province). The CASE evaluates only the subquery of the branch it takes.
const SET_ALERT_AREA = `
UPDATE alerts SET area = CASE
  WHEN (SELECT count(*) FROM alert_shapes WHERE alert_id = $1 AND geom IS NOT NULL) = 1
    THEN (SELECT ST_Multi(ST_CollectionExtract(geom, 3)) FROM alert_shapes WHERE alert_id = $1 AND geom IS NOT NULL)
  ELSE (SELECT ST_Multi(ST_CollectionExtract(ST_Union(geom, 1e-7), 3)) FROM alert_shapes WHERE alert_id = $1 AND geom IS NOT NULL)
END WHERE id = $1`;

const STORE_VILLAGES = `
INSERT INTO alert_target_villages (alert_id, village_code, households, vulnerable_households, margin_households, area_fraction)
SELECT $1, v.code, v.households, v.vulnerable_households, v.margin_households, v.area_fraction
FROM jsonb_to_recordset($2::jsonb) AS v(code text, households int, vulnerable_households int, margin_households int, area_fraction float8)`;

const STORE_SUMMARY = `
UPDATE alerts SET target_spec = $2::jsonb, affected_villages = $3, households_inside = $4,
  households_margin_only = $5, households_district_outside = $6, targeted_at = now()
WHERE id = $1`;

const CLEAR_TARGET = [`DELETE FROM alert_target_villages WHERE alert_id = $1`, `DELETE FROM alert_shapes WHERE alert_id = $1`];

export interface TargetVillage {
  code: string;
  name: string;
  households: number;
  vulnerable_households: number;
  margin_households: number;
  area_fraction: number;
}

export interface TargetingResult {
  villages: TargetVillage[];
  households: { inside: number; margin_only: number; district_outside: number };
  /** Per geocode, how many villages it named; 0 means an unknown code. */
  geocodes: { path: string; code: string; villages: number }[];
  /** Polygons still invalid after the ring repair, made valid with ST_MakeValid; and those with no area left. */
  repaired: string[];
  emptyPolygons: string[];
  /** Polygons and circles that touch no imported village (outside coverage). */
  uncovered: string[];
}

interface SummaryRow {
  inside: number;
  margin_only: number;
  district_outside: number;
  villages: TargetVillage[];
  geocodes: { path: string; code: string; villages: number | string }[];
  repaired: string[];
  empty_polygons: string[];
  uncovered: string[];
}

/** Computes what the spec reaches, writing nothing. */
export async function computeTargeting(db: Queryable, spec: TargetSpec): Promise<TargetingResult> {
  const row = await one<SummaryRow>(db, TARGETING_SUMMARY_SQL, [JSON.stringify(spec)]);
  return {
    // Rebuilt in a fixed key order: jsonb sorts keys by length, which reads badly in --json output.
    villages: row.villages.map((v) => ({
      code: v.code,
      name: v.name,
      households: v.households,
      vulnerable_households: v.vulnerable_households,
      margin_households: v.margin_households,
      area_fraction: roundFraction(v.area_fraction),
    })),
    households: { inside: row.inside, margin_only: row.margin_only, district_outside: row.district_outside },
    geocodes: row.geocodes.map((g) => ({ ...g, villages: Number(g.villages) })),
    repaired: row.repaired,
    emptyPolygons: row.empty_polygons,
    uncovered: row.uncovered,
  };
}

/** The current households the spec reaches, by external id; `margin_only` marks those reached only through the margin. */
export async function selectTargetedHouseholds(
  db: Queryable,
  spec: TargetSpec,
): Promise<{ id: string; village_code: string; margin_only: boolean }[]> {
  return many(db, TARGETED_HOUSEHOLDS, [JSON.stringify(spec)]);
}

/** Replaces the alert's stored target (shapes, map area, villages, counts) with this result. */
export async function storeTargeting(tx: Queryable, alertId: number, spec: TargetSpec, result: TargetingResult): Promise<void> {
  for (const sql of CLEAR_TARGET) await tx.query(sql, [alertId]);
  const shapes = await many<{ path: string }>(tx, STORE_SHAPES, [JSON.stringify(spec), alertId]);
  const expected = spec.polygons.length + spec.circles.length + spec.geocodes.length;
  if (shapes.length !== expected)
    throw new DbError(`stored ${shapes.length} of the alert's ${expected} area shapes; the transaction is rolled back`);
  await tx.query(SET_ALERT_AREA, [alertId]);
  await tx.query(STORE_VILLAGES, [alertId, JSON.stringify(result.villages)]);
  const h = result.households;
  await tx.query(STORE_SUMMARY, [alertId, JSON.stringify(spec), result.villages.length, h.inside, h.margin_only, h.district_outside]);
}

function roundFraction(f: number): number {
  return Math.round(Number(f) * 1e4) / 1e4;
}
