// Delivery wired for the engine at hand: BullMQ queues and workers on Redis (any number of
// replicas), or one in-process executor (the embedded default). Stored messages that await
// delivery are taken from the database (src/delivery/handoff-runner.ts) at start, on a short poll
// and on every wake-up, whoever stored them. Receipts from the SMS gateway
// update the ledger, and the residents' SMS replies acknowledge their warnings (receive-sms-reply.ts); a periodic sweep recovers, expires, falls back to SMS and dispatches. With
// Tagana options, a handed-on message also plans its group's Tagana tasks, and the sweep first
// moves Tagana work (stand-downs, escalations, door knocks, notices to members), whose notices go
// out through the same ledger and dispatch.
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { bullmqOrInProcess } from '../adapters/bullmq-or-in-process.ts';
import { watchRedis } from '../adapters/open-redis.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { createDeliveryDeps } from './create-delivery-deps.ts';
import { applySmsReceipt } from '../db/delivery-claims.ts';
import { createBullmqDeliveryQueue, startBullmqDeliveryWorkers } from './bullmq-delivery-queue.ts';
import { deliverMessage, type DeliveryPlan } from './deliver-message.ts';
import { dispatchDue, REDISPATCH_AFTER_S, REDISPATCH_ALL, REDISPATCH_IDLE_S } from './dispatch-due.ts';
import { watchRedisDataLoss } from './redis-data-loss.ts';
import type { RedispatchWindows } from '../db/delivery-claims.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import type { DeliveryChunkHandler, DeliveryQueue } from './delivery-queue.ts';
import { createInProcessDeliveryQueue } from './in-process-delivery-queue.ts';
import { sendPushChunk } from './send-push-chunk.ts';
import { receiveSmsReply } from './receive-sms-reply.ts';
import { sendSmsChunk } from './send-sms-chunk.ts';
import { sweepDeliveries, type SweepSummary } from './sweep-deliveries.ts';
import { planTasksAndNotices, sweepTagana, type TaganaOptions } from '../tagana/sweep-tagana.ts';
import { alertReach } from '../db/alerts.ts';
import { clearHandoffClaims, forgetDeliveryRuntime, touchDeliveryRuntime } from '../db/delivery-handoffs.ts';
import { deadRuntimeIds, RUNTIME_HEARTBEAT_MS } from './dead-runtimes.ts';
import { handoffDecision } from './handoff-decision.ts';
import { startHandoffRunner } from './handoff-runner.ts';
import type { TaskPlan } from '../tagana/plan-tasks.ts';

export interface DeliveryRuntime {
  deps: DeliveryDeps;
  queue: DeliveryQueue;
  /** Plans and dispatches one stored message (after ingest), and its Tagana tasks when enabled. */
  deliver(alertId: string | number): Promise<DeliveryPlan & { tasks?: TaskPlan }>;
  /** A message was stored in this process: take the messages that await delivery now, not at the next poll. */
  wake(): void;
  /** Plans every message that awaits delivery and is ready; resolves with how many were settled. */
  runHandoffs(): Promise<number>;
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
  /** How often the database is asked for messages that await delivery (ms); 0: only when woken (tests). */
  handoffPollMs?: number;
}

/** A runtime planning a message renews its lease this often (a third of it); a dead one's lapses. */
const HANDOFF_LEASE_S = 30;
const HANDOFF_POLL_MS = 1000;

