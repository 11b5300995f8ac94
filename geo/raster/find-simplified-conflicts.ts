/**
 * Where outward simplification may have broken validity or containment: polygons whose simplified
 * rings meet another simplified ring (their own included, except neighbouring edges), meet an
 * original ring outside the chain they replace, or now hold another polygon's inside point. Only
 * those go through the slow exact union; for the rest the simplified polygon is simple, disjoint
 * from the others, and contains its original (each replaced chain lies on the interior side of its
 * new edge and crosses no other edge, so the original boundary lies inside the simplified ring).
 * Conservative: any shared point counts except two rings touching at a vertex both keep (see
 * touchAtSharedEnd), because a false alarm costs a union and a miss costs invalid geometry. Pixel coordinates; vertices are lattice points, so the
 * orientation tests are exact.
 */
import { pointInRings } from './point-in-rings.ts';

/** Segments are bucketed in square cells of this many pixels. */
const CELL = 16;
/** Polygon boxes are bucketed in coarser cells. */
const BOX_CELL = 64;

export interface SimplifiedPolygon {
  /** Original rings, flat open [c0, r0, …], shell first. */
  original: readonly (readonly number[])[];
  /** Per ring, the indices of the original vertices the simplified ring keeps (ascending). */
  kept: readonly (readonly number[])[];
  /** A point strictly inside the original polygon. */
  inside: readonly [number, number];
}

/**
 * @returns per polygon whether it is in a conflict, and a group representative (conflicting
 *   polygons share one and must be unioned together)
 */
export function findSimplifiedConflicts(polygons: readonly SimplifiedPolygon[]): {
  group: Int32Array;
  conflicted: Uint8Array;
  /** Simplified edges that meet something they should not: [polygon, ring, index into kept]. */
  edges: [number, number, number][];
} {
  const parent = Int32Array.from(polygons, (_, i) => i);
  const conflicted = new Uint8Array(polygons.length);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a] as number] as number;
    return a;
  };
  const join = (a: number, b: number): void => {
    conflicted[a] = 1;
    conflicted[b] = 1;
    parent[find(a)] = find(b);
  };

  // Segments: coordinates, owner polygon, global ring id, kind (simplified or original), and for a
  // simplified edge the original index range it replaces (from, to), for an original edge its index.
  const xy: number[] = [];
  const owner: number[] = [];
  const ring: number[] = [];
  const simplified: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const ringSize: number[] = [];
  const keptCount: number[] = [];
  const keptIndex: number[] = [];
  const ringIndex: number[] = [];
  let ringId = 0;
  polygons.forEach((p, pi) => {
    p.original.forEach((flat, ri) => {
      ringIndex.push(ri);
      const n = flat.length / 2;
      const kept = p.kept[ri] as readonly number[];
      const add = (a: number, b: number, isSimplified: boolean, k: number): void => {
        xy.push(flat[2 * a] as number, flat[2 * a + 1] as number, flat[2 * b] as number, flat[2 * b + 1] as number);
        owner.push(pi);
        ring.push(ringId);
        simplified.push(isSimplified ? 1 : 0);
        from.push(a);
        to.push(b);
        ringSize.push(n);
        keptCount.push(kept.length);
        keptIndex.push(k);
      };
      kept.forEach((a, k) => add(a, kept[(k + 1) % kept.length] as number, true, k));
      for (let i = 0; i < n; i++) add(i, (i + 1) % n, false, -1);
      ringId++;
    });
  });

  // Per cell, simplified and original segments apart: only pairs with a simplified edge are tested,
  // and noisy boundaries put hundreds of original edges in a cell.
  const cells = new Map<number, { s: number[]; o: number[] }>();
  const key = (cx: number, cy: number): number => cy * 1_000_003 + cx;
  for (let s = 0; s < owner.length; s++) {
    const x0 = xy[4 * s] as number,
      y0 = xy[4 * s + 1] as number,
      x1 = xy[4 * s + 2] as number,
      y1 = xy[4 * s + 3] as number;
    for (let cy = Math.floor(Math.min(y0, y1) / CELL); cy <= Math.floor(Math.max(y0, y1) / CELL); cy++) {
      for (let cx = Math.floor(Math.min(x0, x1) / CELL); cx <= Math.floor(Math.max(x0, x1) / CELL); cx++) {
        let cell = cells.get(key(cx, cy));
        if (!cell) cells.set(key(cx, cy), (cell = { s: [], o: [] }));
        (simplified[s] ? cell.s : cell.o).push(s);
      }
    }
  }

  /** Whether meeting between segments s and t is expected (neighbours on one ring, an edge and its own chain). */
  const allowed = (s: number, t: number): boolean => {
    if (ring[s] !== ring[t]) return false;
    const n = ringSize[s] as number;
    if (simplified[s] && simplified[t]) {
      const d = Math.abs((keptIndex[s] as number) - (keptIndex[t] as number));
      return d === 1 || d === (keptCount[s] as number) - 1;
    }
    // A simplified edge may meet the original edges it replaces and the two that share its end points.
    const [e, o] = simplified[s] ? [s, t] : [t, s];
    const span = cyclic((from[e] as number) - 1, n);
    const end = to[e] as number;
    const len = cyclic(end - span, n);
    return cyclic((from[o] as number) - span, n) <= len;
  };

  const edges: [number, number, number][] = [];
  const test = (s: number, t: number): void => {
    if (allowed(s, t) || !segmentsMeet(xy, s, t)) return;
    join(owner[s] as number, owner[t] as number);
    for (const e of [s, t])
      if (simplified[e]) edges.push([owner[e] as number, ringIndex[ring[e] as number] as number, keptIndex[e] as number]);
  };
  for (const cell of cells.values()) {
    for (let a = 0; a < cell.s.length; a++) {
      const s = cell.s[a] as number;
      for (let b = a + 1; b < cell.s.length; b++) test(s, cell.s[b] as number);
      for (const t of cell.o) test(s, t);
    }
  }

  // A polygon swallowed whole by another's growth (or stranded when a hole shrank) crosses no edge:
  // test each polygon's inside point against the others whose box holds it (boxes bucketed coarsely).
  const rings = polygons.map((p) =>
    p.original.map((flat, ri) => (p.kept[ri] as readonly number[]).map((i) => [flat[2 * i] as number, flat[2 * i + 1] as number])),
  );
  const ringBoxes = rings.map((r) => r.map(boxOf));
  const boxCells = new Map<number, number[]>();
  ringBoxes.forEach((boxes, j) => {
    const box = boxes[0] as Box;
    for (let cy = Math.floor(box[1] / BOX_CELL); cy <= Math.floor(box[3] / BOX_CELL); cy++) {
      for (let cx = Math.floor(box[0] / BOX_CELL); cx <= Math.floor(box[2] / BOX_CELL); cx++) {
        const list = boxCells.get(key(cx, cy));
        if (list) list.push(j);
        else boxCells.set(key(cx, cy), [j]);
      }
    }
  });
  // Inside the shell and in none of the holes (each ring tested alone, so its box can rule it out).
  const holds = (j: number, x: number, y: number): boolean => {
    const rs = rings[j] as number[][][];
    const bs = ringBoxes[j] as Box[];
    if (!inBox(bs[0] as Box, x, y) || !pointInRings(x, y, [rs[0] as number[][]])) return false;
    for (let ri = 1; ri < rs.length; ri++) if (inBox(bs[ri] as Box, x, y) && pointInRings(x, y, [rs[ri] as number[][]])) return false;
    return true;
  };
  polygons.forEach((p, i) => {
    const [x, y] = p.inside;
    for (const j of boxCells.get(key(Math.floor(x / BOX_CELL), Math.floor(y / BOX_CELL))) ?? []) {
      if (i !== j && holds(j, x, y)) join(i, j);
    }
  });

  return { group: Int32Array.from(parent, (_, i) => find(i)), conflicted, edges };
}

