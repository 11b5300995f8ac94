// GeoJSON for the pages' maps, from Siaga's own database (no tile server): village outlines in the
// visible box, a public warning's area, and the village a point falls in (the registration page
// shows it as soon as the pin is placed). Public and rate-limited, like the residents' API.
import type { Db } from '../db/db.ts';
import { villageAt } from '../db/resident-households.ts';
import { alertArea, villagesInBox, villagesVersion } from '../db/web-geo.ts';
import type { Route } from './route.ts';
import { createVersionedCache } from './versioned-cache.ts';
import { RawBody } from './web-response.ts';

export interface GeoRouteDeps {
  db: Db;
  snapMetres: number;
}

// A box larger than this (degrees²) is refused: a phone has no use for thousands of villages, and
// the database should not simplify them for nothing. 0.6 deg² is about a regency.
const MAX_BOX_DEG2 = 0.6;
const MAX_VILLAGES = 800;

export function geoRoutes(deps: GeoRouteDeps): Route[] {
  const outlines = createVersionedCache({ version: () => villagesVersion(deps.db), versionTtlMs: 10_000, maxEntries: 500 });
  return [
    {
      method: 'GET',
      path: /^\/api\/villages\/at$/,
      rateLimited: true,
      handler: async (_req, url) => {
        const lat = Number(url.searchParams.get('lat'));
        const lon = Number(url.searchParams.get('lon'));
        if (
          !url.searchParams.get('lat') ||
          !url.searchParams.get('lon') ||
          !Number.isFinite(lat) ||
          !Number.isFinite(lon) ||
          Math.abs(lat) > 90 ||
          Math.abs(lon) > 180
        ) {
          return { status: 400, body: { error: 'lat and lon: give a point in degrees, e.g. ?lat=3.55&lon=98.87' } };
        }
        const village = await villageAt(deps.db, lat, lon, deps.snapMetres);
        return village
          ? { status: 200, body: { village } }
          : { status: 404, body: { error: `(${lat}, ${lon}) is not in any village Siaga covers` } };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/villages\.geojson$/,
      handler: async (req, url) => {
        const parts = (url.searchParams.get('bbox') ?? '').split(',').map(Number);
        const [west, south, east, north] = parts;
        if (
          parts.length !== 4 ||
          west === undefined ||
          south === undefined ||
          east === undefined ||
          north === undefined ||
          parts.some((n) => !Number.isFinite(n)) ||
          west >= east ||
          south >= north
        ) {
          return { status: 400, body: { error: 'bbox: give west,south,east,north in degrees' } };
        }
        if ((east - west) * (north - south) > MAX_BOX_DEG2)
          return { status: 400, body: { error: `bbox: at most ${MAX_BOX_DEG2} square degrees; zoom in` } };
        // Simplify to about a pixel at the box's scale (a box spans a few hundred pixels on a phone).
        const tolerance = Math.max(east - west, north - south) / 1500;
        const cached = await outlines.get([west, south, east, north].join(','), () =>
          villagesInBox(deps.db, { west, south, east, north }, tolerance, MAX_VILLAGES),
        );
        // Village outlines change only on a new import: an hour in any cache, then revalidated.
        const headers = { 'cache-control': 'public, max-age=3600', etag: cached.etag };
        const known = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
        if (known.includes(cached.etag) || known.includes('*')) return { status: 304, body: undefined, headers };
        return { status: 200, body: new RawBody('application/geo+json', cached.bytes), headers };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/alerts\/(\d{1,15})\/area\.geojson$/,
      handler: async (_req, _url, [id]) => {
        const area = await alertArea(deps.db, Number(id));
        if (!area) return { status: 404, body: { error: `no public warning ${id} with an area` } };
        return { status: 200, body: { type: 'Feature', properties: { alertId: Number(id) }, geometry: area.geometry } };
      },
    },
  ];
}