export async function startDeliveryRuntime(o: DeliveryRuntimeOptions): Promise<DeliveryRuntime> {
  const { deps } = o;
  const handler: DeliveryChunkHandler = (chunk) =>
    chunk.channel === 'push' ? sendPushChunk(deps, chunk.ids) : sendSmsChunk(deps, chunk.ids);
  const { queue, stopWorkers } = bullmqOrInProcess<DeliveryQueue>(o.redis, o.worker, {
    bullmq: (redis) => createBullmqDeliveryQueue(redis, { prefix: o.prefix, logger: deps.logger }),
    bullmqWorkers: (connection) =>
      startBullmqDeliveryWorkers(watchRedis(connection, deps.logger), handler, deps.logger, { prefix: o.prefix }),
    inProcess: () => createInProcessDeliveryQueue(handler, deps.logger),
  });
  deps.sms?.onReceipt((receipt) => {
    applySmsReceipt(deps.db, receipt).catch((err: unknown) =>
      deps.logger.error({ err, messageId: receipt.messageId }, 'could not apply an SMS receipt'),
    );
  });
  const sms = deps.sms;
  sms?.onInbound((inbound) => {
    receiveSmsReply({ db: deps.db, sms, now: deps.now, logger: deps.logger }, inbound).catch((err: unknown) =>
      deps.logger.error({ err, gateway: inbound.gateway, messageId: inbound.messageId }, 'could not take an inbound SMS'),
    );
  });

  // At start, rows left by a stopped process: in-process jobs died with it, so every due queued
  // row is dispatched again; on BullMQ the jobs survive in Redis and only stale ones are.
  const sweep = async (windows?: RedispatchWindows): Promise<SweepSummary> => {
    if (o.tagana) {
      const tagana = await sweepTagana(deps.db, deps.now(), o.tagana);
      if (tagana.stoodDown + tagana.escalations + tagana.doorKnocks + tagana.notices.events > 0) deps.logger.info(tagana, 'tagana sweep');
    }
    return sweepDeliveries(deps, queue, windows);
  };
  if (o.worker || !o.redis) await sweep(o.redis ? undefined : REDISPATCH_ALL);
  // A Redis that came back empty took every job with it: the rows dispatched before the outage go
  // again at once, not only once their channel has been idle for the redispatch window.
  const dataLoss =
    o.redis && o.worker
      ? watchRedisDataLoss(o.redis, {
          key: `${o.prefix ?? 'bull'}:siaga:epoch`,
          logger: deps.logger,
          now: deps.now,
          onLoss: (outageBegan) => {
            const staleSeconds = Math.max(0, (deps.now().getTime() - outageBegan.getTime()) / 1000);
            const idleSeconds = deps.redispatchIdleSeconds ?? REDISPATCH_IDLE_S;
            sweep({ idleSeconds, staleSeconds: Math.min(staleSeconds, REDISPATCH_AFTER_S) }).catch((err: unknown) =>
              deps.logger.error({ err }, 'could not dispatch again the work Redis lost'),
            );
          },
        })
      : undefined;
  await dataLoss?.check();
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

  // Only a process that sends (a worker, or the one in-process runtime) plans what awaits delivery.
  const plans = o.worker || !o.redis;
  const identity = { id: deps.runtimeId, host: hostname(), pid: process.pid, engine: deps.db.engine, startedAt: deps.now() };
  const handoffs = startHandoffRunner({
    db: deps.db,
    logger: deps.logger,
    now: deps.now,
    runtimeId: identity.id,
    plan: async (alertId) => handoffDecision(await deliver(alertId), await alertReach(deps.db, alertId)),
    pollMs: plans ? (o.handoffPollMs ?? HANDOFF_POLL_MS) : 0,
    leaseSeconds: HANDOFF_LEASE_S,
    deadRuntimes: () => deadRuntimeIds(deps.db, deps.now(), identity.id),
  });
  let heartbeat: NodeJS.Timeout | undefined;
  if (plans) {
    const touch = () => touchDeliveryRuntime(deps.db, identity, deps.now());
    await touch();
    heartbeat = setInterval(
      () => touch().catch((err: unknown) => deps.logger.warn({ err }, 'could not record that this delivery runtime is alive')),
      RUNTIME_HEARTBEAT_MS,
    );
    heartbeat.unref();
    if (deps.db.engine === 'pglite') await clearHandoffClaims(deps.db);
    // What a stopped process left awaiting (or stored while none ran) goes out now.
    await handoffs.runNow();
  }
  return {
    deps,
    queue,
    deliver,
    wake: () => (plans ? handoffs.wake() : undefined),
    runHandoffs: () => handoffs.runNow(),
    sweep: () => sweep(),
    idle: () => queue.idle(),
    async stop() {
      if (timer) clearInterval(timer);
      dataLoss?.stop();
      if (heartbeat) clearInterval(heartbeat);
      await handoffs.stop();
      if (plans) await forgetDeliveryRuntime(deps.db, identity.id).catch(() => undefined);
      await stopWorkers();
      await queue.close();
      deps.push?.close();
      await deps.sms?.close();
    },
  };
}

/** The runtime as `npm start` and `siaga worker` run it, from config. */
export async function openDeliveryRuntime(
  config: Config,
  db: Db,
  logger: Logger,
  redis: Redis | undefined,
  worker: boolean,
): Promise<DeliveryRuntime> {
  const deps = await createDeliveryDeps(config, db, logger.child({ part: 'delivery' }));
  return startDeliveryRuntime({
    deps,
    redis,
    worker,
    sweepSeconds: config.delivery.sweepSeconds,
    prefix: config.queuePrefix,
    tagana: config.tagana,
  });
}

/**
 * What a feed run, an approval or an API intake calls once its messages are stored: a wake-up. The
 * hand-off itself was committed with each message, so nothing is lost if this is never called.
 */
export function handOnTo(runtime: DeliveryRuntime): (alertIds: number[]) => Promise<void> {
  return async () => runtime.wake();
}
