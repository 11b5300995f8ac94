// `npm run screenshots`: the README's pictures of the main pages, taken by the browser tests that
// visit them (tests/web writes every page at phone and desktop width to tests/web/screenshots/)
// and copied to docs/screenshots/, so that the README shows the pages as they are now. Runs the
// tests on the engine the environment names (DATABASE_URL or the embedded one); needs Chromium.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TAKEN = `${ROOT}tests/web/screenshots/`;
const SHOWN = `${ROOT}docs/screenshots/`;

/** The README's pictures: which test takes each, and which of its screenshots is shown. */
const PICTURES: { test: string; file: string }[] = [
  { test: 'tests/web/warning-list.test.ts', file: 'home-warnings-phone.png' },
  { test: 'tests/web/resident-journey.test.ts', file: 'register-phone.png' },
  { test: 'tests/web/local-time-zones.test.ts', file: 'alert-gorontalo-phone.png' },
  { test: 'tests/web/team-board.test.ts', file: 'team-task-phone-phone.png' },
  { test: 'tests/web/liaison.test.ts', file: 'liaison-alerts-desktop.png' },
  { test: 'tests/web/liaison.test.ts', file: 'liaison-health-ok-desktop.png' },
];

const tests = [...new Set(PICTURES.map((p) => p.test))];
const run = spawnSync('npx', ['vitest', 'run', ...tests], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  process.stderr.write('the browser tests failed: the README keeps its pictures\n');
  process.exit(run.status ?? 1);
}
mkdirSync(SHOWN, { recursive: true });
for (const { file } of PICTURES) {
  if (!existsSync(`${TAKEN}${file}`)) {
    process.stderr.write(`no ${file}: the browser tests were skipped (is /usr/bin/chromium installed?)\n`);
    process.exit(1);
  }
  copyFileSync(`${TAKEN}${file}`, `${SHOWN}${file}`);
}
process.stdout.write(`copied ${PICTURES.length} pictures to docs/screenshots/\n`);
