/** `[lon, lat]` degrees (EPSG:4326). */
type Point = readonly [number, number];

interface Edge {
  i: number;
  /** Lexicographically smaller endpoint (x, then y). */
  left: Point;
  right: Point;
}

/**
 * Whether a closed ring touches or crosses itself: two non-adjacent edges sharing any point, or two
 * adjacent edges folding back over each other (a spike). A Shamos–Hoey sweep, O(n log n) with no
 * recursion: it stops at the first contact, so it cannot list them all, only say there is one.
 *
 * Why a sweep: rings of tens of thousands of points must be checked before every repair, and a
 * pairwise scan of such a ring takes seconds.
 *
 * @param ring closed ring (first point repeated last) of [lon, lat] degrees, no repeated consecutive points
 * @returns the indexes of two edges in contact (edge k joins ring[k] and ring[k+1]), or undefined for a simple ring
 */
export function ringSelfContact(ring: readonly Point[]): [number, number] | undefined {
  const m = ring.length - 1;
  if (m < 3) return undefined;
  const edges: Edge[] = [];
  for (let i = 0; i < m; i++) {
    const a = ring[i] as Point;
    const b = ring[i + 1] as Point;
    edges.push(before(a, b) ? { i, left: a, right: b } : { i, left: b, right: a });
  }
  // Events: each edge enters at its left point and leaves at its right one. At the same point,
  // entries come first, so edges that only meet there are compared before either leaves.
  const events: { p: Point; enter: boolean; e: Edge }[] = [];
  for (const e of edges) events.push({ p: e.left, enter: true, e }, { p: e.right, enter: false, e });
  events.sort((u, v) => u.p[0] - v.p[0] || u.p[1] - v.p[1] || (u.enter === v.enter ? 0 : u.enter ? -1 : 1));

  const adjacent = (a: Edge, b: Edge) => (a.i + 1) % m === b.i || (b.i + 1) % m === a.i;
  const contact = (a: Edge | undefined, b: Edge | undefined): [number, number] | undefined => {
    if (!a || !b) return undefined;
    const hit = adjacent(a, b) ? foldsBack(ring, a.i, b.i, m) : segmentsMeet(a.left, a.right, b.left, b.right);
    return hit ? [Math.min(a.i, b.i), Math.max(a.i, b.i)] : undefined;
  };

  // The edges the sweep line crosses, bottom to top. Orders stay consistent while no two edges
  // have met, which is all the sweep needs: it stops at the first contact.
  const status: Edge[] = [];
  for (const { p, enter, e } of events) {
    if (enter) {
      let lo = 0;
      let hi = status.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (below(status[mid] as Edge, e, p)) lo = mid + 1;
        else hi = mid;
      }
      status.splice(lo, 0, e);
      const hit = contact(status[lo - 1], e) ?? contact(e, status[lo + 1]);
      if (hit) return hit;
    } else {
      const k = indexOfEdge(status, e, p);
      status.splice(k, 1);
      const hit = contact(status[k - 1], status[k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

function before(a: Point, b: Point): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function orient(p: Point, q: Point, r: Point): number {
  return Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
}

/** Whether active edge `t` lies below edge `e` entering at `p`; an edge through `p` is ordered by `e`'s other end. */
function below(t: Edge, e: Edge, p: Point): boolean {
  const side = orient(t.left, t.right, p);
  if (side !== 0) return side > 0;
  return orient(t.left, t.right, e.right) >= 0;
}

/** Position of a leaving edge: binary search by its right point, then a local look among edges through that point. */
function indexOfEdge(status: Edge[], e: Edge, p: Point): number {
  let lo = 0;
  let hi = status.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (orient((status[mid] as Edge).left, (status[mid] as Edge).right, p) > 0) lo = mid + 1;
    else hi = mid;
  }
  for (let d = 0; d < status.length; d++) {
    if (status[lo + d] === e) return lo + d;
    if (status[lo - d] === e) return lo - d;
  }
  return status.indexOf(e);
}

/** Closed segments ab and cd share at least one point. */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b));
}

/** `r`, collinear with pq, lies on the segment pq. */
function within(p: Point, q: Point, r: Point): boolean {
  return Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
}

/** Two consecutive edges turn back along themselves (a spike): collinear and leaving their shared point the same way. */
function foldsBack(ring: readonly Point[], i: number, j: number, m: number): boolean {
  if (m === 3) {
    // In a triangle every two edges are adjacent; a fold is a triangle with no area.
    return orient(ring[0] as Point, ring[1] as Point, ring[2] as Point) === 0;
  }
  const [first, second] = (i + 1) % m === j ? [i, j] : [j, i];
  const v = ring[second] as Point;
  const a = ring[first] as Point;
  const b = ring[second + 1] as Point;
  if (orient(a, v, b) !== 0) return false;
  return (a[0] - v[0]) * (b[0] - v[0]) + (a[1] - v[1]) * (b[1] - v[1]) > 0;
}
