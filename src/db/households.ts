// Statements for the household import: COPY into a staging table, assign each point to a village
// in PostGIS, and merge into the versioned households table. All run inside one transaction.
import type { Queryable } from './db.ts';
import { many, one } from './sql.ts';

export const STAGING_COLUMNS = ['line', 'id', 'lon', 'lat', 'members', 'elderly', 'disabled', 'infant', 'pregnant', 'ill', 'language', 'phone', 'consent_at'] as const;

const CREATE_STAGING = `
CREATE TEMP TABLE household_import (
  line int NOT NULL, id text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL,
  members smallint NOT NULL, elderly smallint NOT NULL, disabled smallint NOT NULL, infant smallint NOT NULL,
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

// The village whose polygon holds the point; where simplified neighbours overlap, the lowest code
// wins so that the answer never depends on row order. Subdivided parts keep each test cheap.
const ASSIGN_VILLAGES = `
CREATE TEMP TABLE household_village ON COMMIT DROP AS
SELECT s.line,
  (SELECT p.code FROM admin_area_parts p
    WHERE p.level = 'village' AND ST_Intersects(p.geom, s.location)
    ORDER BY p.code LIMIT 1) AS village_code,
  NULL::double precision AS snapped_m
FROM household_import s`;

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

// A household whose data changed gets its current row closed; the new version is inserted below.
const CLOSE_CHANGED = `
UPDATE households h SET valid_to = now()
FROM household_import s JOIN household_village v USING (line)
WHERE v.village_code IS NOT NULL AND h.id = s.id AND h.valid_to IS NULL
  AND ((ST_X(h.location), ST_Y(h.location), h.village_code, h.members, h.elderly, h.disabled, h.infant,
        h.pregnant, h.ill, h.language, h.phone)
       IS DISTINCT FROM
       (s.lon, s.lat, v.village_code, s.members, s.elderly, s.disabled, s.infant,
        s.pregnant, s.ill, s.language, s.phone)
    OR (s.consent_at IS NOT NULL AND s.consent_at IS DISTINCT FROM h.consent_at))`;

// Consent given earlier carries over to a new version unless the file states a new one.
const INSERT_CURRENT = `
INSERT INTO households (id, location, village_code, members, elderly, disabled, infant, pregnant, ill,
                        language, phone, consent_at, source, valid_from)
SELECT s.id, s.location, v.village_code, s.members, s.elderly, s.disabled, s.infant, s.pregnant, s.ill,
       s.language, s.phone,
       coalesce(s.consent_at, (SELECT h.consent_at FROM households h WHERE h.id = s.id ORDER BY h.valid_from DESC LIMIT 1), now()),
       $1, now()
FROM household_import s JOIN household_village v USING (line)
WHERE v.village_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM households h WHERE h.id = s.id AND h.valid_to IS NULL)`;

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
  const replaced = (await tx.query(CLOSE_CHANGED)).rowCount;
  const written = (await tx.query(INSERT_CURRENT, [source])).rowCount;
  return { replaced, written };
}
