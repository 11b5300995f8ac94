import { ringSelfContact } from '../../geo/ring-self-contact.ts';
import type { LonLat } from './cap-types.ts';

/** Beyond this many vertices the quadratic scan gives way to the sweep: BMKG rings stay far below it. */
const MAX_VERTICES = 5000;

/**
 * Indexes of two ring edges that properly cross each other, or undefined. Edges that merely touch
 * at a vertex, and zero-length edges (repeated points from 3-decimal rounding), are not counted:
 * PostGIS ST_MakeValid repairs those without changing the area meaningfully.
 */
export function findSelfIntersection(ring: LonLat[]): [number, number] | undefined {
  const n = ring.length - 1; // edges; the ring is closed (first == last)
  if (n < 4) return undefined;
  if (ring.length > MAX_VERTICES) return sweptContact(ring);
  for (let i = 0; i < n; i++) {
    const a = ring[i] as LonLat;
    const b = ring[i + 1] as LonLat;
    const minX = Math.min(a[0], b[0]);
    const maxX = Math.max(a[0], b[0]);
    const minY = Math.min(a[1], b[1]);
    const maxY = Math.max(a[1], b[1]);
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edges share the closing vertex
      const c = ring[j] as LonLat;
      const d = ring[j + 1] as LonLat;
      if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX || Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY)
        continue;
      if (properlyCross(a, b, c, d)) return [i, j];
    }
  }
  return undefined;
}

function orient(p: LonLat, q: LonLat, r: LonLat): number {
  return Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
}

function properlyCross(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/**
 * A large ring's first contact by the O(n log n) sweep, on the ring without its repeated points;
 * the sweep also counts touching, which for rings this large is as much a sign of a drawing error.
 */
function sweptContact(ring: LonLat[]): [number, number] | undefined {
  const distinct = ring.filter((p, i) => i === 0 || p[0] !== (ring[i - 1] as LonLat)[0] || p[1] !== (ring[i - 1] as LonLat)[1]);
  return ringSelfContact(distinct);
}
