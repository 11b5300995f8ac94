// Scheduler and workers, wired for the engine at hand: BullMQ on Redis when REDIS_URL is set (any
// number of replicas), or one in-process queue (the embedded default: scheduler and worker in one).
import type { Redis } from 'ioredis';
import { bullmqOrInProcess } from '../adapters/bullmq-or-in-process.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { createBullmqFeedQueue, startBullmqFeedWorker } from './bullmq-feed-queue.ts';
import { createFeedDeps, createRateBudget } from './create-feed-deps.ts';
import type { FeedJob } from './feed-job.ts';
import type { FeedQueue, FeedRunHandler } from './feed-queue.ts';
import { createInProcessFeedQueue } from './in-process-feed-queue.ts';
import { runFeed } from './run-feed.ts';
import { recordFeedSchedules } from '../db/feed-schedules.ts';
import { startScheduler } from './scheduler.ts';

export interface FeedRuntime {
  jobs: FeedJob[];
  queue: FeedQueue;
  stop(): Promise<void>;
}

export interface FeedRuntimeOptions {
  config: Config;
  db: Db;
  logger: Logger;
  redis?: Redis;
  scheduler: boolean;
  worker: boolean;
  /** BullMQ key prefix (tests use one per test). */
  prefix?: string;
  /** The feeds to run: the composition root chooses them (jobs/configured-feeds.ts). */
  jobs: FeedJob[];
  /** Where new standing messages go once a run is over (delivery). */
  handOn?: (alertIds: number[]) => Promise<void>;
}

export function startFeedRuntime(o: FeedRuntimeOptions): FeedRuntime {
  const jobs = o.jobs;
  const deps = { ...createFeedDeps(o.config, o.db, o.logger, createRateBudget(o.config, o.redis)), handOn: o.handOn };
  const handler: FeedRunHandler = async (req) => {
    await runFeed(jobs, deps, req.feed, { slot: req.slot });
  };
  const { queue, stopWorkers } = bullmqOrInProcess<FeedQueue>(o.redis, o.worker, {
    bullmq: (redis) => createBullmqFeedQueue(redis, { prefix: o.prefix, logger: o.logger }),
    bullmqWorkers: (connection) => startBullmqFeedWorker(connection, handler, o.logger, { prefix: o.prefix }),
    inProcess: () => createInProcessFeedQueue(handler, o.logger),
  });
  const stops: (() => Promise<void> | void)[] = [stopWorkers];
  if (o.scheduler) {
    // Feed health waits for each feed's first run from now on before it calls the feed late. A
    // failure here costs only that grace, never the scheduling, so it is logged and not thrown.
    recordFeedSchedules(
      o.db,
      jobs.map((j) => ({ feed: j.name, schedule: j.schedule })),
      new Date(),
    ).catch((err: unknown) => o.logger.error({ err }, 'could not record when the feeds were scheduled'));
    const scheduler = startScheduler(jobs, queue, o.logger);
    stops.unshift(() => scheduler.stop());
  }
  return {
    jobs,
    queue,
    async stop() {
      for (const stop of stops) await stop();
      await queue.close();
    },
  };
}
