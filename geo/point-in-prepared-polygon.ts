import type { PreparedPolygon } from './prepare-polygon.ts';

/**
 * Whether a point lies inside a prepared polygon (see preparePolygon): inside a shell and not in
 * one of its holes, by the even-odd crossing rule, with bounding-box checks first so that most
 * misses cost four comparisons. Points exactly on an edge may go either way.
 *
 * @param polygon prepared Polygon or MultiPolygon, lon/lat degrees (EPSG:4326)
 * @param lon longitude in degrees
 * @param lat latitude in degrees
 */
export function pointInPreparedPolygon(polygon: PreparedPolygon, lon: number, lat: number): boolean {
  const box = polygon.bbox;
  if (lon < box[0] || lat < box[1] || lon > box[2] || lat > box[3]) return false;
  for (const part of polygon.parts) {
    const b = part.bbox;
    if (lon < b[0] || lat < b[1] || lon > b[2] || lat > b[3]) continue;
    // Counting crossings over shell and holes together is the even-odd rule: a point in a hole
    // crosses the shell and the hole, an even number.
    let inside = false;
    for (const ring of part.rings) {
      if (ringCrossingsOdd(ring, lon, lat)) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}

/** Ray casting towards +lon; the half-open test on lat counts a vertex on the ray once. */
function ringCrossingsOdd(ring: Float64Array, x: number, y: number): boolean {
  let odd = false;
  const n = ring.length;
  // Indices stay within [0, n) by construction; the `!` only silences noUncheckedIndexedAccess in
  // the hottest loop of the generator.
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const yi = ring[i + 1]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y) {
      const xi = ring[i]!;
      const xj = ring[j]!;
      if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}
