// The coarser boundaries the pages' maps draw for orientation, straight from admin_areas: kecamatan
// (district), kabupaten/kota (regency) and province outlines with their names, and the land Siaga
// covers (every imported area merged). The maps have no tile background, so without these a
// resident zoomed out sees village lines on an empty plane and cannot tell land from sea.
import type { AdminLevel } from '../registry/admin-code.ts';
import type { Queryable } from './db.ts';
import { one } from './sql.ts';
import type { Box } from './web-geo.ts';

export type CoarseLevel = Exclude<AdminLevel, 'village'>;
export const COARSE_LEVELS: readonly CoarseLevel[] = ['province', 'regency', 'district'];

// `label` is a point inside the shape (ST_PointOnSurface), where the map writes the name: the
// centroid of a crescent-shaped kecamatan can lie in its neighbour.
const AREAS_IN_BOX = `
SELECT jsonb_build_object('type', 'FeatureCollection', 'features', coalesce(jsonb_agg(jsonb_build_object(
  'type', 'Feature',
  'properties', jsonb_build_object('code', a.code, 'name', a.name, 'level', a.level,
    'label', jsonb_build_array(round(ST_X(ST_PointOnSurface(a.geom))::numeric, 5), round(ST_Y(ST_PointOnSurface(a.geom))::numeric, 5))),
  'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(a.geom, $6::float8), 5)::jsonb) ORDER BY a.code), '[]'::jsonb)) AS geojson
FROM (SELECT code, name, level, geom FROM admin_areas
      WHERE level = $1 AND geom && ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4326)
      ORDER BY code LIMIT $7) a`;

/** Outlines of one coarser level intersecting a box, at most `limit`, simplified by `toleranceDeg`. */
export async function areasInBox(db: Queryable, level: CoarseLevel, box: Box, toleranceDeg: number, limit: number): Promise<unknown> {
  const params = [level, box.west, box.south, box.east, box.north, toleranceDeg, limit];
  return (await one<{ geojson: unknown }>(db, AREAS_IN_BOX, params)).geojson;
}

// The covered land is the union of the areas no imported coarser area contains (a province when
// provinces were imported, else its regencies, …, else the villages), so a country's worth of
// villages under imported provinces costs a union of 38 shapes, not 80,000. The union runs on a
// grid of about 20 m (GEOS's fixed-precision overlay): neighbours' nearly shared edges meet
// without slivers, and it does not fail on them the way the floating-point overlay does (the
// embedded engine's GEOS gives up on the sample's villages without it).
const COVERAGE = `
WITH top AS (
  SELECT geom FROM admin_areas a
  WHERE NOT EXISTS (SELECT 1 FROM admin_areas p WHERE p.code <> a.code AND p.code IN (left(a.code, 2), left(a.code, 5), left(a.code, 8)))
), merged AS (
  SELECT ST_UnaryUnion(ST_Collect(geom), 0.0002) AS g FROM top
)
SELECT CASE WHEN g IS NULL THEN NULL ELSE jsonb_build_object('type', 'Feature', 'properties', '{}'::jsonb,
  'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_CollectionExtract(g, 3), $1::float8), 5)::jsonb) END AS feature
FROM merged`;

/** The land Siaga has boundaries for, as one simplified GeoJSON feature (null before any import). */
export async function coverageArea(db: Queryable, toleranceDeg: number): Promise<unknown> {
  return (await one<{ feature: unknown }>(db, COVERAGE, [toleranceDeg])).feature;
}

// What changes when any level is imported again (the villages' version counts villages only).
const AREAS_VERSION = `SELECT count(*)::text || '/' || coalesce(max(imported_at)::text, '') AS version FROM admin_areas`;

export async function areasVersion(db: Queryable): Promise<string> {
  return (await one<{ version: string }>(db, AREAS_VERSION)).version;
}
