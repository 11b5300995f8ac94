// Geometry the pages' maps draw, as GeoJSON straight from PostGIS: village outlines in a box
// (simplified: a phone draws a few hundred polygons, not the surveyed detail), a public alert's
// area, and whether a point is inside an alert's area. The maps have no tile background, so these
// outlines are all the context a resident sees.
import type { Queryable } from './db.ts';
import { maybeOne, one } from './sql.ts';

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

const VILLAGES_IN_BOX = `
SELECT jsonb_build_object('type', 'FeatureCollection', 'features', coalesce(jsonb_agg(jsonb_build_object(
  'type', 'Feature', 'properties', jsonb_build_object('code', v.code, 'name', v.name,
    'label', jsonb_build_array(round(ST_X(ST_PointOnSurface(v.geom))::numeric, 5), round(ST_Y(ST_PointOnSurface(v.geom))::numeric, 5))),
  'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(v.geom, $5::float8), 5)::jsonb) ORDER BY v.code), '[]'::jsonb)) AS geojson
FROM (SELECT code, name, geom FROM admin_areas
      WHERE level = 'village' AND geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)
      ORDER BY code LIMIT $6) v`;

/**
 * Village outlines intersecting a box (degrees, WGS 84), at most `limit`, simplified by
 * `toleranceDeg`; each with a point inside it (`label`, [lon, lat]) where the map writes its name.
 */
export async function villagesInBox(db: Queryable, box: Box, toleranceDeg: number, limit: number): Promise<unknown> {
  return (await one<{ geojson: unknown }>(db, VILLAGES_IN_BOX, [box.west, box.south, box.east, box.north, toleranceDeg, limit])).geojson;
}

// The bounding box of an alert's area, so a map can open on it before the shapes arrive.
const ALERT_AREA = `
SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(a.area, 0.0001), 5)::jsonb AS geometry,
  ST_XMin(a.area) AS west, ST_YMin(a.area) AS south, ST_XMax(a.area) AS east, ST_YMax(a.area) AS north
FROM alerts a WHERE a.id = $1 AND a.deliverable AND a.area IS NOT NULL`;

export interface AlertArea {
  geometry: unknown;
  west: number;
  south: number;
  east: number;
  north: number;
}

export async function alertArea(db: Queryable, alertId: number): Promise<AlertArea | undefined> {
  return maybeOne<AlertArea>(db, ALERT_AREA, [alertId]);
}

const POINT_IN_ALERT = `
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326) AS g)
SELECT coalesce(ST_Intersects(a.area, p.g), false) AS inside,
  ST_Distance(a.area::geography, p.g::geography)::float8 AS distance_m
FROM alerts a, p WHERE a.id = $1`;

/** Is a point inside a message's area, and if not how far from it (metres)? */
export async function pointInAlert(
  db: Queryable,
  alertId: number,
  lat: number,
  lon: number,
): Promise<{ inside: boolean; distance_m: number | null }> {
  return one(db, POINT_IN_ALERT, [alertId, lon, lat]);
}

const VILLAGES_CENTRE = `
SELECT ST_Y(ST_Centroid(e))::float8 AS lat, ST_X(ST_Centroid(e))::float8 AS lon
FROM (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4326) AS e FROM admin_areas WHERE level = 'village') x WHERE e IS NOT NULL`;

/** The middle of the villages Siaga covers: where the registration map opens. */
export async function villagesCentre(db: Queryable): Promise<{ lat: number; lon: number } | undefined> {
  return maybeOne<{ lat: number; lon: number }>(db, VILLAGES_CENTRE);
}

// What changes when villages are imported again: their number and the latest import time. Cheap
// (one index-free scan of a small table) and asked at most every few seconds by the map's cache.
const VILLAGES_VERSION = `
SELECT count(*)::text || '/' || coalesce(max(imported_at)::text, '') AS version FROM admin_areas WHERE level = 'village'`;

export async function villagesVersion(db: Queryable): Promise<string> {
  return (await one<{ version: string }>(db, VILLAGES_VERSION)).version;
}
