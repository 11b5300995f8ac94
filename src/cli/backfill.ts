// `siaga backfill --feed FEED --from DIR|URL-LIST [--since T] [--until T] [--dry-run] [--json]`
import type { Command } from 'commander';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { withRollback } from '../db/rollback-db.ts';
import { BackfillInputError, backfillFeed, listBackfillSources } from '../feeds/backfill.ts';
import { createFeedDeps, createRateBudget } from '../feeds/create-feed-deps.ts';
import { findFeed, UnknownFeedError } from '../feeds/run-feed.ts';
import { createLogger } from '../logger.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { createProgress } from './progress.ts';
import { examples } from './help-examples.ts';

interface Flags {
  feed: string;
  from: string;
  since?: string;
  until?: string;
  dryRun?: boolean;
  deliver?: boolean;
  json?: boolean;
}

export function registerBackfill(program: Command, ctx: CliContext): void {
  program
    .command('backfill')
    .description(
      'replay archived payloads of a feed (a folder, oldest file first, or a file listing URLs) through the same parse-and-store path',
    )
    .requiredOption('--feed <feed>', 'feed name (see `siaga feeds list`)')
    .requiredOption('--from <dir-or-list>', 'a folder of archived payloads, or a text file of URLs (one per line)')
    .option('--since <time>', 'only files modified at or after this ISO time')
    .option('--until <time>', 'only files modified at or before this ISO time')
    .option('--dry-run', 'do everything, report, and write nothing (one transaction, rolled back)')
    .option('--deliver', 'send the replayed messages that still stand to residents (default: history is stored, never sent)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      examples(
        'siaga backfill --feed bmkg-nowcast --from archive/nowcast --dry-run',
        'siaga backfill --feed bmkg-quake --from urls.txt --since 2026-11-01T00:00+07:00 --json',
      ),
    )
    .action(async (flags: Flags) => {
      const config = ctx.config();
      let job;
      try {
        job = findFeed(configuredFeeds(config), flags.feed);
      } catch (err) {
        if (err instanceof UnknownFeedError) throw new CliError(err.message, 2);
        throw err;
      }
      const since = parseTime('--since', flags.since);
      const until = parseTime('--until', flags.until);
      const db = await ctx.db();
      const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
      const budget = createRateBudget(config, undefined);
      const handoff = { mode: flags.deliver ? ('deliver' as const) : ('store' as const), graceSeconds: 0 };
      const deps = createFeedDeps(config, db, logger, budget, handoff);
      let sources;
      try {
        sources = await listBackfillSources(flags.from, { since, until }, deps.fetch);
      } catch (err) {
        if (err instanceof BackfillInputError) throw new CliError(err.message);
        throw err;
      }
      ctx.err(
        `backfill ${job.name}: ${sources.length} payload(s) from ${flags.from}${flags.dryRun ? ' (dry run: nothing will be written)' : ''}`,
      );
      const progress = createProgress(ctx, 'payloads', 1000);
      // Everything, the CAP engine included, must write through the (possibly rolled-back) scoped Db.
      const replay = (scopedDb: typeof db) =>
        backfillFeed(job, createFeedDeps(config, scopedDb, logger, budget, handoff), sources, (n) => progress.update('replaying', n));
      const summary = flags.dryRun ? await withRollback(db, replay) : await replay(db);
      progress.done();
      const duplicate = summary.itemsSeen - summary.itemsNew - summary.itemsUpdated - summary.itemsInvalid;
      const result = {
        feed: job.name,
        payloads: sources.length,
        seen: summary.itemsSeen,
        new: summary.itemsNew,
        updated: summary.itemsUpdated,
        duplicate,
        invalid: summary.itemsInvalid,
        errors: summary.errors,
        dryRun: flags.dryRun === true,
      };
      if (flags.json) return ctx.out(JSON.stringify(result, null, 2));
      ctx.out(
        `${result.payloads} payload(s): ${result.seen} item(s) seen, ${result.new} new, ${result.updated} updated, ${result.duplicate} duplicate, ${result.invalid} invalid; ${result.errors} fetch error(s)${result.dryRun ? ' — dry run, nothing written' : ''}`,
      );
    });
}

function parseTime(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new CliError(`${flag} "${value}" is not a date-time (use ISO 8601, e.g. 2026-11-28T10:00+07:00)`, 2);
  return d;
}
