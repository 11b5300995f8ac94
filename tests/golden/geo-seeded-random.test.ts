// Goldens of createSeededRandom: the first numbers of a seed's sequence. They must never change
// (generated households are compared byte for byte across machines); each is an exact multiple of
// 2⁻³², so the JSON holds it exactly. Regenerate every golden with `npm run golden`, then review the diff.
import { createSeededRandom } from '../../geo/seeded-random.ts';
import { describeGoldens } from './describe-goldens.ts';

describeGoldens<{ seed: string; count: number }>('geo-seeded-random', { in: '.json', out: '.json' }, ({ seed, count }) => {
  const random = createSeededRandom(seed);
  const values = Array.from({ length: count }, random);
  return { values, asUint32: values.map((v) => v * 2 ** 32) };
});
