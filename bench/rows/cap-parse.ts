// Row cap-parse: CAP documents parsed and validated per second by checkCap, against a bare
// fast-xml-parser parse of the same bytes. The gap is Siaga's safety and checking work: size and
// encoding checks, the DTD refusal, well-formedness, the namespace-aware tree, reading every CAP
// field and validating it (polygon closure, ranges, self-intersection, Indonesian plausibility).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BMKG_FIXTURES, largestNowcastFixture } from '../bmkg-fixtures.ts';
import { XMLParser } from 'fast-xml-parser';
import { checkCap } from '../../src/cap/check-cap.ts';
import { BUDGETS, compareThroughput, round3 } from '../measure.ts';
import { goalAtLeast, type BenchMode, type RowLine } from '../row-types.ts';
import { buildSyntheticNowcast } from '../synthetic-nowcast.ts';

const BASELINE = 'fast-xml-parser XMLParser({ ignoreAttributes: false }).parse of the same bytes, nothing else';

export async function runRow(mode: BenchMode): Promise<RowLine[]> {
  const fixture = await largestNowcastFixture();
  const fixtureBytes = await readFile(path.join(BMKG_FIXTURES, fixture));
  const synthetic = buildSyntheticNowcast(fixtureBytes.toString('utf8'));
  const syntheticBytes = Buffer.from(synthetic.xml, 'utf8');
  return [
    // The goal is on the largest real fixture; the synthetic BMKG-sized one has none.
    measure(mode, fixtureBytes, `fixture ${fixture}, ${kb(fixtureBytes)}`, { fixture }, true),
    measure(
      mode,
      syntheticBytes,
      `synthetic nowcast, ${synthetic.polygons} polygons, ${synthetic.points.toLocaleString('en')} points, ${kb(syntheticBytes)}`,
      {
        polygons: synthetic.polygons,
        points: synthetic.points,
        builtFrom: fixture,
      },
    ),
  ];
}

function measure(mode: BenchMode, bytes: Buffer, document: string, about: Record<string, unknown>, hasGoal = false): RowLine {
  // Measuring a refusal or an invalid document would time the wrong path.
  const check = checkCap(bytes);
  if (!check.valid) throw new Error(`${document} does not validate: ${JSON.stringify(check.errors.slice(0, 3))}`);
  const parser = new XMLParser({ ignoreAttributes: false });
  if (!('alert' in parser.parse(bytes))) throw new Error(`the bare parse of ${document} has no <alert>`);

  const result = compareThroughput(
    () => checkCap(bytes),
    () => parser.parse(bytes),
    BUDGETS[mode],
  );
  return {
    row: 'cap-parse',
    measures: `parse+validate ${document}`,
    unit: 'docs/s',
    siaga: { perSecond: result.siaga.perSecond, samples: result.siaga.samples },
    baseline: { label: BASELINE, perSecond: result.baseline.perSecond, samples: result.baseline.samples },
    slowdown: result.baseline.perSecond / result.siaga.perSecond,
    ...(hasGoal ? { goal: goalAtLeast(0.5, result.baseline.perSecond / result.siaga.perSecond) } : {}),
    details: {
      ...about,
      bytes: bytes.length,
      warnings: check.warnings.length,
      stable: result.stable,
      siagaSpread: round3(result.siaga.spread),
      baselineSpread: round3(result.baseline.spread),
      measuredMs: Math.round(result.elapsedMs),
    },
  };
}

function kb(bytes: Buffer): string {
  return `${(bytes.length / 1024).toFixed(1)} KiB`;
}
