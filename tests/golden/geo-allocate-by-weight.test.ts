// Goldens of allocateByWeight: { weights, total } → the integer shares (largest remainder).
// Regenerate every golden with `npm run golden`, then review the diff.
import { expect, it } from 'vitest';
import { allocateByWeight } from '../../geo/allocate-by-weight.ts';
import { describeGoldens } from './describe-goldens.ts';

interface Split {
  weights: number[];
  total: number;
}

describeGoldens<Split>(
  'geo-allocate-by-weight',
  { in: '.json', out: '.json' },
  ({ weights, total }) => ({ shares: allocateByWeight(weights, total) }),
  (cases) => {
    it('hands out exactly the total every time', () => {
      for (const { spec } of cases) expect(allocateByWeight(spec.weights, spec.total).reduce((a, b) => a + b, 0)).toBe(spec.total);
    });
  },
);
