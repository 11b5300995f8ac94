// `siaga feeds status [--json]`: ok / late / down per feed, last success and last error.
import type { Command } from 'commander';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { feedsHealth } from '../feeds/feeds-health.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerFeedsStatus(parent: Command, ctx: CliContext): void {
  parent
    .command('status')
    .description(
      'health of each feed: ok, late (no success for two expected intervals) or down (failing for six), last success, last error',
    )
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('siaga feeds status', 'siaga feeds status --json'))
    .action(async (flags: { json?: boolean }) => {
      const health = await feedsHealth(await ctx.db(), configuredFeeds(ctx.config()), new Date());
      if (flags.json) return ctx.out(JSON.stringify(health, null, 2));
      for (const h of health) {
        ctx.out(
          `${h.feed.padEnd(14)} ${h.status.toUpperCase().padEnd(7)} last success ${h.last_success_at ?? 'never'}` +
            (h.consecutive_failures ? `, ${h.consecutive_failures} failure(s) in a row` : ''),
        );
        if (h.last_error) ctx.out(`${' '.repeat(21)}last error ${h.last_error_at}: ${h.last_error}`);
      }
    });
}
