import { describe, expect, it } from 'vitest';
import { FIRST_SLICE_HOUSEHOLDS, leadingSlices, SECOND_SLICE_HOUSEHOLDS } from '../../src/delivery/danger-slices.ts';

const villages = (...sizes: number[]) => sizes.map((households, i) => ({ code: `v${i}`, households }));

describe('leadingSlices', () => {
  it('plans a small message in one pass', () => {
    expect(leadingSlices(villages(500, 700, 800))).toEqual([]);
  });

  it('takes the villages in the order given until each slice holds its households, the rest left to the last pass', () => {
    const slices = leadingSlices(villages(600, 600, 3_000, 4_000, 4_000, 50_000));
    expect(slices).toEqual([
      ['v0', 'v1'],
      ['v2', 'v3', 'v4'],
    ]);
    expect(600 + 600).toBeGreaterThanOrEqual(FIRST_SLICE_HOUSEHOLDS);
    expect(3_000 + 4_000 + 4_000).toBeGreaterThanOrEqual(SECOND_SLICE_HOUSEHOLDS);
  });

  it('puts one village bigger than a slice in a slice of its own', () => {
    expect(leadingSlices(villages(40_000, 2))).toEqual([['v0'], ['v1']]);
  });
});
