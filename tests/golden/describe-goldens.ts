// One describe per golden folder: a test per case comparing `run(input)` with its out/ file, and
// one that out/ holds nothing without an input. Inputs are JSON or GeoJSON, read and parsed here.
import { describe, expect, it } from 'vitest';
import { expectGolden, goldenFolder, goldenJson, readJson, type GoldenCase } from '../support/golden.ts';

export function describeGoldens<T>(
  subject: string,
  ext: { in: string; out: string },
  run: (input: T, c: GoldenCase) => unknown,
  more?: (cases: readonly (GoldenCase & { spec: T })[]) => void,
): void {
  const folder = goldenFolder(subject, ext.in, ext.out);
  const cases = folder.cases.map((c) => ({ ...c, spec: readJson<T>(c.input) }));
  describe(`${subject} goldens (fixtures/golden/${subject})`, () => {
    it.each(cases)('$name', (c) => {
      expectGolden(goldenJson(run(c.spec, c)), c.output);
    });
    it('has no output without an input', () => {
      expect(folder.strayOutputs()).toEqual([]);
    });
    more?.(cases);
  });
}
