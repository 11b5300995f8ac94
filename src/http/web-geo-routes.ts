// GeoJSON for the pages' maps, from Siaga's own database (no tile server): village outlines in the
// visible box, kecamatan/kabupaten/province outlines for orientation, the land Siaga covers, a
// public warning's area, and the village a point falls in (the registration page shows it as soon
// as the pin is placed). Public and rate-limited, like the residents' API.
import type { Db } from '../db/db.ts';
import { villageAt } from '../db/resident-households.ts';
import { alertArea, villagesInBox, villagesVersion, type Box } from '../db/web-geo.ts';
import { areasInBox, areasVersion, COARSE_LEVELS, coverageArea, type CoarseLevel } from '../db/web-geo-areas.ts';
import type { IncomingMessage } from 'node:http';
import type { Route } from './route.ts';
import { createVersionedCache, type Cached } from './versioned-cache.ts';
import { RawBody } from './web-response.ts';

export interface GeoRouteDeps {
  db: Db;
  snapMetres: number;
}

// A box larger than this (degrees²) is refused: a phone has no use for thousands of villages, and
// the database should not simplify them for nothing. 0.6 deg² is about a regency.
const MAX_BOX_DEG2 = 0.6;
const MAX_VILLAGES = 800;
// The coarser the level, the larger a box may be: a phone zoomed out to a province sees its
// regencies, zoomed out to the country its provinces (Indonesia's box is about 1,000 deg²).
const MAX_AREA_BOX_DEG2: Record<CoarseLevel, number> = { province: 2000, regency: 60, district: 6 };
const MAX_AREAS = 800;
// About 50 m: the covered land is drawn once for every zoom, under the finer outlines.
const COVERAGE_TOLERANCE_DEG = 0.0005;

export function geoRoutes(deps: GeoRouteDeps): Route[] {
  const outlines = createVersionedCache({ version: () => villagesVersion(deps.db), versionTtlMs: 10_000, maxEntries: 500 });
  const areas = createVersionedCache({ version: () => areasVersion(deps.db), versionTtlMs: 10_000, maxEntries: 500 });
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
        const box = readBox(url);
        if (typeof box === 'string') return { status: 400, body: { error: box } };
        if (boxArea(box) > MAX_BOX_DEG2) return { status: 400, body: { error: `bbox: at most ${MAX_BOX_DEG2} square degrees; zoom in` } };
        const cached = await outlines.get(boxKey(box), () => villagesInBox(deps.db, box, tolerance(box), MAX_VILLAGES));
        return geojsonReply(req, cached);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/areas\.geojson$/,
      handler: async (req, url) => {
        const level = url.searchParams.get('level') ?? '';
        if (!isCoarseLevel(level)) return { status: 400, body: { error: `level: give one of ${COARSE_LEVELS.join(', ')}` } };
        const box = readBox(url);
        if (typeof box === 'string') return { status: 400, body: { error: box } };
        const most = MAX_AREA_BOX_DEG2[level];
        if (boxArea(box) > most)
          return { status: 400, body: { error: `bbox: at most ${most} square degrees for level ${level}; zoom in` } };
        const cached = await areas.get(`${level}|${boxKey(box)}`, () => areasInBox(deps.db, level, box, tolerance(box), MAX_AREAS));
        return geojsonReply(req, cached);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/coverage\.geojson$/,
      handler: async (req) => {
        const cached = await areas.get('coverage', async () => (await coverageArea(deps.db, COVERAGE_TOLERANCE_DEG)) ?? EMPTY_COVERAGE);
        return geojsonReply(req, cached);
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

// Before any import the land is nothing: a feature with no polygon, so the map still says "outside".
const EMPTY_COVERAGE = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [] } };

function isCoarseLevel(level: string): level is CoarseLevel {
  return (COARSE_LEVELS as readonly string[]).includes(level);
}

/** The `bbox` parameter (west,south,east,north in degrees), or what is wrong with it. */
function readBox(url: URL): Box | string {
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
    return 'bbox: give west,south,east,north in degrees';
  }
  return { west, south, east, north };
}

const boxArea = (b: Box) => (b.east - b.west) * (b.north - b.south);
const boxKey = (b: Box) => [b.west, b.south, b.east, b.north].join(',');
// Simplify to about a pixel at the box's scale (a box spans a few hundred pixels on a phone).
const tolerance = (b: Box) => Math.max(b.east - b.west, b.north - b.south) / 1500;

// Boundaries change only on a new import: an hour in any cache, then revalidated by the ETag.
function geojsonReply(req: IncomingMessage, cached: Cached) {
  const headers = { 'cache-control': 'public, max-age=3600', etag: cached.etag };
  const known = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (known.includes(cached.etag) || known.includes('*')) return { status: 304, body: undefined, headers };
  return { status: 200, body: new RawBody('application/geo+json', cached.bytes), headers };
}
