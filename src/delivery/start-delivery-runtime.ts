// Delivery wired for the engine at hand: BullMQ queues and workers on Redis (any number of
// replicas), or one in-process executor (the embedded default). Receipts from the SMS gateway
// update the ledger; a periodic sweep recovers, expires, falls back to SMS and dispatches.
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { createDeliveryDeps } from './create-delivery-deps.ts';
import { applySmsReceipt } from '../db/delivery-claims.ts';
import { createBullmqDeliveryQueue, startBullmqDeliveryWorkers } from './bullmq-delivery-queue.ts';
import { deliverMessage, type DeliveryPlan } from './deliver-message.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import type { DeliveryChunkHandler, DeliveryQueue } from './delivery-queue.ts';
import { createInProcessDeliveryQueue } from './in-process-delivery-queue.ts';
import { sendPushChunk } from './send-push-chunk.ts';
import { sendSmsChunk } from './send-sms-chunk.ts';
import { sweepDeliveries, type SweepSummary } from './sweep-deliveries.ts';

export interface DeliveryRuntime {
  deps: DeliveryDeps;
  queue: DeliveryQueue;
  /** Plans and dispatches one stored message (after ingest). */
  deliver(alertId: string | number): Promise<DeliveryPlan>;
  sweep(): Promise<SweepSummary>;
  /** In-process: resolves when every chunk handed out so far has run. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface DeliveryRuntimeOptions {
  deps: DeliveryDeps;
  redis?: Redis;
  /** Run chunk workers in this process (BullMQ); in-process always runs them. */
  worker: boolean;
  /** Seconds between sweeps; 0 disables the timer (tests sweep by hand). */
  sweepSeconds: number;
  prefix?: string;
}

export async function startDeliveryRuntime(o: DeliveryRuntimeOptions): Promise<DeliveryRuntime> {
  const { deps } = o;
  const handler: DeliveryChunkHandler = (chunk) => (chunk.channel === 'push' ? sendPushChunk(deps, chunk.ids) : sendSmsChunk(deps, chunk.ids));
  const stops: (() => Promise<void>)[] = [];
  let queue: DeliveryQueue;
  if (o.redis) {
    queue = createBullmqDeliveryQueue(o.redis, { prefix: o.prefix });
    if (o.worker) {
      const connection = o.redis.duplicate();
      const workers = startBullmqDeliveryWorkers(connection, handler, deps.logger, { prefix: o.prefix });
      stops.push(async () => {
        await workers.close();
        connection.disconnect();
      });
    }
  } else {
    queue = createInProcessDeliveryQueue(handler, deps.logger);
  }
  deps.sms?.onReceipt((receipt) => {
    applySmsReceipt(deps.db, receipt).catch((err: unknown) => deps.logger.error({ err, messageId: receipt.messageId }, 'could not apply an SMS receipt'));
  });

  // At start, rows left by a stopped process: in-process jobs died with it, so every due queued
  // row is dispatched again; on BullMQ the jobs survive in Redis and only stale ones are.
  const sweep = () => sweepDeliveries(deps, queue, o.redis ? {} : { redispatchSeconds: 0 });
  if (o.worker || !o.redis) await sweep();
  let timer: NodeJS.Timeout | undefined;
  if (o.sweepSeconds > 0 && (o.worker || !o.redis)) {
    timer = setInterval(() => {
      // After the first pass, in-process also leaves recently dispatched rows alone.
      sweepDeliveries(deps, queue).catch((err: unknown) => deps.logger.error({ err }, 'delivery sweep failed'));
    }, o.sweepSeconds * 1000);
    timer.unref();
  }
  return {
    deps,
    queue,
    deliver: (alertId) => deliverMessage(deps, queue, alertId),
    sweep: () => sweepDeliveries(deps, queue),
    idle: () => queue.idle(),
    async stop() {
      if (timer) clearInterval(timer);
      for (const stop of stops) await stop();
      await queue.close();
      deps.push?.close();
      await deps.sms?.close();
    },
  };
}

/** The runtime as `npm start` and `siaga worker` run it, from config. */
export async function openDeliveryRuntime(config: Config, db: Db, logger: Logger, redis: Redis | undefined, worker: boolean): Promise<DeliveryRuntime> {
  const deps = await createDeliveryDeps(config, db, logger.child({ part: 'delivery' }));
  return startDeliveryRuntime({ deps, redis, worker, sweepSeconds: config.delivery.sweepSeconds, prefix: config.queuePrefix });
}

/** What a feed run calls with its new standing messages. */
export function handOnTo(runtime: DeliveryRuntime): (alertIds: number[]) => Promise<void> {
  return async (alertIds) => {
    for (const id of alertIds) {
      const plan = await runtime.deliver(id);
      runtime.deps.logger.info(plan, plan.action === 'skipped' ? 'message not delivered' : 'deliveries planned');
    }
  };
}
