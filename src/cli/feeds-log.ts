// `siaga feeds log [--feed F] [--since T] [--outcome O] [--json]`: the ingestion log, newest first.
import type { Command } from 'commander';
import { listFetches } from '../db/feed-log.ts';
import { FETCH_LOG_FILTERS, isFetchLogFilter } from '../db/fetch-outcomes.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

interface Flags {
  feed?: string;
  since?: string;
  outcome?: string;
  limit: string;
  json?: boolean;
}

export function registerFeedsLog(parent: Command, ctx: CliContext): void {
  parent
    .command('log')
    .description('the ingestion log: one line per fetch (status, bytes, items seen/new/updated/invalid, the error in words, time alarms)')
    .option('--feed <feed>', 'only this feed')
    .option('--since <time>', 'only fetches started at or after this ISO time (e.g. 2026-11-28T10:00+07:00)')
    .option('--outcome <outcome>', `only this outcome: ${FETCH_LOG_FILTERS.join(', ')}`)
    .option('--limit <n>', 'at most this many lines', '200')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      examples('siaga feeds log --feed bmkg-nowcast --since 2026-11-28T10:00+07:00', 'siaga feeds log --outcome alarm --limit 20 --json'),
    )
    .action(async (flags: Flags) => {
      const since = flags.since === undefined ? undefined : new Date(flags.since);
      if (since && Number.isNaN(since.getTime()))
        throw new CliError(`--since "${flags.since}" is not a date-time (use ISO 8601, e.g. 2026-11-28T10:00+07:00)`, 2);
      if (flags.outcome !== undefined && !isFetchLogFilter(flags.outcome))
        throw new CliError(`--outcome must be one of ${FETCH_LOG_FILTERS.join(', ')}`, 2);
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive whole number', 2);
      const rows = await listFetches(await ctx.db(), { feed: flags.feed, since, outcome: flags.outcome, limit });
      if (flags.json) return ctx.out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return ctx.out('no fetch matches');
      for (const r of rows) {
        const items = `${r.items_seen} seen, ${r.items_new} new, ${r.items_updated} updated, ${r.items_invalid} invalid`;
        const http = r.http_status === null ? '---' : String(r.http_status);
        const alarmed = r.time_alarms.length > 0 ? `  TIME ALARM x${r.time_alarms.length}` : '';
        ctx.out(
          `${r.started_at} ${r.feed.padEnd(14)} ${r.outcome.padEnd(12)} ${http} ${String(r.bytes ?? '-').padStart(8)} B ${String(r.duration_ms).padStart(6)} ms  ${items}${r.backfill ? ' (backfill)' : ''}${alarmed}`,
        );
        ctx.out(`    ${r.url}`);
        if (r.error_class) ctx.out(`    ${r.error_class}: ${r.error_message}${r.payloads ? ` (raw payload kept: ${r.payloads})` : ''}`);
        for (const a of r.time_alarms) ctx.out(`    ALARM ${a.item} ${a.path}: ${a.message}`);
      }
    });
}
