// `siaga generate households`: synthetic households inside village polygons, as CSV, for tests and
// benchmarks. Flags and files are handled here; the households come from src/registry.
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Command } from 'commander';
import { CliError } from './cli-error.ts';
import { readJsonFile } from './read-input-file.ts';
import type { CliContext } from './context.ts';
import {
  MAX_HOUSEHOLDS,
  SEED_PATTERN,
  householdCsvChunks,
  readVillageFeatures,
  type GenerateOptions,
  type SyntheticVillage,
} from '../registry/synthetic-households.ts';
import { examples } from './help-examples.ts';

interface Flags {
  villages?: string;
  count?: string;
  seed?: string;
  out?: string;
  notation?: string;
  messy?: string;
}

/** Writes are batched to this many bytes (UTF-8: a messy file's odd ids hold letters beyond ASCII). */
const WRITE_BATCH_BYTES = 1 << 20;
const PROGRESS_EVERY_MS = 5000;
/** Below this many households a run takes well under a second and needs no progress lines. */
const PROGRESS_MIN_COUNT = 100_000;

export function registerGenerateHouseholds(parent: Command, ctx: CliContext): void {
  parent
    .command('households')
    .description('write synthetic households placed inside village polygons as CSV (the same seed gives the same file)')
    .option('--villages <file>', 'GeoJSON FeatureCollection of village polygons (properties "code" and "type")')
    .option('--count <n>', `number of households, 1 to ${MAX_HOUSEHOLDS.toLocaleString('en')}`)
    .option('--seed <seed>', 'letters, digits, ".", "_" or "-"; part of every household id')
    .option('--out <file>', 'CSV file to write (replaced only once complete); default: stdout')
    .option(
      '--notation <style>',
      'vulnerable people as "plus" (elderly+ill;infant, the default) or "per-condition" (elderly;ill;infant, as older registries write it)',
    )
    .option('--messy <share>', 'share of rows (0 to 1) written the messy ways real registries do, e.g. 0.1; default 0')
    .addHelpText(
      'after',
      examples(
        'siaga generate households --villages fixtures/id-admin/deli_serdang_villages.geojson --count 28555 --seed demo --out households.csv',
        'siaga generate households --villages villages.geojson --count 1000 --seed messy-1 --messy 0.1 > messy.csv',
      ),
    )
    .action(async (flags: Flags) => {
      const { villagesFile, options } = checkFlags(flags);
      const villages = await loadVillages(villagesFile, ctx);
      const started = Date.now();
      const progress = progressReporter(options.count, started, ctx);
      if (flags.out === undefined) {
        await writeCsv(villages, options, progress, (batch) => {
          ctx.out(batch.toString('utf8'));
          // ctx.out has no backpressure. On Linux, stdout to a file or pipe is written synchronously,
          // so memory stays flat; a turn of the event loop between batches lets signals through and,
          // where stdout is asynchronous, lets queued writes go out.
          return nextTurn();
        });
        ctx.err(`generated ${options.count} households in ${seconds(started)}`);
      } else {
        await writeCsvFile(flags.out, villages, options, progress);
        ctx.out(`wrote ${options.count} households to ${flags.out} in ${seconds(started)}`);
      }
    });
}

function checkFlags(flags: Flags): { villagesFile: string; options: GenerateOptions } {
  if (!flags.villages) throw new CliError('--villages <file.geojson> is required', 2);
  if (flags.count === undefined) throw new CliError('--count <n> is required', 2);
  // Underscores are allowed as digit separators (10_000_000); anything else is a mistake.
  const digits = flags.count.trim().replaceAll('_', '');
  const count = /^\d+$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_HOUSEHOLDS) {
    throw new CliError(`--count must be a whole number from 1 to ${MAX_HOUSEHOLDS}, got ${JSON.stringify(flags.count)}`, 2);
  }
  if (flags.seed === undefined) throw new CliError('--seed <seed> is required: the same seed gives the same file', 2);
  if (!SEED_PATTERN.test(flags.seed)) {
    throw new CliError(
      `--seed must be 1 to 64 letters, digits, ".", "_" or "-" (it becomes part of every id), got ${JSON.stringify(flags.seed)}`,
      2,
    );
  }
  const notation = flags.notation ?? 'plus';
  if (notation !== 'plus' && notation !== 'per-condition')
    throw new CliError(`--notation must be plus or per-condition, got ${JSON.stringify(flags.notation)}`, 2);
  const messy = flags.messy === undefined ? 0 : /^(0(\.\d+)?|1(\.0*)?|\.\d+)$/.test(flags.messy.trim()) ? Number(flags.messy) : NaN;
  if (!(messy >= 0 && messy <= 1))
    throw new CliError(`--messy must be a share from 0 to 1, like 0.1, got ${JSON.stringify(flags.messy)}`, 2);
  return { villagesFile: flags.villages, options: { count, seed: flags.seed, notation, messy } };
}

