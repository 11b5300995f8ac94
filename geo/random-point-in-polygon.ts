import { pointInPreparedPolygon } from './point-in-prepared-polygon.ts';
import type { PreparedPart, PreparedPolygon } from './prepare-polygon.ts';

export interface SampleOptions {
  /**
   * Round lon and lat to this many decimals *before* the inside test, so that the point a caller
   * writes out (e.g. with 6 decimals, about 0.1 m) is the point that was tested. Default: no rounding.
   */
  decimals?: number;
  /** Rejection-sampling attempts before the fallback; fixed, so the result stays deterministic. */
  maxAttempts?: number;
}

/**
 * A uniformly random point inside a prepared Polygon or MultiPolygon (not in a hole).
 *
 * Picks a part in proportion to its area, then rejection-samples that part's bounding box, which
 * keeps acceptance high for villages made of scattered islands (one box around all of them would
 * be mostly sea). Uniform in lon/lat degrees, which within one village is uniform in area to well
 * under 1 %. After `maxAttempts` misses (only for slivers that fill a tiny share of their box) it
 * falls back to a scan line: a random latitude and a random spot on the inside stretches of that
 * line, which is always inside but no longer exactly uniform.
 *
 * @param polygon from preparePolygon; [lon, lat] degrees, EPSG:4326
 * @param random uniform numbers in [0, 1), e.g. createSeededRandom(seed)
 * @returns [lon, lat] in degrees
 */
export function randomPointInPolygon(polygon: PreparedPolygon, random: () => number, options: SampleOptions = {}): [number, number] {
  if (polygon.parts.length === 0) throw new RangeError('cannot sample a point in an empty polygon');
  const snap = snapper(options.decimals);
  const maxAttempts = options.maxAttempts ?? 1000;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const part = pickPart(polygon, random());
    const [minLon, minLat, maxLon, maxLat] = part.bbox;
    const lon = snap(minLon + random() * (maxLon - minLon));
    const lat = snap(minLat + random() * (maxLat - minLat));
    // Test against the chosen part only: where one part's box covers another part, testing the
    // whole polygon would give that other part a double share.
    if (pointInPreparedPolygon(asPolygon(polygon, part), lon, lat)) return [lon, lat];
  }
  return scanLinePoint(polygon, random, snap);
}

function snapper(decimals: number | undefined): (v: number) => number {
  if (decimals === undefined) return (v) => v;
  const scale = 10 ** decimals;
  return (v) => Math.round(v * scale) / scale;
}

function pickPart(polygon: PreparedPolygon, r: number): PreparedPart {
  const cumulative = polygon.cumulativeAreaDeg2;
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = r * total;
  for (let i = 0; i < polygon.parts.length; i++) {
    const part = polygon.parts[i];
    if (part && target < (cumulative[i] ?? 0)) return part;
  }
  // Only reached when every part has zero area, or r·total rounds up to total.
  return polygon.parts[total > 0 ? polygon.parts.length - 1 : 0] ?? (polygon.parts[0] as PreparedPart);
}

const singlePart = new WeakMap<PreparedPart, PreparedPolygon>();

function asPolygon(polygon: PreparedPolygon, part: PreparedPart): PreparedPolygon {
  if (polygon.parts.length === 1) return polygon;
  let one = singlePart.get(part);
  if (!one) {
    one = { parts: [part], bbox: part.bbox, cumulativeAreaDeg2: [part.areaDeg2] };
    singlePart.set(part, one);
  }
  return one;
}

/** Inside stretches [x0, x1, x2, x3, …] of the horizontal line at `lat` through a part (even-odd). */
function insideStretches(part: PreparedPart, lat: number): number[] {
  const xs: number[] = [];
  for (const ring of part.rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = ring[i] ?? NaN;
      const yi = ring[i + 1] ?? NaN;
      const xj = ring[j] ?? NaN;
      const yj = ring[j + 1] ?? NaN;
      // The same half-open rule as pointInPreparedPolygon, so both agree on what is inside.
      if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
    }
  }
  return xs.sort((a, b) => a - b);
}

function scanLinePoint(polygon: PreparedPolygon, random: () => number, snap: (v: number) => number): [number, number] {
  for (let attempt = 0; attempt < 100; attempt++) {
    const part = pickPart(polygon, random());
    const lat = snap(part.bbox[1] + random() * (part.bbox[3] - part.bbox[1]));
    const xs = insideStretches(part, lat);
    let length = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) length += (xs[k + 1] ?? 0) - (xs[k] ?? 0);
    if (!(length > 0)) continue;
    let along = random() * length;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const x0 = xs[k] ?? 0;
      const x1 = xs[k + 1] ?? 0;
      if (along <= x1 - x0) {
        const lon = snap(x0 + along);
        if (pointInPreparedPolygon(polygon, lon, lat)) return [lon, lat];
        break;
      }
      along -= x1 - x0;
    }
  }
  // Last resort, for a polygon thinner than the rounding grid everywhere we looked: the middle of
  // the widest stretch across the largest part, unrounded, which is inside.
  const largest = polygon.parts.reduce((best, part) => (part.areaDeg2 > best.areaDeg2 ? part : best));
  const lat = (largest.bbox[1] + largest.bbox[3]) / 2;
  const xs = insideStretches(largest, lat);
  let best: [number, number] = [largest.bbox[0], lat];
  let widest = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const x0 = xs[k] ?? 0;
    const x1 = xs[k + 1] ?? 0;
    if (x1 - x0 > widest) {
      widest = x1 - x0;
      best = [(x0 + x1) / 2, lat];
    }
  }
  return best;
}
