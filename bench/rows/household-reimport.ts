// Row household-reimport: the same CSV imported a second time. Every row is compared with the
// household's current version and nothing may change; the cost is reading, checking, village
// assignment and the comparison. Same baseline as household-import.
import { bracketWithBareCopies, cliStartupSeconds, countHouseholds, importLine, importWithCli } from '../household-steps.ts';
import { round3 } from '../measure.ts';
import type { BenchMode, HouseholdFixture, RowLine } from '../row-types.ts';

export async function runRow(mode: BenchMode, fixture: HouseholdFixture): Promise<RowLine[]> {
  // Run alone (--only household-reimport), the first import has not happened yet: do it untimed.
  let firstImportDoneHere = false;
  if ((await countHouseholds(fixture)).current === 0) {
    await importWithCli(fixture);
    firstImportDoneHere = true;
  }
  const before = await countHouseholds(fixture);
  const run = await bracketWithBareCopies(fixture, mode);
  const after = await countHouseholds(fixture);
  const r = run.siaga.result;
  if (r.inserted !== 0 || r.updated !== 0 || after.total !== before.total || after.current !== before.current) {
    throw new Error(
      `re-import changed the table: ${r.inserted} inserted, ${r.updated} updated; household rows ${before.total} → ${after.total}, current ${before.current} → ${after.current}`,
    );
  }
  return [
    importLine('household-reimport', `re-import the same ${fixture.households.toLocaleString('en')} households, no change`, fixture, run, {
      unchanged: r.unchanged,
      rejected: r.rejects.length,
      firstImportDoneHere,
      cliStartupSeconds: round3(await cliStartupSeconds(fixture)),
    }),
  ];
}
