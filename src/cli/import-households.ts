import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { CliError } from './cli-error.ts';
import { checkInputFile } from './read-input-file.ts';
import { createProgress } from './progress.ts';
import { HouseholdFileError, importHouseholds, type RowReject } from '../import/import-households.ts';
import { examples } from './help-examples.ts';

const SHOWN_ROWS = 20;

interface Flags {
  rejects?: string;
  warnings?: string;
  strict?: boolean;
  json?: boolean;
}

export function registerImportHouseholds(parent: Command, ctx: CliContext): void {
  parent
    .command('households')
    .description('import or update households from CSV (id,lat,lon,members,vulnerable,language,phone[,consent_at])')
    .argument('<file>', 'CSV file, UTF-8, with a header line')
    .option('--rejects <file>', 'write refused rows as CSV (line,id,reason)')
    .option('--warnings <file>', 'write rows imported with a warning as CSV (line,id,reason)')
    .option('--strict', 'refuse the whole file when any row is refused (warnings do not count)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'siaga import households registry.csv --rejects refused.csv --warnings warned.csv',
        'siaga import households registry.csv --strict --json   # all or nothing',
      ),
    )
    .action(async (file: string, opts: Flags) => {
      await checkInputFile(file);
      const db = await ctx.db();
      const progress = createProgress(ctx, 'households');
      let result;
      try {
        result = await importHouseholds(db, createReadStream(file), {
          source: `import:${path.basename(file)}`,
          snapMetres: ctx.config().villageSnapMetres,
          strict: opts.strict ?? false,
          progress: (stage, rows) => progress.update(stage, rows),
        });
      } catch (err) {
        if (err instanceof HouseholdFileError) throw new CliError(`${file} ${err.message}; nothing was imported`, 1, { cause: err });
        throw err;
      } finally {
        progress.done();
      }
      if (opts.rejects) await writeFile(opts.rejects, rowsCsv(result.rejects));
      if (opts.warnings) await writeFile(opts.warnings, rowsCsv(result.warnings));
      if (opts.json) {
        ctx.out(JSON.stringify({ file, ...result }, null, 2));
        return;
      }
      ctx.out(
        `${file}: ${result.rows} rows: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ` +
          `${result.rejects.length} refused, ${result.warnings.length} imported with a warning` +
          `${result.snapped ? ` (${result.snapped} placed in the nearest village from a gap between boundaries)` : ''}`,
      );
      printRows(ctx, 'refused', result.rejects, opts.rejects, '--rejects');
      printRows(ctx, 'warning', result.warnings, opts.warnings, '--warnings');
    });
}

function printRows(ctx: CliContext, label: string, rows: readonly RowReject[], file: string | undefined, flag: string): void {
  if (rows.length === 0) return;
  ctx.out(`${label === 'refused' ? 'refused (not imported)' : 'imported with a warning'}:`);
  for (const r of rows.slice(0, SHOWN_ROWS)) ctx.out(`  line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
  if (rows.length > SHOWN_ROWS) {
    ctx.out(`  … and ${rows.length - SHOWN_ROWS} more${file ? ` (all in ${file})` : ` (use ${flag} FILE to get them all)`}`);
  }
}

/**
 * line,id,reason. A cell that a spreadsheet would take for a formula (= + - @ at the start) gets a
 * leading apostrophe: ids and reasons carry the registry's own text.
 */
function rowsCsv(rows: readonly RowReject[]): string {
  const cell = (s: string) => `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  return ['line,id,reason', ...rows.map((r) => `${r.line},${cell(r.id ?? '')},${cell(r.reason)}`)].join('\n') + '\n';
}
