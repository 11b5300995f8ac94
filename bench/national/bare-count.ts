// The alert-to-queued baseline: a bare PostGIS count(*) of the current households inside the same
// area, on the same tables and indexes (the GiST index on households.location, the village index).
// Each is the plain query a person would write, with the index-friendly form where one exists
// (a bounding-box test before the geodesic distance), so the baseline is not a straw man.
import type pg from 'pg';
import type { Hazard } from './hazards.ts';

const COUNT_IN_POLYGONS = `
SELECT count(*)::int AS n FROM households h
WHERE h.valid_to IS NULL AND ST_Intersects(h.location, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))`;

const COUNT_IN_CIRCLE = `
WITH c AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS centre)
SELECT count(*)::int AS n FROM households h, c
WHERE h.valid_to IS NULL AND h.location && ST_Envelope(ST_Buffer(c.centre, $3)::geometry) AND ST_DWithin(h.location::geography, c.centre, $3)`;

const COUNT_IN_PROVINCE = `
SELECT count(*)::int AS n FROM admin_areas v JOIN households h ON h.village_code = v.code AND h.valid_to IS NULL
WHERE v.level = 'village' AND v.code LIKE $1 || '.%'`;

export async function bareCount(client: pg.Client, area: Hazard['area']): Promise<number> {
  const { rows } =
    'polygons' in area
      ? await client.query<{ n: number }>(COUNT_IN_POLYGONS, [JSON.stringify({ type: 'MultiPolygon', coordinates: area.polygons })])
      : 'circle' in area
        ? await client.query<{ n: number }>(COUNT_IN_CIRCLE, [area.circle.lon, area.circle.lat, area.circle.radiusKm * 1000])
        : await client.query<{ n: number }>(COUNT_IN_PROVINCE, [area.province]);
  const n = rows[0]?.n;
  if (n === undefined) throw new Error('the bare count returned no row');
  return n;
}
