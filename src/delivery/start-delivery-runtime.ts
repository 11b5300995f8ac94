// Delivery wired for the engine at hand: BullMQ queues and workers on Redis (any number of
// replicas), or one in-process executor (the embedded default). Receipts from the SMS gateway
// update the ledger; a periodic sweep recovers, expires, falls back to SMS and dispatches. With
// Tagana options, a handed-on message also plans its group's Tagana tasks, and the sweep first
// moves Tagana work (stand-downs, escalations, door knocks, notices to members), whose notices go
// out through the same ledger and dispatch.
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { createDeliveryDeps } from './create-delivery-deps.ts';
import { applySmsReceipt } from '../db/delivery-claims.ts';
import { createBullmqDeliveryQueue, startBullmqDeliveryWorkers } from './bullmq-delivery-queue.ts';
import { deliverMessage, type DeliveryPlan } from './deliver-message.ts';
import { dispatchDue } from './dispatch-due.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import type { DeliveryChunkHandler, DeliveryQueue } from './delivery-queue.ts';
import { createInProcessDeliveryQueue } from './in-process-delivery-queue.ts';
import { sendPushChunk } from './send-push-chunk.ts';
import { sendSmsChunk } from './send-sms-chunk.ts';
import { sweepDeliveries, type SweepSummary } from './sweep-deliveries.ts';
import { planTasksAndNotices, sweepTagana, type TaganaOptions } from '../tagana/sweep-tagana.ts';
import type { TaskPlan } from '../tagana/plan-tasks.ts';

export interface DeliveryRuntime {
  deps: DeliveryDeps;
  queue: DeliveryQueue;
  /** Plans and dispatches one stored message (after ingest), and its Tagana tasks when enabled. */
  deliver(alertId: string | number): Promise<DeliveryPlan & { tasks?: TaskPlan }>;
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
  /** Tagana tasks follow the messages delivered, and the sweep moves them; absent: no tasks. */
  tagana?: TaganaOptions;
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
  const sweep = async (options: { redispatchSeconds?: number } = {}): Promise<SweepSummary> => {
    if (o.tagana) {
      const tagana = await sweepTagana(deps.db, deps.now(), o.tagana);
      if (tagana.stoodDown + tagana.escalations + tagana.doorKnocks + tagana.notices.events > 0) deps.logger.info(tagana, 'tagana sweep');
    }
    return sweepDeliveries(deps, queue, options);
  };
  if (o.worker || !o.redis) await sweep(o.redis ? {} : { redispatchSeconds: 0 });
  let timer: NodeJS.Timeout | undefined;
  if (o.sweepSeconds > 0 && (o.worker || !o.redis)) {
    timer = setInterval(() => {
      // After the first pass, in-process also leaves recently dispatched rows alone.
      sweep().catch((err: unknown) => deps.logger.error({ err }, 'delivery sweep failed'));
    }, o.sweepSeconds * 1000);
    timer.unref();
  }
  const deliver = async (alertId: string | number) => {
    const plan = await deliverMessage(deps, queue, alertId);
    if (!o.tagana) return plan;
    const { plan: tasks, notices } = await planTasksAndNotices(deps.db, alertId, deps.now());
    // The notices were queued after the message's own dispatch: send them now, not at the next sweep.
    const dispatched = notices.push + notices.sms > 0 ? await dispatchDue(deps, queue) : 0;
    return { ...plan, dispatched: plan.dispatched + dispatched, tasks };
  };
  return {
    deps,
    queue,
    deliver,
    sweep: () => sweep(),
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
  return startDeliveryRuntime({ deps, redis, worker, sweepSeconds: config.delivery.sweepSeconds, prefix: config.queuePrefix, tagana: config.tagana });
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
