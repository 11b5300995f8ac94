/**
 * Outward-only simplification of traced polygons: the result always contains the original.
 * Each ring is simplified outward (simplify-ring-outward.ts). Where that provably kept the polygon
 * simple, disjoint from the others and around its original (find-simplified-conflicts.ts), the
 * simplified polygon is used as is. Everywhere else the simplified and original polygons of the
 * conflicting group are unioned (polyclip-ts, non-zero rule): the union contains the originals
 * whatever the simplification did and is valid, but it is slow (polyclip-ts computes in arbitrary
 * precision), hence only where needed. Works in pixel coordinates, before reprojection.
 */
import { union, type Geom } from 'polyclip-ts';
import { findSimplifiedConflicts } from './find-simplified-conflicts.ts';
import { pointInRings } from './point-in-rings.ts';
import { refineRingOutward, simplifyRingOutward } from './simplify-ring-outward.ts';

/** A polygon in pixel coordinates: flat [c0, r0, …] rings, shell first, each oriented as the tracer does. */
export interface PixelPolygon {
  rings: number[][];
  pixelCount: number;
  /** A point strictly inside the polygon (a pixel centre), to find which merged polygon holds it. */
  inside: [number, number];
}

type Ring = [number, number][];

/** Rounds of putting back vertices where simplified edges conflict, before falling back to a union. */
const REFINE_ROUNDS = 6;

/**
 * @param metresPerPixel ground pixel size at row r
 * @returns polygons in pixel coordinates ([c, r] pairs, rings closed), with the pixel counts of
 *   the originals each one holds
 */
export function simplifyPolygonsOutward(
  polygons: readonly PixelPolygon[],
  metresPerPixel: (r: number) => { x: number; y: number },
  toleranceM: number,
): { rings: Ring[]; pixelCount: number }[] {
  const kept = polygons.map((p) => p.rings.map((ring) => simplifyRingOutward(ring, metresPerPixel, toleranceM)));
  const input = polygons.map((p, i) => ({ original: p.rings, kept: kept[i] as number[][], inside: p.inside }));
  // Most conflicts are one simplified edge cutting a corner too close to another ring: putting back
  // the middle vertex of the chain it replaced resolves them far faster than a union would.
  let conflicts = findSimplifiedConflicts(input);
  for (let round = 0; round < REFINE_ROUNDS && conflicts.edges.length > 0; round++) {
    // Anchors to add per ring: the middle of each conflicting edge's chain; the halves are then
    // simplified again, so every new edge still only moves outward.
    const extra = new Map<string, { pi: number; ri: number; add: number[] }>();
    for (const [pi, ri, k] of conflicts.edges) {
      const ringKept = (input[pi] as { kept: number[][] }).kept[ri] as number[];
      const n = ((polygons[pi] as PixelPolygon).rings[ri] as number[]).length / 2;
      const a = ringKept[k] as number;
      const b = ringKept[(k + 1) % ringKept.length] as number;
      const span = (((b - a) % n) + n) % n;
      if (span < 2) continue;
      const entry = extra.get(`${pi}:${ri}`) ?? { pi, ri, add: [] };
      entry.add.push((a + Math.floor(span / 2)) % n);
      extra.set(`${pi}:${ri}`, entry);
    }
    if (extra.size === 0) break;
    for (const { pi, ri, add } of extra.values()) {
      const p = input[pi] as { kept: number[][] };
      const anchors = [...new Set([...(p.kept[ri] as number[]), ...add])].sort((x, y) => x - y);
      p.kept[ri] = refineRingOutward((polygons[pi] as PixelPolygon).rings[ri] as number[], anchors, metresPerPixel, toleranceM);
    }
    conflicts = findSimplifiedConflicts(input);
  }
  const { group, conflicted } = conflicts;
  const simplified = polygons.map((p, i) =>
    p.rings.map((ring, ri) => (kept[i]?.[ri] ?? []).flatMap((k) => [ring[2 * k] as number, ring[2 * k + 1] as number])),
  );
  const out: { rings: Ring[]; pixelCount: number }[] = [];
  const groups = new Map<number, number[]>();
  simplified.forEach((rings, i) => {
    if (!conflicted[i]) {
      // Simple, disjoint from every other ring, and grown only outward: already valid and ⊇ the original.
      out.push({ rings: rings.map(closedPairs), pixelCount: (polygons[i] as PixelPolygon).pixelCount });
      return;
    }
    const g = group[i] as number;
    const members = groups.get(g);
    if (members) members.push(i);
    else groups.set(g, [i]);
  });
  for (const members of groups.values()) {
    const geoms: Geom[] = [];
    for (const i of members) {
      geoms.push((simplified[i] as number[][]).map(toPairs));
      geoms.push((polygons[i] as PixelPolygon).rings.map(toPairs));
    }
    const merged = union(geoms[0] as Geom, ...geoms.slice(1)) as Ring[][];
    const counts = new Array<number>(merged.length).fill(0);
    for (const i of members) {
      const p = polygons[i] as PixelPolygon;
      const at = merged.length === 1 ? 0 : merged.findIndex((rings) => pointInRings(p.inside[0], p.inside[1], rings));
      if (at < 0) throw new Error(`internal: outward simplification lost the polygon holding pixel (${p.inside[0]}, ${p.inside[1]})`);
      counts[at] = (counts[at] as number) + p.pixelCount;
    }
    merged.forEach((rings, k) => out.push({ rings, pixelCount: counts[k] as number }));
  }
  return out;
}

function closedPairs(flat: readonly number[]): Ring {
  const ring = toPairs(flat);
  ring.push([flat[0] as number, flat[1] as number]);
  return ring;
}

function toPairs(flat: readonly number[]): Ring {
  const ring: Ring = [];
  for (let i = 0; i < flat.length; i += 2) ring.push([flat[i] as number, flat[i + 1] as number]);
  return ring;
}
