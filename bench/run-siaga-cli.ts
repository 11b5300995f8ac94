// Runs the real `siaga` command (bin/siaga.js) in a child process against the bench database, as a
// user would, timing it from spawn to exit and reading its peak RSS from bench/peak-rss-probe.mjs.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = path.join(REPO_ROOT, 'bin', 'siaga.js');
const PROBE = path.join(REPO_ROOT, 'bench', 'peak-rss-probe.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall clock from spawn to exit, CLI start-up (Node, tsx, imports) included. */
  seconds: number;
  peakRssKb: number | undefined;
}

let runs = 0;

export async function runSiagaCli(args: string[], databaseUrl: string): Promise<CliRun> {
  const rssFile = path.join(tmpdir(), `siaga-bench-rss-${process.pid}-${(runs += 1)}.txt`);
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', PROBE, BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, SIAGA_BENCH_PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakRssKb = await readFile(rssFile, 'utf8').then(Number, () => undefined);
  await unlink(rssFile).catch(() => undefined);
  return { code, stdout, stderr, seconds, peakRssKb };
}

/** Throws with the command's own words when it failed. */
export function assertSucceeded(run: CliRun, what: string): CliRun {
  if (run.code !== 0) throw new Error(`${what} exited with ${run.code}: ${(run.stderr || run.stdout).trim().slice(-2000)}`);
  return run;
}
