// `siaga feeds list [--json]`: the configured feeds, their schedules and URLs.
import type { Command } from 'commander';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerFeedsList(parent: Command, ctx: CliContext): void {
  parent
    .command('list')
    .description('the configured feeds: schedule (cron), expected cadence, source URLs')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('siaga feeds list', 'siaga feeds list --json'))
    .action((flags: { json?: boolean }) => {
      const feeds = configuredFeeds(ctx.config()).map((j) => ({
        feed: j.name,
        description: j.description,
        schedule: j.schedule,
        cadence_s: j.cadenceMs / 1000,
        urls: j.urls,
      }));
      if (flags.json) return ctx.out(JSON.stringify(feeds, null, 2));
      for (const f of feeds) {
        ctx.out(`${f.feed.padEnd(14)} ${f.schedule.padEnd(14)} every ~${formatSeconds(f.cadence_s)}  ${f.description}`);
        for (const u of f.urls) ctx.out(`${' '.repeat(16)}${u}`);
      }
    });
}

export function formatSeconds(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