function cyclic(i: number, n: number): number {
  return ((i % n) + n) % n;
}

/** Whether two closed segments share any point (crossing, touching or overlapping). */
function segmentsMeet(xy: readonly number[], s: number, t: number): boolean {
  const ax = xy[4 * s] as number,
    ay = xy[4 * s + 1] as number,
    bx = xy[4 * s + 2] as number,
    by = xy[4 * s + 3] as number;
  const cx = xy[4 * t] as number,
    cy = xy[4 * t + 1] as number,
    dx = xy[4 * t + 2] as number,
    dy = xy[4 * t + 3] as number;
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  if (touchAtSharedEnd(ax, ay, bx, by, cx, cy, dx, dy)) return false;
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (
    (d1 === 0 && onBox(cx, cy, dx, dy, ax, ay)) ||
    (d2 === 0 && onBox(cx, cy, dx, dy, bx, by)) ||
    (d3 === 0 && onBox(ax, ay, bx, by, cx, cy)) ||
    (d4 === 0 && onBox(ax, ay, bx, by, dx, dy))
  );
}

/**
 * Two rings touching at a lattice point both keep (a saddle of the original raster) are valid: a
 * crossing there would also cross an original ring elsewhere, which is caught. So segments that
 * meet only at one shared end point are not a conflict; collinear ones overlapping are.
 */
function touchAtSharedEnd(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  let shared: [number, number, number, number, number, number] | null = null; // shared point, then the two far ends
  if (ax === cx && ay === cy) shared = [ax, ay, bx, by, dx, dy];
  else if (ax === dx && ay === dy) shared = [ax, ay, bx, by, cx, cy];
  else if (bx === cx && by === cy) shared = [bx, by, ax, ay, dx, dy];
  else if (bx === dx && by === dy) shared = [bx, by, ax, ay, cx, cy];
  if (!shared) return false;
  const [sx, sy, ux, uy, vx, vy] = shared;
  const cross = (ux - sx) * (vy - sy) - (uy - sy) * (vx - sx);
  if (cross !== 0) return true;
  // Collinear: they overlap unless they leave the shared point in opposite directions.
  return (ux - sx) * (vx - sx) + (uy - sy) * (vy - sy) < 0;
}

function orient(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return Math.sign((bx - ax) * (py - ay) - (by - ay) * (px - ax));
}

function onBox(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}

type Box = [number, number, number, number];

function inBox(box: Box, x: number, y: number): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

function boxOf(ring: readonly (readonly number[])[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of ring) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}
