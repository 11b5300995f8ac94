// node-cron ticks enqueue feed runs; they never fetch. Slots are the tick's minute (its second for a
// schedule with a seconds field), so replicas ticking together enqueue the same job.
import cron from 'node-cron';
import type { Logger } from '../logger.ts';
import type { FeedJob } from './feed-job.ts';
import { slotOf, slotPrecisionOf, type FeedQueue } from './feed-queue.ts';

export function startScheduler(
  jobs: readonly FeedJob[],
  queue: FeedQueue,
  logger: Logger,
  now: () => Date = () => new Date(),
): { stop(): void } {
  const tasks = jobs.map((job) =>
    cron.schedule(job.schedule, () => {
      const slot = slotOf(now(), slotPrecisionOf(job.schedule));
      queue
        .enqueue({ feed: job.name, slot })
        .catch((err: unknown) => logger.error({ err, feed: job.name, slot }, 'could not enqueue a feed run'));
    }),
  );
  logger.info({ feeds: jobs.map((j) => `${j.name} (${j.schedule})`) }, 'scheduler started');
  return {
    stop() {
      for (const t of tasks) void t.stop();
    },
  };
}
