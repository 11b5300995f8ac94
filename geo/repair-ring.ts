import { union } from 'polyclip-ts';
import { convexHull } from './convex-hull.ts';
import { ringSelfContact } from './ring-self-contact.ts';

/** `[lon, lat]` degrees (EPSG:4326). */
type Position = [number, number];

/**
 * Largest self-touching or self-crossing ring handed to the polygon union. The union recurses once
 * per edge stacked under its sweep line and its time grows with the number of crossings (a
 * scribbled 500-point ring takes seconds), so past these bounds the ring's convex hull is used.
 */
const UNION_MAX_POINTS = 2000;
const UNION_MAX_CONTACTS = 256;

/**
 * A CAP polygon's ring as a valid MultiPolygon: self-crossing, self-touching, spiked or repeated
 * points resolved, the way the ring's drawer meant it.
 *
 * A simple ring (checked by an O(n log n) sweep, no recursion) is only cleaned: repeated and
 * collinear points dropped, wound counter-clockwise from its lowest-left point. Tens of thousands
 * of points take milliseconds.
 *
 * A ring that touches or crosses itself is read with the non-zero winding rule (polyclip-ts): every
 * area the ring encloses is kept, and a loop drawn twice over the same ground is not cut out as the
 * even-odd reading of `ST_MakeValid` would. For a warning that is the safe side: the area only
 * grows. Past UNION_MAX_POINTS points or UNION_MAX_CONTACTS contacts the union would overflow the
 * stack or run for minutes; such a ring becomes its convex hull, which contains every area it
 * encloses: again the safe side, at the cost of warning more people than drawn.
 *
 * Why here and not in PostGIS: the embedded engine's GEOS (PGlite, WebAssembly) swallows the
 * exception that ST_IsValid/ST_MakeValid raise on some such rings and returns no row at all
 * (electric-sql/pglite#916); BMKG's 3-decimal rounding makes such rings common.
 *
 * @param ring closed or open ring of [lon, lat] degrees
 * @returns MultiPolygon coordinates (empty when the ring encloses no area)
 */
export function repairRing(ring: readonly (readonly number[])[]): Position[][][] {
  return repairRingExplained(ring).coordinates;
}

/** How a ring was made valid: kept as drawn (only cleaned), untangled by the union, or its convex hull. */
export type RingRepair = 'cleaned' | 'untangled' | 'convex-hull';

/** {@link repairRing}, saying how, so that a caller can tell a reader what was done to the shape. */
export function repairRingExplained(ring: readonly (readonly number[])[]): { coordinates: Position[][][]; repair: RingRepair } {
  const points = withoutRepeats(ring);
  if (points.length < 4) return { coordinates: [], repair: 'cleaned' };
  if (ringSelfContact(points) === undefined) {
    const cleaned = withoutCollinear(points);
    return { coordinates: cleaned.length < 4 ? [] : [[counterClockwiseFromLowest(cleaned)]], repair: 'cleaned' };
  }
  if (points.length <= UNION_MAX_POINTS && countContacts(points, UNION_MAX_CONTACTS) <= UNION_MAX_CONTACTS) {
    return { coordinates: union([points]) as Position[][][], repair: 'untangled' };
  }
  const hull = convexHull(points);
  return { coordinates: hull.length < 4 ? [] : [[hull]], repair: 'convex-hull' };
}

/** The ring closed, with consecutive repeated points (3-decimal rounding) dropped. */
function withoutRepeats(ring: readonly (readonly number[])[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q: Position = [p[0] ?? Number.NaN, p[1] ?? Number.NaN];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push(first);
  return out;
}

function orient(p: Position, q: Position, r: Position): number {
  return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
}

/** Drops points on a straight run between their neighbours; in a simple ring none folds back. */
function withoutCollinear(closed: Position[]): Position[] {
  const open = closed.slice(0, -1);
  const kept: Position[] = [];
  for (let i = 0; i < open.length; i++) {
    const prev = open[(i - 1 + open.length) % open.length] as Position;
    const next = open[(i + 1) % open.length] as Position;
    const p = open[i] as Position;
    if (orient(prev, p, next) !== 0) kept.push(p);
  }
  return kept.length < 3 ? [] : [...kept, kept[0] as Position];
}

/** Same ring, counter-clockwise (positive area) and starting at its lowest-left point, closed. */
function counterClockwiseFromLowest(closed: Position[]): Position[] {
  let open = closed.slice(0, -1);
  let twiceArea = 0;
  for (let i = 0; i < open.length; i++) twiceArea += orient([0, 0], open[i] as Position, open[(i + 1) % open.length] as Position);
  if (twiceArea < 0) open = open.reverse();
  let start = 0;
  open.forEach((p, i) => {
    const s = open[start] as Position;
    if (p[0] < s[0] || (p[0] === s[0] && p[1] < s[1])) start = i;
  });
  const rotated = [...open.slice(start), ...open.slice(0, start)];
  return [...rotated, rotated[0] as Position];
}

/**
 * Pairs of non-adjacent edges that meet, counted up to `limit` + 1. Edges sorted by their west end
 * and scanned while their x-ranges overlap: quadratic at worst, so only for rings of at most
 * UNION_MAX_POINTS points.
 */
function countContacts(closed: Position[], limit: number): number {
  const m = closed.length - 1;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => minX(closed, a) - minX(closed, b));
  let count = 0;
  for (let s = 0; s < m; s++) {
    const i = order[s] as number;
    const [a, b] = [closed[i] as Position, closed[i + 1] as Position];
    const maxXi = Math.max(a[0], b[0]);
    for (let t = s + 1; t < m; t++) {
      const j = order[t] as number;
      if (minX(closed, j) > maxXi) break;
      if (Math.abs(i - j) === 1 || Math.abs(i - j) === m - 1) continue;
      const [c, d] = [closed[j] as Position, closed[j + 1] as Position];
      if (Math.sign(orient(a, b, c)) * Math.sign(orient(a, b, d)) <= 0 && Math.sign(orient(c, d, a)) * Math.sign(orient(c, d, b)) <= 0) {
        if (++count > limit) return count;
      }
    }
  }
  return count;
}

function minX(closed: Position[], edge: number): number {
  return Math.min((closed[edge] as Position)[0], (closed[edge + 1] as Position)[0]);
}
