// `npm run bench [-- --quick] [-- --only <row>[,<row>…]]`: runs each row in a fresh child process,
// prints one table of Siaga against a baseline measured in the same run, and writes
// bench/results/<date>.json. Absolute times on a shared machine are noise; the ratios are the result.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { LOCAL_SERVER, prepareHouseholds, type PreparedHouseholds } from './household-db.ts';
import { describeMachine, type Machine } from './machine.ts';
import { formatTable, localDate, writeResults, type RowOutcome } from './report.ts';
import { RowSkipped, type BenchMode, type RowJob, type RowReply } from './row-types.ts';
import { ROWS, type RowSpec } from './rows.ts';

const ROW_CHILD = fileURLToPath(new URL('./row-child.ts', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const USAGE = `usage: npm run bench -- [--quick] [--only <row>[,<row>…]]
  --quick   smaller inputs and shorter sampling (a few minutes); default: full mode
  --only    run only these rows: ${ROWS.map((r) => r.name).join(', ')}`;

const log = (line: string) => process.stderr.write(`${line}\n`);

let interrupted = false;
process.on('SIGINT', () => {
  // The row's child gets the signal too and stops; the bench database is still dropped below.
  interrupted = true;
  log('interrupted: cleaning up…');
});

const { mode, only } = readArgs(process.argv.slice(2));
const rows = only ? ROWS.filter((r) => only.includes(r.name)) : ROWS;
const config = loadConfig();
const startedAt = new Date();
const started = process.hrtime.bigint();
log(`siaga bench: ${mode} mode, rows: ${rows.map((r) => r.name).join(', ')}`);

let households: PreparedHouseholds | undefined;
let householdsProblem: { status: 'skipped' | 'failed'; reason: string } | undefined;
const outcomes: RowOutcome[] = [];
let machine: Machine;
try {
  if (rows.some((r) => r.needs === 'households')) {
    try {
      households = await prepareHouseholds(config.databaseUrl, mode, log);
    } catch (err) {
      householdsProblem =
        err instanceof RowSkipped ? { status: 'skipped', reason: err.message } : { status: 'failed', reason: describe(err) };
      log(`household rows ${householdsProblem.status}: ${householdsProblem.reason}`);
    }
  }
  machine = await describeMachine(households?.fixture.databaseUrl ?? config.databaseUrl ?? LOCAL_SERVER, config.redisUrl);
  log(
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.totalMemoryGiB} GiB, Node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres}, PostGIS ${machine.postgis}, Redis ${machine.redis}, commit ${machine.commit}`,
  );
  for (const spec of rows) {
    if (interrupted) break;
    if (spec.needs === 'households' && (householdsProblem || !households)) {
      const problem = householdsProblem ?? { status: 'failed', reason: 'no household database' };
      outcomes.push({ row: spec.name, measures: spec.measures, ...problem });
      continue;
    }
    log(`running ${spec.name}…`);
    const outcome = await runInChild(spec, { row: spec.name, mode, ...(households ? { households: households.fixture } : {}) });
    if (outcome.status === 'failed') log(`${spec.name} failed: ${outcome.reason}`);
    outcomes.push(outcome);
  }
} finally {
  await households?.teardown().catch((err: unknown) => log(`could not remove the bench database: ${describe(err)}`));
}

if (interrupted) process.exit(130);
const durationSeconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
process.stdout.write(`\nSiaga benchmarks, ${mode} mode, ${localDate(startedAt)} (${durationSeconds} s)\n`);
process.stdout.write(
  `${machine.cores} cores, ${machine.totalMemoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, ` +
    `PostGIS ${machine.postgis}, Redis ${machine.redis}\n\n`,
);
process.stdout.write(`${formatTable(outcomes)}\n`);
const file = await writeResults(
  RESULTS_DIR,
  {
    date: localDate(startedAt),
    startedAt: startedAt.toISOString(),
    durationSeconds,
    mode,
    only: only ?? null,
    machine,
    notes: [
      'Figures are throughputs; speedRatio = Siaga throughput ÷ baseline throughput (slowdown is its inverse), both measured in the same run.',
      'Goals are floors on speedRatio; a time goal (alert-to-queued: ≤ 2× the bare count) is a floor of 0.5.',
      'alert-to-queued, fan-out, web-push, sms: see each row file for how its sides are sampled; details carry every sample.',
      'cap-parse: Siaga and baseline sampled alternately until stable; each figure is the median of its samples.',
      'household rows: one timed siaga CLI run between bare COPYs before and after it; the baseline is their median. ' +
        'The CLI figure includes its start-up (details.cliStartupSeconds); peak RSS is the CLI process, not PostgreSQL.',
    ],
  },
  outcomes,
);
process.stdout.write(`\nwritten to ${file}\n`);
process.exitCode = outcomes.some((o) => o.status === 'failed') ? 1 : 0;

function readArgs(argv: string[]): { mode: BenchMode; only: string[] | undefined } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { quick: { type: 'boolean' }, only: { type: 'string', multiple: true }, help: { type: 'boolean' } },
    }));
  } catch (err) {
    log(`${describe(err)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const only = values.only
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = only?.filter((name) => !ROWS.some((r) => r.name === name)) ?? [];
  if (unknown.length > 0 || (only && only.length === 0)) {
    log(`unknown row(s): ${unknown.join(', ') || '(none given)'}\n${USAGE}`);
    process.exit(2);
  }
  return { mode: values.quick ? 'quick' : 'full', only };
}

/** Forks bench/row-child.ts under tsx, hands it the job and waits for its reply and its exit. */
async function runInChild(spec: RowSpec, job: RowJob): Promise<RowOutcome> {
  const child = fork(ROW_CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let reply: RowReply | undefined;
  child.on('message', (message) => (reply = message as RowReply));
  child.send(job);
  // 'close' comes after the IPC channel is closed too, so every message has arrived by then.
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  if (!reply)
    return {
      row: spec.name,
      status: 'failed',
      measures: spec.measures,
      reason: `the row's process ended (${signal ?? `exit code ${code}`}) without a result`,
    };
  if (!reply.ok) return { row: spec.name, status: reply.skipped ? 'skipped' : 'failed', measures: spec.measures, reason: reply.error };
  return { row: spec.name, status: 'ok', lines: reply.lines, rowProcessPeakRssKb: reply.peakRssKb };
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
