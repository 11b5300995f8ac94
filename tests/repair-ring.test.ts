import { describe, expect, it } from 'vitest';
import { polygonAreaKm2 } from '../geo/polygon-area-km2.ts';
import { repairRing } from '../geo/repair-ring.ts';

describe('repairRing', () => {
  const square = [[98.7, 3.5], [98.8, 3.5], [98.8, 3.6], [98.7, 3.6], [98.7, 3.5]];
  const area = (mp: number[][][][]) => polygonAreaKm2(mp);

  it('leaves a simple ring with the same area', () => {
    const out = repairRing(square);
    expect(out).toHaveLength(1);
    expect(area(out)).toBeCloseTo(area([[square]]), 6);
  });

  it('splits a bow-tie into its two triangles, keeping both', () => {
    const out = repairRing([[98.6, 3.4], [98.8, 3.6], [98.8, 3.4], [98.6, 3.6], [98.6, 3.4]]);
    expect(out).toHaveLength(2);
    // two triangles, each a quarter of the 0.2° square
    expect(area(out)).toBeCloseTo(area([[[[98.6, 3.4], [98.8, 3.4], [98.8, 3.6], [98.6, 3.6], [98.6, 3.4]]]]) / 2, 3);
  });

  it('keeps a loop drawn twice over the same ground (non-zero rule), where even-odd would cut it out', () => {
    const twice = [...square.slice(0, 4), ...square.slice(0, 4), square[0] as number[]];
    expect(area(repairRing(twice))).toBeCloseTo(area([[square]]), 6);
  });

  it('drops spikes and repeated points from 3-decimal rounding', () => {
    const spiked = [[98.7, 3.5], [98.8, 3.5], [98.8, 3.5], [98.85, 3.55], [98.8, 3.5], [98.8, 3.6], [98.7, 3.6], [98.7, 3.5]];
    const out = repairRing(spiked);
    expect(out).toHaveLength(1);
    expect(area(out)).toBeCloseTo(area([[square]]), 6);
  });

  it('returns nothing for a ring with no area', () => {
    expect(repairRing([[98.7, 3.5], [98.8, 3.5], [98.9, 3.5], [98.7, 3.5]])).toEqual([]);
  });
});
