import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { CliError } from './cli-error.ts';
import { checkInputFile } from './read-input-file.ts';
import { createProgress } from './progress.ts';
import { HouseholdFileError, importHouseholds, type RowReject } from '../registry/import-households.ts';

const SHOWN_REJECTS = 20;

export function registerImportHouseholds(parent: Command, ctx: CliContext): void {
  parent
    .command('households')
    .description('import or update households from CSV (id,lat,lon,members,vulnerable,language,phone[,consent_at])')
    .argument('<file>', 'CSV file, UTF-8, with a header line')
    .option('--rejects <file>', 'write rejected rows as CSV (line,id,reason)')
    .option('--strict', 'reject the whole file when any row is bad')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { rejects?: string; strict?: boolean; json?: boolean }) => {
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
      if (opts.rejects) await writeFile(opts.rejects, rejectsCsv(result.rejects));
      if (opts.json) {
        ctx.out(JSON.stringify({ file, ...result }, null, 2));
        return;
      }
      ctx.out(
        `${file}: ${result.rows} rows: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ` +
          `${result.rejects.length} rejected${result.snapped ? ` (${result.snapped} placed in the nearest village from a gap between boundaries)` : ''}`,
      );
      for (const r of result.rejects.slice(0, SHOWN_REJECTS)) ctx.out(`  line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
      if (result.rejects.length > SHOWN_REJECTS) {
        ctx.out(`  … and ${result.rejects.length - SHOWN_REJECTS} more${opts.rejects ? ` (all in ${opts.rejects})` : ' (use --rejects FILE to get them all)'}`);
      }
    });
}

function rejectsCsv(rejects: readonly RowReject[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return ['line,id,reason', ...rejects.map((r) => `${r.line},${quote(r.id ?? '')},${quote(r.reason)}`)].join('\n') + '\n';
}
