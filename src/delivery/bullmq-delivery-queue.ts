// Fan-out on BullMQ: queues `siaga-push` and `siaga-sms`, one job per chunk of ledger ids, added
// with addBulk. Any number of workers share the queues; a job that fails is retried with backoff
// (its rows that were already sent are skipped by the claim).
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DeliveryChannel } from '../db/delivery-claims.ts';
import { createLogger, type Logger } from '../logger.ts';
import { DELIVERY_QUEUE_NAMES, type DeliveryChunk, type DeliveryChunkHandler, type DeliveryQueue } from './delivery-queue.ts';

const CHANNELS: DeliveryChannel[] = ['push', 'sms'];

export function createBullmqDeliveryQueue(connection: Redis, options: { prefix?: string; logger?: Logger } = {}): DeliveryQueue {
  const queues = Object.fromEntries(
    CHANNELS.map((c) => [c, new Queue<DeliveryChunk>(DELIVERY_QUEUE_NAMES[c], { connection, prefix: options.prefix })]),
  ) as Record<DeliveryChannel, Queue<DeliveryChunk>>;
  // A Redis outage surfaces as 'error' events; unheard, Node would end the process. Jobs lost with
  // Redis are not this module's worry: the ledger keeps the rows queued and the sweep re-dispatches.
  const logger = options.logger ?? createLogger('info', 'siaga-delivery');
  for (const c of CHANNELS)
    queues[c].on('error', (err) => logger.warn({ err: { message: err.message }, channel: c }, 'delivery queue: Redis error; reconnecting'));
  return {
    async enqueue(chunks, delayMs = 0) {
      for (const channel of CHANNELS) {
        const mine = chunks.filter((c) => c.channel === channel);
        if (mine.length === 0) continue;
        await queues[channel].addBulk(
          mine.map((chunk) => ({
            name: 'chunk',
            data: chunk,
            opts: {
              delay: delayMs,
              attempts: 5,
              backoff: { type: 'exponential', delay: 2_000 },
              removeOnComplete: { age: 3600 },
              removeOnFail: { age: 7 * 24 * 3600 },
            },
          })),
        );
      }
    },
    idle: async () => undefined,
    async close() {
      await Promise.all(CHANNELS.map((c) => queues[c].close()));
    },
  };
}

export function startBullmqDeliveryWorkers(
  connection: Redis,
  handler: DeliveryChunkHandler,
  logger: Logger,
  options: { prefix?: string; concurrency?: number } = {},
): { close(): Promise<void> } {
  const workers = CHANNELS.map((channel) => {
    const worker = new Worker<DeliveryChunk>(DELIVERY_QUEUE_NAMES[channel], (job) => handler(job.data), {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 2,
      // A worker killed mid-chunk: its job is taken up again within ~15 s instead of BullMQ's 30 + 30.
      // A job wrongly thought stalled (an event loop blocked for 10 s) runs twice harmlessly: the
      // claims let each ledger row go out once.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    worker.on('failed', (job, err) =>
      logger.error(
        { err, channel, size: job?.data.ids.length },
        'delivery chunk failed; BullMQ retries it, and the sweep re-dispatches its rows if it gives up',
      ),
    );
    worker.on('error', (err) => logger.warn({ err: { message: err.message }, channel }, 'delivery worker: Redis error; reconnecting'));
    return worker;
  });
  return { close: async () => void (await Promise.all(workers.map((w) => w.close()))) };
}