async function loadVillages(file: string, ctx: CliContext): Promise<SyntheticVillage[]> {
  const doc = await readJsonFile(file, 'villages file');
  const read = readVillageFeatures(doc);
  if ('error' in read) throw new CliError(`villages file ${file}: ${read.error}`);
  const { villages, skipped } = read;
  const examples = skipped.slice(0, 5).map((s) => `feature ${s.index}: ${s.reason}`);
  if (villages.length === 0) {
    throw new CliError(
      `villages file ${file} has no usable Polygon or MultiPolygon feature${examples.length ? ` (${examples.join('; ')})` : ''}`,
    );
  }
  if (skipped.length > 0) {
    ctx.err(
      `skipped ${skipped.length} of ${skipped.length + villages.length} features in ${file}: ${examples.join('; ')}${skipped.length > 5 ? '; …' : ''}`,
    );
  }
  return villages;
}

/**
 * Writes into a temporary file beside the target and renames it into place at the end, so that a
 * failure part-way (disk full, a bug, Ctrl-C aside) never leaves a truncated CSV that
 * looks like a finished one. The rename is atomic because both names are in one directory.
 */
async function writeCsvFile(
  out: string,
  villages: SyntheticVillage[],
  options: GenerateOptions,
  progress: (rows: number) => void,
): Promise<void> {
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'w');
  } catch (err) {
    throw new CliError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 1, { cause: err });
  }
  try {
    await writeCsv(villages, options, progress, async (batch) => {
      // One write call may take only part of the buffer; loop until all of it is down.
      for (let done = 0; done < batch.length;) done += (await handle.write(batch, done)).bytesWritten;
    });
    await handle.close();
    await rename(temp, out);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    // A file-system error (disk full, a directory in the way) is the user's to fix; others are bugs.
    if (typeof code === 'string') throw new CliError(`cannot write ${out}: ${code} (${(err as Error).message})`, 1, { cause: err });
    throw err;
  }
}

async function writeCsv(
  villages: SyntheticVillage[],
  options: GenerateOptions,
  progress: (rows: number) => void,
  write: (batch: Buffer) => Promise<void>,
): Promise<void> {
  // Each chunk is copied into a byte buffer as soon as it comes: holding a megabyte of chunks as
  // strings until a join kept thousands of small strings alive past V8's young generation, and
  // garbage collection then took more than half of the run time.
  let batch = Buffer.allocUnsafe(WRITE_BATCH_BYTES);
  let used = 0;
  for (const { text, rowsDone } of householdCsvChunks(villages, options)) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (used + bytes > batch.length) {
      await write(batch.subarray(0, used));
      batch = Buffer.allocUnsafe(Math.max(WRITE_BATCH_BYTES, bytes));
      used = 0;
    }
    used += batch.write(text, used, 'utf8');
    progress(rowsDone);
  }
  if (used > 0) await write(batch.subarray(0, used));
}

/**
 * A progress line on stderr at every 10 % of a large run, or every 5 s, whichever comes first;
 * only when stderr is a terminal (see src/cli/progress.ts).
 */
function progressReporter(count: number, started: number, ctx: CliContext): (rows: number) => void {
  if (count < PROGRESS_MIN_COUNT || ctx.errIsTerminal !== true) return () => undefined;
  const step = Math.ceil(count / 10);
  let nextRows = step;
  let lastAt = started;
  return (rows) => {
    const now = Date.now();
    if (rows < nextRows && now - lastAt < PROGRESS_EVERY_MS) return;
    if (rows >= count) return; // the summary line says it
    while (nextRows <= rows) nextRows += step;
    lastAt = now;
    ctx.err(`generated ${rows} of ${count} households (${Math.floor((100 * rows) / count)} %), ${seconds(started)}`);
  };
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
