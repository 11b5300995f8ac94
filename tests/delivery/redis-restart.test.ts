// Redis restarted without persistence in the middle of a fan-out (a redis-server of the test's
// own): the delivery runtime survives (every connection has an error listener and reconnects), the
// jobs are gone but the ledger is not, and every household is told once within seconds: the runtime
// sees that Redis came back without its data and dispatches the lost work at once (the redispatch
// window for a channel gone quiet is set to 10 minutes here, so only that can heal it in time).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRedis } from '../../src/adapters/open-redis.ts';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../src/config.ts';
import { loadVapidKeys } from '../../src/delivery/create-delivery-deps.ts';
import { createWebPushSender } from '../../src/delivery/push/web-push-sender.ts';
import { startDeliveryRuntime, type DeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { createLogger } from '../../src/logger.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, testDeliveryDeps } from '../support/delivery-harness.ts';
import { type LocalPushService, startLocalPushService, subscribeEveryHousehold, TEST_PUSH_POLICY } from '../support/local-push-service.ts';
import { hasRedisServer, startOwnRedisServer, type OwnRedisServer } from '../support/own-redis-server.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

describe.skipIf(!hasRedisServer)(`a Redis restart mid-fan-out (${engineUnderTest}; its own redis-server)`, () => {
  let t: TestDb;
  let push: LocalPushService;
  let server: OwnRedisServer;
  let runtime: DeliveryRuntime | undefined;
  let redis: ReturnType<typeof openRedis> | undefined;

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 200, 'redis-restart');
    push = await startLocalPushService();
    server = await startOwnRedisServer();
    await subscribeEveryHousehold(t.db, push);
  }, 120_000);

  afterAll(async () => {
    await runtime?.stop();
    redis?.disconnect();
    await server?.stop();
    await push?.close();
    await t?.drop();
  });

  it('survives, and every household is told once within seconds of Redis coming back', async () => {
    const vapid = await loadVapidKeys(t.db, loadConfig({}));
    const real = createWebPushSender({ vapid, policy: TEST_PUSH_POLICY });
    // A push service that takes 40 ms an answer, so that the fan-out is still running at the fault.
    const slow: typeof real = { ...real, send: async (m) => (await new Promise((r) => setTimeout(r, 40)), real.send(m)) };
    const deps = testDeliveryDeps(
      t.db,
      { now: () => new Date(), set: () => undefined, advance: () => undefined },
      {
        now: () => new Date(),
        push: slow,
        vapidPublicKey: vapid.publicKey,
        batchSize: 5,
        chunkSize: 10,
        redispatchIdleSeconds: 600,
      },
    );
    redis = openRedis(server.url, createLogger('silent'));
    runtime = await startDeliveryRuntime({ deps, redis, worker: true, sweepSeconds: 1, prefix: 'siaga', handoffPollMs: 0 });
    const cap = buildCap({
      identifier: 'REDIS-RESTART-1',
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
    const plan = await runtime.deliver(ingested.alertId as number);
    expect(plan.push).toBeGreaterThan(60);

    await vi.waitFor(() => expect(push.received.length).toBeGreaterThanOrEqual(plan.push / 3), { timeout: 30_000 });
    await server.stop();
    const atFault = push.received.length;
    expect(atFault).toBeLessThan(plan.push);
    // The fault itself: Redis stays away for a second (not a wait for something to happen).
    await new Promise((r) => setTimeout(r, 1000));
    await server.start();
    const back = Date.now();

    await vi.waitFor(
      async () => {
        const { rows } = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM deliveries WHERE channel = 'push' AND state = 'sent'`,
        );
        expect(rows[0]?.n).toBe(plan.push);
      },
      { timeout: 30_000, interval: 250 },
    );
    expect((Date.now() - back) / 1000).toBeLessThan(10);
    const perSubscription = new Map<string, number>();
    for (const m of push.received) perSubscription.set(m.subscriptionId, (perSubscription.get(m.subscriptionId) ?? 0) + 1);
    expect(perSubscription.size).toBe(plan.push);
    expect(Math.max(...perSubscription.values())).toBe(1);
  }, 90_000);
});
