// `siaga feeds run FEED [--url URL] [--json]`: one run of a feed now, for troubleshooting and tests.
import type { Command } from 'commander';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { openRedis } from '../adapters/open-redis.ts';
import { handoffsSince } from '../db/delivery-handoffs.ts';
import { listFetches } from '../db/feed-log.ts';
import { createFeedDeps, createRateBudget } from '../feeds/create-feed-deps.ts';
import { findFeed, runFeed, UnknownFeedError } from '../feeds/run-feed.ts';
import type { FeedRunSummary } from '../feeds/feed-job.ts';
import { createLogger } from '../logger.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { deliveryOutlook } from './delivery-outlook.ts';
import { examples } from './help-examples.ts';

export function registerFeedsRun(parent: Command, ctx: CliContext): void {
  parent
    .command('run')
    .description('fetch one feed now (outside the schedule) and show what its fetches logged')
    .argument('<feed>', 'feed name (see `siaga feeds list`)')
    .option('--url <url>', 'fetch this URL instead of the configured ones')
    .option('--json', 'print the run summary and its log rows as JSON')
    .addHelpText(
      'after',
      examples('siaga feeds run bmkg-quake', 'siaga feeds run bmkg-nowcast --url http://mirror.internal/alerts/rss.xml --json'),
    )
    .action(async (feed: string, flags: { url?: string; json?: boolean }) => {
      const config = ctx.config();
      const jobs = configuredFeeds(config);
      try {
        findFeed(jobs, feed);
      } catch (err) {
        if (err instanceof UnknownFeedError) throw new CliError(err.message, 2);
        throw err;
      }
      if (flags.url !== undefined && !/^https?:\/\/\S+$/.test(flags.url))
        throw new CliError(`--url "${flags.url}" is not an http(s) URL`, 2);
      const db = await ctx.db();
      const redis = config.redisUrl ? openRedis(config.redisUrl) : undefined;
      try {
        const deps = createFeedDeps(config, db, createLogger(config.logLevel), createRateBudget(config, redis));
        const started = new Date();
        const summary = await runFeed(jobs, deps, feed, { slot: 'manual', urlOverride: flags.url });
        const fetches = (await listFetches(db, { feed, since: started, limit: 1000 })).filter((f) => f.slot === 'manual').reverse();
        const handoffs = await handoffsSince(db, `feed:${feed}`, started);
        const awaiting = handoffs.filter((h) => h.state === 'awaiting').length;
        const outlook = awaiting > 0 ? `${awaiting} message(s) await delivery: ${await deliveryOutlook(db, new Date())}` : undefined;
        if (flags.json) ctx.out(JSON.stringify({ feed, summary, fetches, delivery: { handoffs, outlook } }, null, 2));
        else printRun(ctx, feed, summary, fetches, handoffs, outlook);
        // Like `siaga cap ingest`: what was good is stored, and the exit code says that a listed
        // document was not (refused, or unreadable). A feed fetch that failed and was retried is
        // logged above; the next scheduled run fetches again.
        if (summary.itemsInvalid > 0) {
          throw new CliError(
            `${feed}: ${summary.itemsInvalid} document(s) not stored (refused or unreadable); the rest was stored (see the log above)`,
          );
        }
      } finally {
        redis?.disconnect();
      }
    });
}

function printRun(
  ctx: CliContext,
  feed: string,
  summary: FeedRunSummary,
  fetches: Awaited<ReturnType<typeof listFetches>>,
  handoffs: Awaited<ReturnType<typeof handoffsSince>>,
  outlook: string | undefined,
): void {
  for (const f of fetches)
    ctx.out(
      `${f.outcome.padEnd(12)} ${String(f.http_status ?? '---')} ${f.url}${f.error_message ? `\n    ${f.error_class}: ${f.error_message}` : ''}`,
    );
  ctx.out(
    `${feed}: ${summary.fetches} fetch(es), ${summary.errors} error(s); items ${summary.itemsSeen} seen, ${summary.itemsNew} new, ${summary.itemsUpdated} updated, ${summary.itemsInvalid} invalid`,
  );
  for (const h of handoffs.filter((x) => x.state !== 'awaiting'))
    ctx.out(`  alert ${h.alert_id}: ${h.state.replace(/_/g, ' ')}${h.reason ? ` (${h.reason})` : ''}`);
  if (outlook) ctx.out(outlook);
}
