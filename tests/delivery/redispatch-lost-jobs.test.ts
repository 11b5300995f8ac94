// The queue is only a wake-up; the ledger is the truth. Jobs lost with Redis (a restart without
// persistence), or given up while PostgreSQL was away, leave rows `queued` and dispatched: once
// their channel has claimed nothing for DELIVERY_REDISPATCH_IDLE_S, the sweep dispatches them again,
// and each household is told once. Uses the shared Redis under a prefix of its own; the loss is
// simulated by removing this prefix's queues.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRedis } from '../../src/adapters/open-redis.ts';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../src/config.ts';
import { createBullmqDeliveryQueue } from '../../src/delivery/bullmq-delivery-queue.ts';
import { loadVapidKeys } from '../../src/delivery/create-delivery-deps.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { DELIVERY_QUEUE_NAMES } from '../../src/delivery/delivery-queue.ts';
import { createWebPushSender } from '../../src/delivery/push/web-push-sender.ts';
import { startDeliveryRuntime, type DeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { createLogger } from '../../src/logger.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, testDeliveryDeps } from '../support/delivery-harness.ts';
import { type LocalPushService, startLocalPushService, subscribeEveryHousehold, TEST_PUSH_POLICY } from '../support/local-push-service.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const REDIS_URL = process.env.REDIS_URL;

describe.skipIf(!REDIS_URL)(`re-dispatch of jobs lost with Redis (${engineUnderTest}; needs REDIS_URL)`, () => {
  let t: TestDb;
  let push: LocalPushService;
  let runtime: DeliveryRuntime | undefined;
  const redis = REDIS_URL ? openRedis(REDIS_URL, createLogger('silent')) : undefined;
  const prefix = `t-redispatch-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 200, 'redispatch');
    push = await startLocalPushService();
    await subscribeEveryHousehold(t.db, push);
  }, 120_000);

  afterAll(async () => {
    await runtime?.stop();
    for (const name of Object.values(DELIVERY_QUEUE_NAMES)) {
      const q = new Queue(name, { connection: redis as NonNullable<typeof redis>, prefix });
      await q.obliterate({ force: true });
      await q.close();
    }
    redis?.disconnect();
    await push?.close();
    await t?.drop();
  });

  it('sends every row whose job was lost within seconds of the channel going quiet, each once', async () => {
    const vapid = await loadVapidKeys(t.db, loadConfig({}));
    const deps = testDeliveryDeps(
      t.db,
      { now: () => new Date(), set: () => undefined, advance: () => undefined },
      {
        now: () => new Date(),
        push: createWebPushSender({ vapid, policy: TEST_PUSH_POLICY }),
        vapidPublicKey: vapid.publicKey,
        redispatchIdleSeconds: 2,
      },
    );
    const connection = redis as NonNullable<typeof redis>;
    const cap = buildCap({
      identifier: 'REDISPATCH-1',
      sent: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      infos: [
        {
          language: 'id',
          expires: '2099-01-01T00:00:00+07:00',
          severity: 'Extreme',
          urgency: 'Immediate',
          areas: [{ polygons: [boxRing(98.5, 3.3, 99.3, 3.9)] }],
        },
      ],
    });
    const ingested = await ingestCapDocument(t.db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    expect(ingested.errors).toEqual([]);

    // Planned and dispatched to BullMQ while no worker runs; then Redis loses every job.
    const queue = createBullmqDeliveryQueue(connection, { prefix });
    const plan = await deliverMessage(deps, queue, ingested.alertId as number);
    expect(plan.dispatched).toBe(plan.push);
    expect(plan.push).toBeGreaterThan(50);
    await queue.close();
    let lost = 0;
    for (const name of Object.values(DELIVERY_QUEUE_NAMES)) {
      const q = new Queue(name, { connection, prefix });
      lost += await q.count();
      await q.obliterate({ force: true });
      await q.close();
    }
    expect(lost).toBeGreaterThan(0);

    const lostAt = Date.now();
    runtime = await startDeliveryRuntime({ deps, redis: connection, worker: true, sweepSeconds: 1, prefix, handoffPollMs: 0 });
    await vi.waitFor(
      async () => {
        const { rows } = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM deliveries WHERE channel = 'push' AND state = 'sent'`,
        );
        expect(rows[0]?.n).toBe(plan.push);
      },
      { timeout: 20_000, interval: 250 },
    );
    const seconds = (Date.now() - lostAt) / 1000;
    expect(seconds).toBeLessThan(15);
    const perSubscription = new Map<string, number>();
    for (const m of push.received) perSubscription.set(m.subscriptionId, (perSubscription.get(m.subscriptionId) ?? 0) + 1);
    expect(perSubscription.size).toBe(plan.push);
    expect(Math.max(...perSubscription.values())).toBe(1);
  }, 60_000);
});
