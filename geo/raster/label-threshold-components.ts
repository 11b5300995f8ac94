/**
 * Which pixels are above the threshold, grouped into 4-connected components.
 * Pure, typed arrays only: a 4000 × 4000 grid costs one Int32Array of labels (64 MB) plus the
 * union-find parents, never an object per pixel.
 */
import type { GeoGrid } from './raster-types.ts';

export interface ThresholdComponents {
  /** Per pixel (row-major): 0 outside, otherwise a provisional label; resolve with `componentOf`. */
  labels: Int32Array;
  /** Number of components (compact ids 0 … count-1). */
  count: number;
  /** Pixels in each component, by compact id. */
  pixelCount: Float64Array;
  /** The compact component id of an inside pixel's provisional label. */
  componentOf: (label: number) => number;
}

/**
 * Labels the pixels with value >= threshold (nodata and NaN are outside) into 4-connected components.
 * 4-connectivity is the tracing's saddle rule too: pixels touching only at a corner are separate
 * polygons, which keeps every ring simple (OGC-valid) while the pixel count stays exact.
 */
export function labelThresholdComponents(grid: GeoGrid, threshold: number): ThresholdComponents {
  const { width, height, values } = grid;
  if (values.length < width * height) {
    throw new RangeError(`grid values hold ${values.length} numbers, fewer than width × height = ${width * height}`);
  }
  // A Float32 band stores its nodata rounded to float32; compare in the band's own precision.
  const nodata = grid.nodata === undefined ? undefined : values instanceof Float32Array ? Math.fround(grid.nodata) : grid.nodata;
  const labels = new Int32Array(width * height);
  let parent = new Int32Array(1024);
  let next = 1;

  const find = (a: number): number => {
    let root = a;
    while (parent[root] !== root) root = parent[root] as number;
    // Path compression keeps later finds O(α).
    while (parent[a] !== root) {
      const up = parent[a] as number;
      parent[a] = root;
      a = up;
    }
    return root;
  };

  for (let r = 0; r < height; r++) {
    const rowStart = r * width;
    for (let c = 0; c < width; c++) {
      const i = rowStart + c;
      const v = values[i] as number;
      if (!(v >= threshold) || v === nodata) continue;
      const up = r > 0 ? (labels[i - width] as number) : 0;
      const left = c > 0 ? (labels[i - 1] as number) : 0;
      if (up === 0 && left === 0) {
        if (next >= parent.length) {
          const grown = new Int32Array(parent.length * 2);
          grown.set(parent);
          parent = grown;
        }
        parent[next] = next;
        labels[i] = next++;
      } else if (up === 0 || left === 0 || up === left) {
        labels[i] = up === 0 ? left : up;
      } else {
        const ru = find(up);
        const rl = find(left);
        if (ru !== rl) parent[Math.max(ru, rl)] = Math.min(ru, rl);
        labels[i] = left;
      }
    }
  }

  // Compact ids for roots, and pixel counts per component.
  const compact = new Int32Array(next).fill(-1);
  let count = 0;
  for (let l = 1; l < next; l++) {
    const root = find(l);
    if (compact[root] === -1) compact[root] = count++;
    compact[l] = compact[root] as number;
  }
  const pixelCount = new Float64Array(count);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (l === 0) continue;
    const id = compact[l] as number;
    pixelCount[id] = (pixelCount[id] as number) + 1;
  }
  return { labels, count, pixelCount, componentOf: (label) => compact[label] as number };
}
