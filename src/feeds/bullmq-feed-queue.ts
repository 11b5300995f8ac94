// Feed runs on BullMQ: every scheduler replica enqueues the same job id for a slot, and BullMQ
// keeps one job per id, so any number of replicas fetch once. Completed jobs are kept a day so
// that a late replica's duplicate enqueue still finds them.
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLogger, type Logger } from '../logger.ts';
import { feedJobId, type FeedQueue, type FeedRunHandler, type FeedRunRequest } from './feed-queue.ts';

export const FEED_QUEUE_NAME = 'siaga-feeds';
const KEEP_COMPLETED_S = 24 * 3600;
const KEEP_FAILED_S = 7 * 24 * 3600;

export function createBullmqFeedQueue(connection: Redis, options: { prefix?: string; logger?: Logger } = {}): FeedQueue {
  const queue = new Queue<FeedRunRequest>(FEED_QUEUE_NAME, { connection, prefix: options.prefix });
  // A Redis outage surfaces as 'error' events; unheard, Node would end the process.
  const logger = options.logger ?? createLogger('info', 'siaga-feeds');
  queue.on('error', (err) => logger.warn({ err: { message: err.message } }, 'feed queue: Redis error; reconnecting'));
  return {
    async enqueue(req) {
      await queue.add('run', req, {
        jobId: feedJobId(req),
        removeOnComplete: { age: KEEP_COMPLETED_S },
        removeOnFail: { age: KEEP_FAILED_S },
        // A failed fetch is already logged and the next slot comes soon; retrying here would
        // fetch twice in one slot and spend the BMKG rate budget.
        attempts: 1,
      });
    },
    close: () => queue.close(),
  };
}

export function startBullmqFeedWorker(
  connection: Redis,
  handler: FeedRunHandler,
  logger: Logger,
  options: { prefix?: string; concurrency?: number } = {},
): { close(): Promise<void> } {
  const worker = new Worker<FeedRunRequest>(FEED_QUEUE_NAME, (job) => handler(job.data), {
    connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 2,
  });
  worker.on('failed', (job, err) => logger.error({ err, feed: job?.data.feed, slot: job?.data.slot }, 'feed run failed'));
  worker.on('error', (err) => logger.warn({ err: { message: err.message } }, 'feed worker: Redis error; reconnecting'));
  return { close: () => worker.close() };
}
