import type { PolygonCoordinates } from './polygon-area-km2.ts';

/** Bounding box [minLon, minLat, maxLon, maxLat] in degrees (EPSG:4326). */
export type BBox = readonly [number, number, number, number];

/** One polygon of a (multi)polygon, flattened for fast repeated point tests. */
export interface PreparedPart {
  /** Each ring as interleaved lon, lat, lon, lat, … in degrees; ring 0 is the shell, others holes. */
  rings: readonly Float64Array[];
  bbox: BBox;
  /** Planar area in square degrees (shell minus holes): only used to weigh parts against each other. */
  areaDeg2: number;
}

/** A Polygon or MultiPolygon ready for point-in-polygon tests and sampling (see preparePolygon). */
export interface PreparedPolygon {
  parts: readonly PreparedPart[];
  bbox: BBox;
  /** Running sum of the parts' areaDeg2, to pick a part in proportion to its area. */
  cumulativeAreaDeg2: readonly number[];
}

/**
 * Copies GeoJSON polygon coordinates into typed arrays with bounding boxes, once, so that the
 * millions of point tests made while sampling read flat memory instead of nested JS arrays.
 *
 * @param polygons the parts of a MultiPolygon (a Polygon is a list of one); rings of [lon, lat] in
 *   degrees, EPSG:4326, closed or not; planar (lon/lat treated as x/y), which is exact for
 *   point-in-polygon tests on the degree grid the data is published on
 */
export function preparePolygon(polygons: readonly PolygonCoordinates[]): PreparedPolygon {
  const parts: PreparedPart[] = [];
  for (const rings of polygons) {
    const flat = rings.filter((ring) => ring.length >= 3).map(flattenRing);
    const shell = flat[0];
    if (!shell) continue;
    const areaDeg2 = Math.max(
      0,
      flat.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(planarArea(ring)), 0),
    );
    parts.push({ rings: flat, bbox: ringBBox(shell), areaDeg2 });
  }
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const cumulativeAreaDeg2: number[] = [];
  let running = 0;
  for (const part of parts) {
    minLon = Math.min(minLon, part.bbox[0]);
    minLat = Math.min(minLat, part.bbox[1]);
    maxLon = Math.max(maxLon, part.bbox[2]);
    maxLat = Math.max(maxLat, part.bbox[3]);
    running += part.areaDeg2;
    cumulativeAreaDeg2.push(running);
  }
  return { parts, bbox: [minLon, minLat, maxLon, maxLat], cumulativeAreaDeg2 };
}

function flattenRing(ring: readonly (readonly number[])[]): Float64Array {
  const out = new Float64Array(ring.length * 2);
  ring.forEach((pos, i) => {
    out[2 * i] = pos[0] ?? NaN;
    out[2 * i + 1] = pos[1] ?? NaN;
  });
  return out;
}

function ringBBox(ring: Float64Array): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i + 1 < ring.length; i += 2) {
    const lon = ring[i] ?? NaN;
    const lat = ring[i + 1] ?? NaN;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Shoelace area in square degrees, signed (counter-clockwise positive). */
function planarArea(ring: Float64Array): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    sum += ((ring[j] ?? 0) - (ring[i] ?? 0)) * ((ring[j + 1] ?? 0) + (ring[i + 1] ?? 0));
  }
  return sum / 2;
}
