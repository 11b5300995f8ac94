// Row household-import: `siaga import households` of the generated CSV into an empty households
// table (parse, validate, COPY to staging, PostGIS village assignment, versioned merge), against a
// bare COPY of the same file.
import { bracketWithBareCopies, cliStartupSeconds, countHouseholds, importLine } from '../household-steps.ts';
import { round3 } from '../measure.ts';
import type { BenchMode, HouseholdFixture, RowLine } from '../row-types.ts';

export async function runRow(mode: BenchMode, fixture: HouseholdFixture): Promise<RowLine[]> {
  const before = await countHouseholds(fixture);
  if (before.total > 0) {
    throw new Error(
      `${fixture.where} already holds ${before.total} household rows; household-import needs the empty table the runner prepares`,
    );
  }
  const run = await bracketWithBareCopies(fixture, mode);
  const r = run.siaga.result;
  if (r.rows !== fixture.households || r.inserted + r.rejects.length !== r.rows) {
    throw new Error(`first import of ${fixture.households} rows: ${r.rows} read, ${r.inserted} inserted, ${r.rejects.length} rejected`);
  }
  return [
    importLine('household-import', `import ${fixture.households.toLocaleString('en')} households, empty table`, fixture, run, {
      inserted: r.inserted,
      rejected: r.rejects.length,
      snapped: r.snapped,
      cliStartupSeconds: round3(await cliStartupSeconds(fixture)),
    }),
  ];
}
