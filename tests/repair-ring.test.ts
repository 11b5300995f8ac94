import { describe, expect, it } from 'vitest';
import { polygonAreaKm2 } from '../geo/polygon-area-km2.ts';
import { repairRing, repairRingExplained } from '../geo/repair-ring.ts';
import { ringSelfContact } from '../geo/ring-self-contact.ts';

describe('repairRing', () => {
  const square = [
    [98.7, 3.5],
    [98.8, 3.5],
    [98.8, 3.6],
    [98.7, 3.6],
    [98.7, 3.5],
  ];
  const area = (mp: number[][][][]) => polygonAreaKm2(mp);

  it('leaves a simple ring with the same area', () => {
    const out = repairRing(square);
    expect(out).toHaveLength(1);
    expect(area(out)).toBeCloseTo(area([[square]]), 6);
  });

  it('splits a bow-tie into its two triangles, keeping both', () => {
    const out = repairRing([
      [98.6, 3.4],
      [98.8, 3.6],
      [98.8, 3.4],
      [98.6, 3.6],
      [98.6, 3.4],
    ]);
    expect(out).toHaveLength(2);
    // two triangles, each a quarter of the 0.2° square
    expect(area(out)).toBeCloseTo(
      area([
        [
          [
            [98.6, 3.4],
            [98.8, 3.4],
            [98.8, 3.6],
            [98.6, 3.6],
            [98.6, 3.4],
          ],
        ],
      ]) / 2,
      3,
    );
  });

  it('keeps a loop drawn twice over the same ground (non-zero rule), where even-odd would cut it out', () => {
    const twice = [...square.slice(0, 4), ...square.slice(0, 4), square[0] as number[]];
    expect(area(repairRing(twice))).toBeCloseTo(area([[square]]), 6);
  });

  it('drops spikes and repeated points from 3-decimal rounding', () => {
    const spiked = [
      [98.7, 3.5],
      [98.8, 3.5],
      [98.8, 3.5],
      [98.85, 3.55],
      [98.8, 3.5],
      [98.8, 3.6],
      [98.7, 3.6],
      [98.7, 3.5],
    ];
    const out = repairRing(spiked);
    expect(out).toHaveLength(1);
    expect(area(out)).toBeCloseTo(area([[square]]), 6);
  });

  it('returns nothing for a ring with no area', () => {
    expect(
      repairRing([
        [98.7, 3.5],
        [98.8, 3.5],
        [98.9, 3.5],
        [98.7, 3.5],
      ]),
    ).toEqual([]);
  });
});

describe('repairRing on large and self-touching rings', () => {
  /** A star of `n` points around Medan: simple, but every sweep line crosses thousands of its edges. */
  const star = (n: number) => {
    const ring = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      const r = i % 2 ? 0.1 : 0.5;
      return [98.7 + r * Math.cos(a), 3.45 + r * Math.sin(a)];
    });
    return [...ring, ring[0] as number[]];
  };
  const isValidOutput = (mp: number[][][][]) =>
    mp.every((polygon) => polygon.every((r) => r.length >= 4 && ringSelfContact(r as [number, number][]) === undefined));

  it('cleans a simple 30,000-point ring without recursion, quickly', () => {
    const ring = star(30_000);
    const t0 = performance.now();
    const out = repairRing(ring);
    const ms = performance.now() - t0;
    expect(out).toHaveLength(1);
    expect(out[0]?.[0]).toHaveLength(30_001);
    expect(isValidOutput(out)).toBe(true);
    expect(polygonAreaKm2(out)).toBeCloseTo(polygonAreaKm2([[ring]]), 3);
    expect(ms).toBeLessThan(15_000); // 0.2–0.5 s measured on an idle core; generous for a loaded CI machine
  });

  it('turns a self-crossing 30,000-point ring into its hull instead of overflowing the stack', () => {
    const ring = star(30_000);
    ring.splice(15_000, 0, [99.5, 3.45]); // one spike across the far side
    const out = repairRing(ring);
    expect(out).toHaveLength(1);
    expect(isValidOutput(out)).toBe(true);
    expect(polygonAreaKm2(out)).toBeGreaterThan(polygonAreaKm2([[star(30_000)]]));
    expect(repairRingExplained(ring).repair).toBe('convex-hull');
  });

  it('says how each ring was made valid: cleaned, untangled, or its convex hull', () => {
    expect(repairRingExplained(star(3_000)).repair).toBe('cleaned');
    const bowTie = [
      [98.7, 3.5],
      [98.8, 3.6],
      [98.8, 3.5],
      [98.7, 3.6],
      [98.7, 3.5],
    ];
    expect(repairRingExplained(bowTie).repair).toBe('untangled');
    const crossed = star(3_000);
    crossed.splice(1_500, 0, [99.5, 3.45]);
    expect(repairRingExplained(crossed).repair).toBe('convex-hull');
  });

  it('splits a ring that touches itself at one point into two valid polygons', () => {
    // A figure eight whose loops meet at a shared vertex (98.8, 3.5), not a crossing.
    const eight = [
      [98.7, 3.4],
      [98.8, 3.5],
      [98.9, 3.4],
      [98.9, 3.6],
      [98.8, 3.5],
      [98.7, 3.6],
      [98.7, 3.4],
    ];
    expect(ringSelfContact(eight as [number, number][])).toBeDefined();
    const out = repairRing(eight);
    expect(isValidOutput(out)).toBe(true);
    expect(polygonAreaKm2(out)).toBeGreaterThan(0);
  });
});
