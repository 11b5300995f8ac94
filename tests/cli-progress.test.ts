// Progress lines of long work (imports, backfills, generation) go to stderr only when stderr is a
// terminal someone watches; in a pipe or a log the command prints its result and errors alone.
// Checked in-process for the household import, and with real `siaga` processes for generation:
// once with stderr a pipe, once under a pseudo-terminal (util-linux `script`), so that the
// detection in processOutput itself is tested, not only the flag.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELI_SERDANG } from './support/delivery-harness.ts';
import { runSiaga } from './support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, TERM: 'dumb' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`progress lines only on a terminal (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-progress-'));
    const areas = await runSiaga(['import', 'areas', DELI_SERDANG], t.db);
    expect(areas.code, areas.stderr).toBe(0);
  });
  afterAll(async () => {
    await t.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('siaga import households: stages on a terminal, nothing but the result in a pipe', async () => {
    const csv = path.join(dir, 'households.csv');
    await writeFile(csv, 'id,lat,lon,members,vulnerable,language,phone\nh-1,3.553,98.873,2,,id,+6281200000001\n');
    const terminal = await runSiaga(['import', 'households', csv], t.db, {}, { stderrIsTerminal: true });
    expect(terminal.code, terminal.stderr).toBe(0);
    expect(terminal.stderr).toMatch(/^ {2}checking duplicate ids… 1 households \(\d+ s\)\n {2}assigning villages… .*\n {2}merging… /m);
    const piped = await runSiaga(['import', 'households', csv], t.db);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toMatch(/: 1 rows: 0 new, 0 updated, 1 unchanged/);
  });

  const generate = (out: string) =>
    `${process.execPath} --import tsx src/cli/siaga.ts generate households --villages ${DELI_SERDANG} --count 150000 --seed tty --out ${out}`;

  it('a real siaga process writes no progress to a piped stderr', async () => {
    const piped = await run('sh', ['-c', generate(path.join(dir, 'piped.csv'))]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toMatch(/^wrote 150000 households to .*piped\.csv in [\d.]+ s\n$/);
    expect(piped.stderr).toBe('');
  });

  it('a real siaga process writes progress when stderr is a terminal', async () => {
    // `script` runs the command on a pseudo-terminal and copies what it printed to our stdout.
    const terminal = await run('script', ['-qec', generate(path.join(dir, 'terminal.csv')), '/dev/null']);
    expect(terminal.code, terminal.stdout + terminal.stderr).toBe(0);
    expect(terminal.stdout).toMatch(/generated \d+ of 150000 households \(10 %\)/);
    expect(terminal.stdout).toMatch(/wrote 150000 households/);
  });
});
