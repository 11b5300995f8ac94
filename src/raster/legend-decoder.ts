/**
 * Colour → value for legend-coloured tiles (BMKG's rainfall and radar products): the nearest
 * legend colour within a tolerance (Euclidean distance in RGB, 0–255 per channel), NaN beyond it;
 * transparent pixels (alpha 0) are no data. Anti-aliased edges and JPEG-ish noise land on the
 * nearest class; colours far from every class (map labels, borders) become no data.
 */
export interface LegendEntry {
  color: string;
  value: number;
}

export function parseLegend(legend: readonly LegendEntry[]): { r: number; g: number; b: number; value: number }[] {
  if (legend.length === 0) throw new RangeError('legend is empty');
  return legend.map((e, i) => {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(e.color);
    if (!m) throw new RangeError(`legend[${i}].color must be #rrggbb, got "${e.color}"`);
    if (!Number.isFinite(e.value)) throw new RangeError(`legend[${i}].value must be a finite number, got ${e.value}`);
    return { r: parseInt(m[1] as string, 16), g: parseInt(m[2] as string, 16), b: parseInt(m[3] as string, 16), value: e.value };
  });
}

/** Returns a decoder of one RGBA pixel; results are cached per colour (tiles have few distinct colours). */
export function legendDecoder(legend: readonly LegendEntry[], tolerance: number): (r: number, g: number, b: number, a: number) => number {
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
  const entries = parseLegend(legend);
  const cache = new Map<number, number>();
  return (r, g, b, a) => {
    if (a === 0) return Number.NaN;
    const key = (r << 16) | (g << 8) | b;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let best = Number.NaN;
    let bestD = Infinity;
    for (const e of entries) {
      const d = Math.hypot(r - e.r, g - e.g, b - e.b);
      if (d < bestD) {
        bestD = d;
        best = e.value;
      }
    }
    const value = bestD <= tolerance ? best : Number.NaN;
    cache.set(key, value);
    return value;
  };
}
