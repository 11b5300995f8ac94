// Statements for the household import: COPY into a staging table, assign each point to a village
// in PostGIS, and merge into the versioned households table. All run inside one transaction.
import type { Queryable } from './db.ts';
import { many, one } from './sql.ts';

export const STAGING_COLUMNS = [
  'line',
  'id',
  'lon',
  'lat',
  'members',
  'vulnerable',
  'elderly',
  'disabled',
  'infant',
  'pregnant',
  'ill',
  'language',
  'phone',
  'consent_at',
] as const;

const CREATE_STAGING = `
CREATE TEMP TABLE household_import (
  line int NOT NULL, id text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL,
  members smallint NOT NULL, vulnerable smallint NOT NULL, elderly smallint NOT NULL, disabled smallint NOT NULL, infant smallint NOT NULL,
  pregnant smallint NOT NULL, ill smallint NOT NULL, language text NOT NULL, phone text, consent_at timestamptz,
  location geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED
) ON COMMIT DROP`;

export const COPY_STAGING = `COPY household_import (${STAGING_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`;

// A later row with an id already seen in the same file is ambiguous: the first one is kept.
const REMOVE_DUPLICATES = `
WITH dup AS (
  SELECT line, id, first_line FROM (
    SELECT line, id, min(line) OVER (PARTITION BY id) AS first_line FROM household_import
  ) x WHERE line > first_line
), gone AS (DELETE FROM household_import s USING dup WHERE s.line = dup.line)
SELECT line, id, first_line FROM dup ORDER BY line`;

// Index the staged points so that PostGIS can run the join polygon-first: each village part is
// prepared once and tested against the points in its box (measured: 4x faster than probing the
// parts once per point). GiST builds on points are sorted builds, about 3 s for a million.
const INDEX_STAGING = `CREATE INDEX ON household_import USING gist (location)`;

// The village whose polygon holds the point; where simplified neighbours overlap, the lowest code
// wins so that the answer never depends on row order.
const ASSIGN_VILLAGES = `
CREATE TEMP TABLE household_village ON COMMIT DROP AS
SELECT s.line, inside.code AS village_code, NULL::double precision AS snapped_m
FROM household_import s
LEFT JOIN (
  SELECT DISTINCT ON (s.line) s.line, p.code
  FROM admin_area_parts p JOIN household_import s ON ST_Intersects(p.geom, s.location)
  WHERE p.level = 'village'
  ORDER BY s.line, p.code
) inside USING (line)`;

// In the thin gaps between independently simplified village polygons a point belongs to no
// village: take the nearest one within $1 metres. 1 degree >= 109 km everywhere in Indonesia, so
// the degree box ($1 / 90000) always holds the metre radius and lets the GiST index prefilter.
const SNAP_TO_NEAREST = `
UPDATE household_village v SET village_code = n.code, snapped_m = n.dist
FROM household_import s CROSS JOIN LATERAL (
  SELECT p.code, ST_Distance(p.geom::geography, s.location::geography) AS dist
  FROM admin_area_parts p
  WHERE p.level = 'village' AND p.geom && ST_Expand(s.location, $1::float8 / 90000.0)
    AND ST_DWithin(p.geom::geography, s.location::geography, $1::float8)
  ORDER BY dist, p.code LIMIT 1
) n
WHERE v.village_code IS NULL AND s.line = v.line`;

const LIST_UNPLACED = `
SELECT s.line, s.id, s.lat, s.lon FROM household_import s JOIN household_village v USING (line)
WHERE v.village_code IS NULL ORDER BY s.line`;

const COUNT_SNAPPED = `SELECT count(*) AS n FROM household_village WHERE snapped_m IS NOT NULL`;

// Each placed row against the household's current version: new, changed or unchanged. Decided
// before writing, so that no statement reads the table it is inserting into (an anti-join on
// households inside the INSERT went quadratic on a freshly truncated table).
const PLAN_MERGE = `
CREATE TEMP TABLE household_merge ON COMMIT DROP AS
SELECT s.line, h.row_id AS current_row_id,
  CASE
    WHEN h.row_id IS NULL THEN 'new'
    WHEN (ST_X(h.location), ST_Y(h.location), h.village_code, h.members, h.vulnerable, h.elderly, h.disabled, h.infant,
          h.pregnant, h.ill, h.language, h.phone)
         IS DISTINCT FROM
         (s.lon, s.lat, v.village_code, s.members, s.vulnerable, s.elderly, s.disabled, s.infant,
          s.pregnant, s.ill, s.language, s.phone)
      OR (s.consent_at IS NOT NULL AND s.consent_at IS DISTINCT FROM h.consent_at) THEN 'changed'
    ELSE 'unchanged'
  END AS change,
  -- Consent given earlier carries over to a new version unless the file states a new one.
  coalesce(s.consent_at, h.consent_at, now()) AS consent_at
FROM household_import s
JOIN household_village v USING (line)
LEFT JOIN households h ON h.id = s.id AND h.valid_to IS NULL
WHERE v.village_code IS NOT NULL`;

const CLOSE_CHANGED = `
UPDATE households h SET valid_to = now()
FROM household_merge m WHERE m.change = 'changed' AND h.row_id = m.current_row_id`;

const INSERT_VERSIONS = `
INSERT INTO households (id, location, village_code, members, vulnerable, elderly, disabled, infant, pregnant, ill,
                        language, phone, consent_at, source, valid_from)
SELECT s.id, s.location, v.village_code, s.members, s.vulnerable, s.elderly, s.disabled, s.infant, s.pregnant, s.ill,
       s.language, s.phone, m.consent_at, $1, now()
FROM household_merge m
JOIN household_import s USING (line)
JOIN household_village v USING (line)
WHERE m.change <> 'unchanged'
ORDER BY v.village_code, s.line`;

export interface DuplicateRow {
  line: number;
  id: string;
  first_line: number;
}

export interface UnplacedRow {
  line: number;
  id: string;
  lat: number;
  lon: number;
}

export async function createHouseholdStaging(tx: Queryable): Promise<void> {
  await tx.query(CREATE_STAGING);
}

export async function removeDuplicateHouseholds(tx: Queryable): Promise<DuplicateRow[]> {
  return many<DuplicateRow>(tx, REMOVE_DUPLICATES);
}

/** Assigns villages; returns the rows that are in no village and farther than `snapMetres` from all. */
export async function assignHouseholdVillages(tx: Queryable, snapMetres: number): Promise<{ unplaced: UnplacedRow[]; snapped: number }> {
  await tx.query(INDEX_STAGING);
  await tx.query('ANALYZE household_import');
  await tx.query(ASSIGN_VILLAGES);
  if (snapMetres > 0) await tx.query(SNAP_TO_NEAREST, [snapMetres]);
  const unplaced = await many<UnplacedRow>(tx, LIST_UNPLACED);
  const snapped = (await one<{ n: number }>(tx, COUNT_SNAPPED)).n;
  return { unplaced, snapped };
}

/** Merges staged rows: returns how many current rows were replaced and how many were written. */
export async function mergeHouseholds(tx: Queryable, source: string): Promise<{ replaced: number; written: number }> {
  await tx.query('ANALYZE household_village');
  await tx.query(PLAN_MERGE);
  await tx.query('ANALYZE household_merge');
  const replaced = (await tx.query(CLOSE_CHANGED)).rowCount;
  const written = (await tx.query(INSERT_VERSIONS, [source])).rowCount;
  // Statistics for the registry as it now stands: a warning planned right after a large import
  // must not be planned from the estimates of the empty table (a nested loop over every household).
  await tx.query('ANALYZE households');
  return { replaced, written };
}
