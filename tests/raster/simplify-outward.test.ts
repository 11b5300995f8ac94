// Outward-only simplification: on seeded noisy rain fields the simplified polygons contain the
// originals (original − simplified is empty, computed exactly by polyclip-ts), are valid, and have
// fewer vertices; the growth stays near the tolerance.
import { booleanValid } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { difference } from 'polyclip-ts';
import { describe, expect, it } from 'vitest';
import { polygonAreaKm2 } from '../../geo/polygon-area-km2.ts';
import type { GeoGrid } from '../../geo/raster/raster-types.ts';
import { vectorizeThreshold } from '../../geo/raster/vectorize-threshold.ts';
import { createSeededRandom } from '../../geo/seeded-random.ts';

function rainField(seed: string, size: number): GeoGrid {
  const rnd = createSeededRandom(seed);
  const values = new Float32Array(size * size);
  for (let k = 0; k < 6; k++) {
    const cx = rnd() * size;
    const cy = rnd() * size;
    const s = size * (0.05 + rnd() * 0.15);
    const a = 15 + rnd() * 40;
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++)
        values[r * size + c] = (values[r * size + c] as number) + a * Math.exp(-((c - cx) ** 2 + (r - cy) ** 2) / (2 * s * s));
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) + (rnd() - 0.5) * 8;
  return { width: size, height: size, values, originX: 106, originY: -5, pixelWidth: 0.01, pixelHeight: -0.01, epsg: 4326 };
}

const vertexCount = (g: { coordinates: number[][][][] } | null) =>
  (g?.coordinates ?? []).reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);

describe('outward-only simplification', () => {
  for (const seed of ['a', 'b', 'c']) {
    it(`contains the original polygons (field ${seed})`, () => {
      const field = rainField(seed, 160);
      const original = vectorizeThreshold(field, { threshold: 20, minAreaKm2: 5 });
      const simplified = vectorizeThreshold(field, { threshold: 20, minAreaKm2: 5, simplifyM: 3000 });
      console.info(
        `field ${seed}: ${vertexCount(original.geometry)} → ${vertexCount(simplified.geometry)} vertices, ${original.totalAreaKm2.toFixed(1)} → ${simplified.totalAreaKm2.toFixed(1)} km²`,
      );
      if (!original.geometry || !simplified.geometry) throw new Error('empty field');
      // Exact: whatever of the original lies outside the simplified polygons.
      const outside = difference(
        original.geometry.coordinates as [number, number][][][],
        simplified.geometry.coordinates as [number, number][][][],
      );
      expect(polygonAreaKm2(outside)).toBeLessThan(1e-6);
      for (const coordinates of simplified.geometry.coordinates) expect(booleanValid({ type: 'Polygon', coordinates })).toBe(true);
      expect(vertexCount(simplified.geometry)).toBeLessThan(vertexCount(original.geometry) * 0.9);
      // It only grew, and not by more than a band of the tolerance around the boundary would allow.
      expect(simplified.totalAreaKm2).toBeGreaterThanOrEqual(original.totalAreaKm2);
      expect(simplified.totalAreaKm2).toBeLessThan(original.totalAreaKm2 * 1.5);
      expect(simplified.polygons.reduce((s, p) => s + p.pixelCount, 0)).toBe(original.polygons.reduce((s, p) => s + p.pixelCount, 0));
    });
  }

  it('merges a polygon that another one grows over (the union path), keeping both pixel counts', () => {
    // A U whose mouth the simplification closes, with a one-pixel blob inside the U.
    const rows = ['10000001', '10000001', '10010001', '10000001', '11111111'];
    const values = Float32Array.from(rows.join('').split('').map(Number));
    const grid: GeoGrid = { width: 8, height: 5, values, originX: 106, originY: -5, pixelWidth: 0.01, pixelHeight: -0.01, epsg: 4326 };
    const original = vectorizeThreshold(grid, { threshold: 1 });
    const simplified = vectorizeThreshold(grid, { threshold: 1, simplifyM: 8000 });
    expect(original.polygons).toHaveLength(2);
    expect(simplified.polygons).toEqual([{ areaKm2: simplified.totalAreaKm2, pixelCount: 17 }]);
    const outside = difference(
      original.geometry?.coordinates as [number, number][][][],
      simplified.geometry?.coordinates as [number, number][][][],
    );
    expect(polygonAreaKm2(outside)).toBeLessThan(1e-9);
    expect(booleanValid(simplified.geometry as MultiPolygon)).toBe(true);
  });

  it('changes nothing with a zero tolerance', () => {
    const field = rainField('d', 60);
    expect(vectorizeThreshold(field, { threshold: 20, simplifyM: 0 })).toEqual(vectorizeThreshold(field, { threshold: 20 }));
  });
});
