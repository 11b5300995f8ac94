/** `[lon, lat]` degrees (EPSG:4326). */
type Position = [number, number];

/**
 * The convex hull of a set of points, counter-clockwise, closed, starting at the lowest-left point
 * (Andrew's monotone chain, O(n log n), no recursion). Planar in degrees, which for a warning area
 * of a few hundred km differs from the geodesic hull by far less than the targeting margin.
 *
 * @param points [lon, lat] degrees
 * @returns the hull ring (first point repeated last), or [] when the points span no area
 */
export function convexHull(points: readonly (readonly number[])[]): Position[] {
  const sorted = points
    .map((p) => [p[0] ?? Number.NaN, p[1] ?? Number.NaN] as Position)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const chain = (pts: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of pts) {
      while (out.length >= 2 && cross(out[out.length - 2] as Position, out[out.length - 1] as Position, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const hull = [...chain(sorted), ...chain([...sorted].reverse())];
  if (hull.length < 3) return [];
  return [...hull, hull[0] as Position];
}
