// `npm run faults -- --households 28555`: the fault suite (tests/faults) at a chosen scale, one
// case at a time so that the figures are not disturbed by another case, with each case's figures
// written to bench/results/faults-<households>-<date>.jsonl and summed up as a table. It starts its
// own PostgreSQL 15 + PostGIS and Redis (PostgreSQL's binaries from PG_BIN, default
// /usr/lib/postgresql/15/bin); the machine's servers are never touched.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const at = process.argv.indexOf('--households');
const households = at > 0 ? Number(process.argv[at + 1]) : 28_555;
if (!Number.isInteger(households) || households < 100) {
  process.stderr.write(`--households must be a whole number of at least 100 (got ${process.argv[at + 1]})\n`);
  process.exit(2);
}
const file = `bench/results/faults-${households}-${new Date().toISOString().slice(0, 10)}.jsonl`;
rmSync(`${ROOT}${file}`, { force: true });
const run = spawnSync('npx', ['vitest', 'run', 'tests/faults', '--maxWorkers=1'], {
  cwd: ROOT,
  stdio: 'inherit',
  // Ten minutes after each fault for the final counts (the 60 s bound is still reported per case).
  env: {
    ...process.env,
    FAULT_SUITE: '1',
    FAULT_HOUSEHOLDS: String(households),
    FAULT_RESULTS: `${ROOT}${file}`,
    FAULT_WAIT_S: process.env.FAULT_WAIT_S ?? '600',
  },
});
let lines: Record<string, unknown>[] = [];
try {
  lines = readFileSync(`${ROOT}${file}`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
} catch {
  process.stderr.write(`no figures were written to ${file}\n`);
}
process.stdout.write(
  `\n| case | households | lost | doubled | ledger sent / received (push; SMS) | unaccounted | s to all reached | dead |\n|---|---|---|---|---|---|---|---|\n`,
);
for (const f of lines) {
  const sent = f.ledgerSent as { push: number; sms: number };
  const got = f.received as { push: number; sms: number };
  process.stdout.write(
    `| ${String(f.case)} | ${String(f.households)} | ${String(f.lost)} | ${String(f.doubled)} | ${sent.push} / ${got.push}; ${sent.sms} / ${got.sms} | ${String(f.unaccounted)} | ${f.secondsToAllReached === null ? 'not all' : String(f.secondsToAllReached)} | ${String(f.deadProcesses)} |\n`,
  );
}
process.stdout.write(`\nfigures: ${file}\n`);
process.exit(run.status ?? 1);
