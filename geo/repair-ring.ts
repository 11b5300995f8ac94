import { union } from 'polyclip-ts';

/** `[lon, lat]` degrees (EPSG:4326). */
type Position = [number, number];

/**
 * A CAP polygon's ring as a valid MultiPolygon: self-crossing, self-touching, spiked or repeated
 * points resolved, the way the ring's drawer meant it.
 *
 * Self-crossing rings are read with the non-zero winding rule (polyclip-ts): every area the ring
 * encloses is kept, and a loop drawn twice over the same ground is not cut out as the even-odd
 * reading of `ST_MakeValid` would. For a warning that is the safe side: the area only grows.
 *
 * Why here and not in PostGIS: the embedded engine's GEOS (PGlite, WebAssembly) swallows the
 * exception that ST_IsValid/ST_MakeValid raise on some such rings and returns no row at all
 * (electric-sql/pglite#916); BMKG's 3-decimal rounding makes such rings common. Valid rings come
 * out with the same area (collinear points dropped, wound counter-clockwise).
 *
 * @param ring closed or open ring of [lon, lat] degrees
 * @returns MultiPolygon coordinates (empty when the ring encloses no area)
 */
export function repairRing(ring: readonly (readonly number[])[]): Position[][][] {
  const positions = ring.map((p) => [p[0] ?? Number.NaN, p[1] ?? Number.NaN] as Position);
  return union([positions]) as Position[][][];
}
