/**
 * Marching squares on the pixel-corner lattice: the boundary between above-threshold pixels and the
 * rest, traced along pixel edges. Tracing pixel edges (rather than interpolating between pixel
 * centres) makes a polygon's area exactly its pixel count × pixel area, which is what a hazard drawn
 * from a pixel-is-area rainfall product means.
 *
 * Vertices are lattice points (c, r), 0 ≤ c ≤ width, 0 ≤ r ≤ height, identified by r·(width+1)+c.
 * Every ring keeps the inside on the same side: in (c, r) coordinates shells have negative shoelace
 * area and holes positive. At a saddle (two inside pixels touching only at a corner) the trace turns
 * to stay with the pixel it follows (4-connectivity); when that makes a ring pass one lattice point
 * twice, the ring is split there, so every ring is simple and a hole touches its shell at a point
 * at most — the OGC validity rules.
 */
import type { ThresholdComponents } from './label-threshold-components.ts';

export interface TracedRing {
  component: number;
  /** An inside pixel (row-major index) on this ring, so a point known to lie in the component. */
  pixel: number;
  /** Lattice vertex ids, not closed (the first vertex is not repeated). */
  vertices: number[];
  /** Signed shoelace area in pixel units in (c, r): negative for shells, positive for holes. */
  area: number;
}

// Directions: 0 = E (+c), 1 = S (+r), 2 = W (−c), 3 = N (−r).
const DC = [1, 0, -1, 0] as const;
const DR = [0, 1, 0, -1] as const;
/** Saddle: turn left (in the r-down frame) to stay with the followed pixel. */
const LEFT_TURN = [3, 0, 1, 2] as const;
/**
 * Out direction by the 2×2 code TL·1 + TR·2 + BL·4 + BR·8 around a vertex; -1 for a saddle (6, 9),
 * -2 where no boundary passes. Inside is on the left when walking in the r-down frame: E needs TR
 * in and BR out, S needs BR in and BL out, W needs BL in and TL out, N needs TL in and TR out.
 */
const OUT_DIRECTION = buildOutDirections();

function buildOutDirections(): Int8Array {
  const table = new Int8Array(16);
  for (let code = 0; code < 16; code++) {
    const tl = code & 1;
    const tr = (code >> 1) & 1;
    const bl = (code >> 2) & 1;
    const br = (code >> 3) & 1;
    if (code === 6 || code === 9) table[code] = -1;
    else if (tr && !br) table[code] = 0;
    else if (br && !bl) table[code] = 1;
    else if (bl && !tl) table[code] = 2;
    else if (tl && !tr) table[code] = 3;
    else table[code] = -2;
  }
  return table;
}

/**
 * Traces every boundary ring of the labelled components.
 * @param maxRunPixels keep a vertex at least every this many pixels along a straight edge (for CRSs
 *   whose straight grid lines curve in lon/lat); Infinity keeps only corners
 */
export function traceComponentRings(width: number, height: number, components: ThresholdComponents, maxRunPixels = Infinity): TracedRing[] {
  const { labels } = components;
  const stride = width + 1;
  const inside = (c: number, r: number): number => (c >= 0 && c < width && r >= 0 && r < height && labels[r * width + c] !== 0 ? 1 : 0);
  // Every ring has horizontal edges; marking those is enough to never trace a ring twice.
  const visited = new Uint8Array(width * (height + 1));
  const rings: TracedRing[] = [];

  for (let r = 0; r <= height; r++) {
    for (let c = 0; c < width; c++) {
      const e = r * width + c;
      if (visited[e]) continue;
      const above = r > 0 ? labels[e - width] !== 0 : false;
      const below = r < height ? labels[e] !== 0 : false;
      if (above === below) continue;
      // The first unvisited edge of a ring in row-major order starts at one of its corners.
      const pixel = above ? e - width : e;
      const component = components.componentOf(labels[pixel] as number);
      const startC = above ? c + 1 : c;
      const startDir = above ? 0 : 2;
      visited[e] = 1;
      for (const vertices of traceOne(startC, r, startDir)) rings.push({ component, pixel, vertices, area: shoelace(vertices, stride) });
    }
  }
  return rings;

  /** Walks one ring from lattice point (c0, r0), reached heading `dir0`; returns it split into simple rings. */
  function traceOne(c0: number, r0: number, dir0: number): number[][] {
    const out: number[][] = [];
    const stack: number[] = [];
    // Saddle vertices on the stack, to split the ring where it passes one twice.
    const saddleAt = new Map<number, number>();
    let c = c0;
    let r = r0;
    let dir = dir0;
    let run = 0;
    for (;;) {
      const code = inside(c - 1, r - 1) | (inside(c, r - 1) << 1) | (inside(c - 1, r) << 2) | (inside(c, r) << 3);
      let outDir = OUT_DIRECTION[code] as number;
      const saddle = outDir === -1;
      if (saddle) outDir = LEFT_TURN[dir] as number;
      else if (outDir < 0) throw new Error(`internal: ring lost at lattice point (${c}, ${r})`);
      run++;
      if (outDir !== dir || run >= maxRunPixels) {
        run = 0;
        const v = r * stride + c;
        const seen = saddle ? saddleAt.get(v) : undefined;
        if (seen !== undefined) {
          const loop = stack.slice(seen);
          for (let k = seen + 1; k < stack.length; k++) saddleAt.delete(stack[k] as number);
          stack.length = seen + 1;
          out.push(loop);
        } else {
          if (saddle) saddleAt.set(v, stack.length);
          stack.push(v);
        }
      }
      if (outDir === 0 || outDir === 2) visited[r * width + (outDir === 0 ? c : c - 1)] = 1;
      c += DC[outDir] as number;
      r += DR[outDir] as number;
      dir = outDir;
      if (c === c0 && r === r0 && dir === dir0) break;
    }
    out.push(stack);
    return out;
  }
}

/** Shoelace area of a ring of lattice ids, in (c, r) pixel units. */
function shoelace(vertices: readonly number[], stride: number): number {
  let sum = 0;
  const n = vertices.length;
  for (let i = 0; i < n; i++) {
    const a = vertices[i] as number;
    const b = vertices[(i + 1) % n] as number;
    sum += (a % stride) * Math.floor(b / stride) - (b % stride) * Math.floor(a / stride);
  }
  return sum / 2;
}
