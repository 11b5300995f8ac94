// National village polygons for the alert-to-queued row, built in PostGIS once per run: the real
// village polygons where ../shared/data/id-admin has them (Deli Serdang, DKI Jakarta) and, for every
// other district, Voronoi cells of the real village centroids (villages.csv) clipped to the
// district's real boundary (districts.geojson). About 83,000 villages: the national scale the
// targeting and planning SQL has to hold up at. The result is written as a GeoJSON file that goes
// through `siaga import areas`, the project's own import path.
import { createReadStream, existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { RowSkipped } from '../row-types.ts';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

/** ../shared/data/id-admin beside the repository (the shared real boundaries this project builds on, with their SOURCES.md). */
export const ID_ADMIN = fileURLToPath(new URL('../../../shared/data/id-admin/', import.meta.url));
/** The files with real village polygons; their districts get no Voronoi cells. */
const REAL_VILLAGE_FILES = ['deli_serdang_villages.geojson', 'dki_jakarta_villages.geojson'];

const SETUP = `
CREATE TEMP TABLE nv_centroid (code text, code_compact text, name text, type text, district_code text, district text,
  regency_code text, regency text, province_code text, province text, lat float8, lon float8, has_boundary int);
CREATE TEMP TABLE nv_district (code text PRIMARY KEY, geom geometry(MultiPolygon, 4326));
CREATE TEMP TABLE nv_real (code text PRIMARY KEY, name text, type text, district_code text, geom geometry(MultiPolygon, 4326));`;

const COPY_CENTROIDS = `COPY nv_centroid FROM STDIN WITH (FORMAT csv, HEADER true)`;

const LOAD_FEATURES = `
INSERT INTO %TABLE% SELECT %COLUMNS%
FROM jsonb_array_elements($1::jsonb->'features') AS f,
     LATERAL (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)), 3)) AS g) AS v
ON CONFLICT DO NOTHING`;
const DISTRICT_COLUMNS = `f->'properties'->>'code', g`;
const REAL_COLUMNS = `f->'properties'->>'code', f->'properties'->>'name', coalesce(f->'properties'->>'type', 'desa'), f->'properties'->>'district_code', g`;

// One Voronoi diagram per district (its own centroids, extended to the district's box), each cell
// matched back to the centroid it holds and clipped to the district. A district with one village
// is that village. Centroids that coincide share a cell: the lowest code keeps it, the others are
// left out (counted in `skipped`), since two identical polygons would only split the same homes.
const BUILD_CELLS = `
CREATE TEMP TABLE nv_cell AS
WITH pts AS (
  SELECT DISTINCT ON (c.lat, c.lon) c.code, c.name, c.type, c.district_code, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) AS pt
  FROM nv_centroid c JOIN nv_district d ON d.code = c.district_code
  WHERE c.lat IS NOT NULL AND c.lon IS NOT NULL AND NOT EXISTS (SELECT 1 FROM nv_real r WHERE r.district_code = c.district_code)
  ORDER BY c.lat, c.lon, c.code
),
per_district AS (
  SELECT district_code, count(*) AS n, ST_Collect(pt) AS pts FROM pts GROUP BY district_code
),
cell AS (
  SELECT p.district_code, (ST_Dump(ST_VoronoiPolygons(p.pts, 0, d.geom))).geom AS geom
  FROM per_district p JOIN nv_district d ON d.code = p.district_code WHERE p.n > 1
)
SELECT pts.code, pts.name, pts.type, ST_Multi(ST_CollectionExtract(ST_Intersection(cell.geom, d.geom, 1e-7), 3)) AS geom
FROM cell JOIN pts ON pts.district_code = cell.district_code AND ST_Contains(cell.geom, pts.pt)
JOIN nv_district d ON d.code = cell.district_code
UNION ALL
SELECT pts.code, pts.name, pts.type, d.geom FROM per_district p JOIN pts ON pts.district_code = p.district_code
JOIN nv_district d ON d.code = p.district_code WHERE p.n = 1`;

// GeoJSON, 6 decimals (about 0.1 m): what siaga import areas and generate households read.
const EXPORT = `
SELECT json_build_object('type', 'Feature', 'properties', json_build_object('code', code, 'name', name, 'type', type),
  'geometry', ST_AsGeoJSON(geom, 6)::json)::text AS feature
FROM (SELECT code, name, type, geom FROM nv_cell WHERE NOT ST_IsEmpty(geom)
      UNION ALL SELECT code, name, type, geom FROM nv_real) AS v
ORDER BY code`;

const COUNTS = `
SELECT (SELECT count(*) FROM nv_centroid)::int AS centroids,
       (SELECT count(*) FROM nv_real)::int AS real,
       (SELECT count(*) FROM nv_cell WHERE NOT ST_IsEmpty(geom))::int AS voronoi`;

export interface NationalVillages {
  file: string;
  villages: number;
  real: number;
  voronoi: number;
  /** villages.csv rows without a polygon here: no centroid, coinciding centroids, a district not in districts.geojson. */
  skipped: number;
  seconds: number;
}

/** Builds the national village file in `outFile`, using temporary tables of `databaseUrl` only. */
export async function buildNationalVillages(databaseUrl: string, outFile: string): Promise<NationalVillages> {
  // A checkout without ../shared beside it (a clone elsewhere) cannot build the national register.
  if (!existsSync(path.join(ID_ADMIN, 'villages.csv')))
    throw new RowSkipped(`the national village data is not at ${ID_ADMIN} (../shared/data/id-admin beside the repository)`);
  const start = process.hrtime.bigint();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(SETUP);
    await pipeline(createReadStream(path.join(ID_ADMIN, 'villages.csv')), client.query(copyFromStdin(COPY_CENTROIDS)));
    await loadFeatures(client, 'districts.geojson', 'nv_district', DISTRICT_COLUMNS);
    for (const name of REAL_VILLAGE_FILES) await loadFeatures(client, name, 'nv_real', REAL_COLUMNS);
    await client.query(BUILD_CELLS);
    const { rows } = await client.query<{ feature: string }>(EXPORT);
    await writeFile(outFile, `{"type":"FeatureCollection","features":[\n${rows.map((r) => r.feature).join(',\n')}\n]}\n`);
    const counts = (await client.query<{ centroids: number; real: number; voronoi: number }>(COUNTS)).rows[0];
    if (!counts) throw new Error('national villages: the count query returned no row');
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
      file: outFile,
      villages: rows.length,
      real: counts.real,
      voronoi: counts.voronoi,
      skipped: counts.centroids - rows.length,
      seconds,
    };
  } finally {
    await client.end();
  }
}

async function loadFeatures(client: pg.Client, file: string, table: string, columns: string): Promise<void> {
  const text = await readFile(path.join(ID_ADMIN, file), 'utf8');
  // Table and column lists are the constants above, never input.
  await client.query(LOAD_FEATURES.replace('%TABLE%', table).replace('%COLUMNS%', columns), [text]);
}
