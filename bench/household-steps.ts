// What the household rows share: one timed `siaga import households` between bare COPYs of the
// same file, so that the baseline is measured before and after Siaga in the same run and a burst of
// load from elsewhere does not land on one side only.
import pg from 'pg';
import { z } from 'zod';
import { checkpoint, timeBareCopy } from './bare-copy.ts';
import { median, round3 } from './measure.ts';
import { assertSucceeded, runSiagaCli } from './run-siaga-cli.ts';
import type { BenchMode, HouseholdFixture, RowLine } from './row-types.ts';

const BASELINE = 'bare COPY of the same CSV into a plain, unindexed table of text columns, same database';
/** Bare COPYs before and after the Siaga step (each side); cheap next to the import. */
const BARE_COPIES: Record<BenchMode, number> = { quick: 2, full: 3 };

const importJson = z.object({
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  snapped: z.number(),
  rejects: z.array(z.object({ line: z.number(), reason: z.string() })),
});
export type ImportJson = z.infer<typeof importJson>;

export interface CliImport {
  seconds: number;
  peakRssKb: number | undefined;
  result: ImportJson;
}

export interface HouseholdCounts {
  current: number;
  total: number;
}

const COUNT_HOUSEHOLDS = 'SELECT count(*) FILTER (WHERE valid_to IS NULL)::int AS current, count(*)::int AS total FROM households';

export async function countHouseholds(fixture: HouseholdFixture): Promise<HouseholdCounts> {
  return withClient(fixture, async (client) => {
    const { rows } = await client.query<HouseholdCounts>(COUNT_HOUSEHOLDS);
    const [row] = rows;
    if (!row) throw new Error('count of households returned no row');
    return row;
  });
}

/** `siaga import households FILE --json`, after a checkpoint, timed from spawn to exit. */
export async function importWithCli(fixture: HouseholdFixture): Promise<CliImport> {
  await withClient(fixture, checkpoint);
  const run = assertSucceeded(
    await runSiagaCli(['import', 'households', fixture.csvPath, '--json'], fixture.databaseUrl),
    'siaga import households',
  );
  let result: ImportJson;
  try {
    result = importJson.parse(JSON.parse(run.stdout));
  } catch (err) {
    throw new Error(`siaga import households --json printed something unexpected: ${run.stdout.slice(0, 500)}`, { cause: err });
  }
  return { seconds: run.seconds, peakRssKb: run.peakRssKb, result };
}

export interface Bracketed {
  siaga: CliImport;
  baselineSeconds: number[];
}

/** Bare COPYs, the Siaga import, bare COPYs again. */
export async function bracketWithBareCopies(fixture: HouseholdFixture, mode: BenchMode): Promise<Bracketed> {
  const baselineSeconds: number[] = [];
  const bare = async () => {
    for (let i = 0; i < BARE_COPIES[mode]; i++) {
      const copy = await timeBareCopy(fixture.databaseUrl, fixture.csvPath);
      if (copy.rows !== fixture.households) throw new Error(`the bare COPY loaded ${copy.rows} rows, expected ${fixture.households}`);
      baselineSeconds.push(copy.seconds);
    }
  };
  await bare();
  const siaga = await importWithCli(fixture);
  await bare();
  return { siaga, baselineSeconds };
}

/** Median seconds of `siaga --help`: the start-up (Node, tsx, imports) inside every CLI figure. */
export async function cliStartupSeconds(fixture: HouseholdFixture): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < 3; i++) seconds.push(assertSucceeded(await runSiagaCli(['--help'], fixture.databaseUrl), 'siaga --help').seconds);
  return median(seconds);
}

export function importLine(
  row: string,
  measures: string,
  fixture: HouseholdFixture,
  run: Bracketed,
  details: Record<string, unknown>,
): RowLine {
  const rows = fixture.households;
  const baseline = median(run.baselineSeconds);
  return {
    row,
    measures,
    unit: 'rows/s',
    siaga: { perSecond: rows / run.siaga.seconds, samples: 1, seconds: run.siaga.seconds },
    baseline: { label: BASELINE, perSecond: rows / baseline, samples: run.baselineSeconds.length, seconds: baseline },
    slowdown: run.siaga.seconds / baseline,
    ...(run.siaga.peakRssKb === undefined ? {} : { peakRssKb: run.siaga.peakRssKb }),
    details: {
      households: rows,
      where: fixture.where,
      baselineSeconds: run.baselineSeconds.map(round3),
      ...details,
    },
  };
}

async function withClient<T>(fixture: HouseholdFixture, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: fixture.databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
