/**
 * Douglas–Peucker that only ever moves a ring outward: a vertex may be dropped only when it lies on
 * the polygon's interior side of the new edge (or on it) and within the tolerance of it, so the
 * region between the old chain and the new edge is added to the polygon, never taken away — the
 * UK Emergency Alerts rule that a warning area may grow but never shrink. Crossings with other
 * rings this can create are found and resolved by the caller (see simplify-polygons-outward.ts).
 */

export type MetresPerPixel = (r: number) => { x: number; y: number };

/**
 * @param ring flat [c0, r0, c1, r1, …] in pixel coordinates, not closed; the polygon interior lies
 *   on the side where cross(q − p, x − p) < 0 for each edge p → q (how the tracer orients every ring)
 * @param metresPerPixel ground size of a pixel at row r (x may vary with latitude, y does not)
 * @param toleranceM the largest distance in metres a dropped vertex may lie from the new edge
 * @returns indices of the kept vertices, ascending (same orientation); all of them when fewer
 *   than 3 would stay
 */
export function simplifyRingOutward(ring: readonly number[], metresPerPixel: MetresPerPixel, toleranceM: number): number[] {
  const n = ring.length / 2;
  if (n <= 3 || !(toleranceM > 0)) return Array.from({ length: n }, (_, i) => i);
  // Anchors: vertex 0 and the vertex farthest from it, so both halves are open chains.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = ((ring[2 * i] as number) - (ring[0] as number)) ** 2 + ((ring[2 * i + 1] as number) - (ring[1] as number)) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  return refineRingOutward(ring, [0, far], metresPerPixel, toleranceM);
}

/**
 * Outward Douglas–Peucker between every two consecutive `anchors` (kept whatever happens), then
 * the winding check below.
 * @param anchors ascending vertex indices, at least two
 */
export function refineRingOutward(
  ring: readonly number[],
  anchors: readonly number[],
  metresPerPixel: MetresPerPixel,
  toleranceM: number,
): number[] {
  const n = ring.length / 2;
  const keep = new Uint8Array(n + 1);
  for (const a of anchors) keep[a] = 1;
  const originalArea = signedArea(
    ring,
    Array.from({ length: n }, (_, i) => i),
  );
  for (;;) {
    const starts: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i]) starts.push(i);
    starts.forEach((a, k) =>
      simplifyChain(
        ring,
        a,
        k + 1 < starts.length ? (starts[k + 1] as number) : (starts[0] as number) + n,
        keep,
        metresPerPixel,
        toleranceM,
      ),
    );
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i]) kept.push(i);
    // A few kept vertices of a ring with reflex corners can wind the other way round (an L-shaped
    // hole becoming a triangle that encloses it): the "interior side" of every new edge then flips
    // and the ring grows where it had to shrink. Put back chain middles (and simplify the halves
    // again) until the winding is kept and the area moves the right way: shells (negative area in
    // (c, r)) may only grow, holes (positive) only shrink — both mean area ≤ the original's.
    const area = signedArea(ring, kept);
    if (kept.length === n || (kept.length >= 3 && Math.sign(area) === Math.sign(originalArea) && area <= originalArea)) return kept;
    kept.forEach((a, k) => {
      const b = k + 1 < kept.length ? (kept[k + 1] as number) : (kept[0] as number) + n;
      if (b - a >= 2) keep[(a + ((b - a) >> 1)) % n] = 1;
    });
  }
}

/** Outward DP on the chain a … b (b may exceed n: indices wrap), marking kept vertices. */
function simplifyChain(
  ring: readonly number[],
  a: number,
  b: number,
  keep: Uint8Array,
  metresPerPixel: MetresPerPixel,
  toleranceM: number,
): void {
  const n = ring.length / 2;
  const at = (i: number, axis: 0 | 1): number => ring[(i % n) * 2 + axis] as number;
  // An explicit stack: traced rings can have hundreds of thousands of vertices.
  const stack: number[] = [a, b];
  while (stack.length > 0) {
    const j = stack.pop() as number;
    const i = stack.pop() as number;
    if (j - i < 2) continue;
    const px = at(i, 0);
    const py = at(i, 1);
    const dx = at(j, 0) - px;
    const dy = at(j, 1) - py;
    const scale = metresPerPixel((py + at(j, 1)) / 2);
    const ux = dx * scale.x;
    const uy = dy * scale.y;
    const len2 = ux * ux + uy * uy;
    let worstOutside = -1;
    let worstOutsideCross = 0;
    let farthest = -1;
    let farthestD = -1;
    for (let k = i + 1; k < j; k++) {
      const kx = at(k, 0) - px;
      const ky = at(k, 1) - py;
      // The side test is exact in pixel coordinates: positive scaling does not change its sign.
      const cross = dx * ky - dy * kx;
      if (cross > 1e-9) {
        if (cross > worstOutsideCross) {
          worstOutsideCross = cross;
          worstOutside = k;
        }
        continue;
      }
      const d = distanceToSegmentM(kx * scale.x, ky * scale.y, ux, uy, len2);
      if (d > farthestD) {
        farthestD = d;
        farthest = k;
      }
    }
    const split = worstOutside >= 0 ? worstOutside : farthestD > toleranceM ? farthest : -1;
    if (split < 0) continue;
    keep[split % n] = 1;
    stack.push(i, split, split, j);
  }
}

function distanceToSegmentM(x: number, y: number, ux: number, uy: number, len2: number): number {
  const t = len2 > 0 ? Math.max(0, Math.min(1, (x * ux + y * uy) / len2)) : 0;
  return Math.hypot(x - t * ux, y - t * uy);
}

/** Shoelace area of the ring through the given vertex indices, in pixel units. */
function signedArea(ring: readonly number[], indices: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const j = indices[(k + 1) % indices.length] as number;
    sum += (ring[2 * i] as number) * (ring[2 * j + 1] as number) - (ring[2 * j] as number) * (ring[2 * i + 1] as number);
  }
  return sum / 2;
}
