// The BMKG parser goldens: each case in fixtures/golden/<subject>/in/ names a real payload from
// fixtures/bmkg (see its SOURCES.md) and the options the parser is called with; out/ holds what the
// parser returns, issues included. Every payload of the parser's family must be some case's input,
// so a payload added to fixtures/bmkg gets a golden too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures.ts';
import { describeGoldens } from './describe-goldens.ts';

/** An in/ case: `payload` is a path under fixtures/; the other fields are the parser's options. */
export interface BmkgCase {
  payload: string;
  [option: string]: unknown;
}

/** Goldens of `parse(bytes, case)` for the payloads of fixtures/bmkg whose names match `family`. */
export function describeBmkgGoldens(subject: string, family: RegExp, parse: (bytes: Uint8Array, c: BmkgCase) => unknown): void {
  // Bytes, as a job receives them: the parser does its own decoding.
  describeGoldens<BmkgCase>(
    subject,
    { in: '.json', out: '.json' },
    (spec) => parse(readFileSync(path.join(FIXTURES, spec.payload)), spec),
    (cases) => {
      it('has a case for every payload of the family', () => {
        const used = new Set(cases.map((c) => path.normalize(c.spec.payload)));
        const unused = readdirSync(path.join(FIXTURES, 'bmkg')).filter((f) => family.test(f) && !used.has(path.join('bmkg', f)));
        expect(unused, `fixtures/bmkg payloads with no case in fixtures/golden/${subject}/in`).toEqual([]);
      });
    },
  );
}
