// The crash test of the fan-out: a 10,000-household fan-out on BullMQ, the worker process killed (SIGKILL)
// in the middle, a new one started. Every ledger row must end sent, at most one batch of them with
// its outcome unknown (the batch in flight at the kill), and no subscription may receive a message twice — counted at the local push service, which decrypts
// every payload and checks every VAPID JWT. Needs PostgreSQL and Redis (two processes cannot share
// the embedded engine).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { createBullmqDeliveryQueue } from '../../src/delivery/bullmq-delivery-queue.ts';
import { loadDeliverySecrets, loadVapidKeys } from '../../src/delivery/create-delivery-deps.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { openRedis } from '../../src/adapters/open-redis.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { buildCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { startLocalPushService, type LocalPushService } from '../support/local-push-service.ts';
import { createTestDatabase, spawnSiaga, type SiagaProcess, type TestDatabase } from '../support/spawn-siaga.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
// Large enough that the kill lands mid-fan-out with many batches still to go, small enough for CI.
const HOUSEHOLDS = 10_000;

describe.skipIf(!DATABASE_URL || !REDIS_URL)(
  'fan-out survives a killed worker (PostgreSQL + Redis; skipped without both: two processes cannot share the embedded engine)',
  () => {
    const prefix = `siaga-test-${randomBytes(4).toString('hex')}`;
    let database: TestDatabase;
    let db: Db;
    let pushService: LocalPushService;
    const workers: SiagaProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(DATABASE_URL as string, 'fanout');
      db = database.db;
      await loadDeliSerdang(db, HOUSEHOLDS, 'fanout');
      pushService = await startLocalPushService();
      const ids = (await db.query<{ id: string }>(`SELECT id FROM households WHERE valid_to IS NULL ORDER BY id`)).rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 10_000) {
        const subs = ids.slice(i, i + 10_000).map((id) => ({ id, ...pushService.newSubscription(id) }));
        await db.query(
          `INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth) SELECT id, endpoint, p256dh, auth FROM jsonb_to_recordset($1::jsonb) AS s(id text, endpoint text, p256dh text, auth text)`,
          [JSON.stringify(subs)],
        );
      }
    }, 300_000);

    afterAll(async () => {
      for (const w of workers) w.child.kill('SIGKILL');
      await pushService?.close();
      await database?.drop();
      const redis = openRedis(REDIS_URL as string);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    const startWorker = () => {
      const worker = spawnSiaga(['worker'], {
        DATABASE_URL: database.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        DELIVERY_LEASE_S: '5',
        DELIVERY_SWEEP_S: '2',
      });
      workers.push(worker);
      return worker.child;
    };
    const states = async () =>
      Object.fromEntries(
        (await db.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM deliveries GROUP BY state`)).rows.map((r) => [
          r.state,
          r.n,
        ]),
      );
    // Checked every 250 ms, not vitest's 50: the ledger query runs against the fan-out it watches.
    const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
      try {
        await vi.waitFor(async () => expect(await check(), what).toBe(true), { timeout: timeoutMs, interval: 250 });
      } catch (err) {
        throw new Error(
          `timed out waiting for ${what}; ledger: ${JSON.stringify(await states())}, push received ${pushService.received.length}`,
          { cause: err },
        );
      }
    };

    it('every row ends sent, at most one batch with its outcome unknown, none is sent twice', async () => {
      const config = loadConfig({ DATABASE_URL: database.url, REDIS_URL });
      const vapid = await loadVapidKeys(db, config);
      const secrets = await loadDeliverySecrets(db);
      const deps = testDeliveryDeps(db, testClock(new Date().toISOString()), {
        now: () => new Date(),
        secrets,
        vapidPublicKey: vapid.publicKey,
        chunkSize: 1000,
      });
      const redis = openRedis(REDIS_URL as string);
      const queue = createBullmqDeliveryQueue(redis, { prefix });
      const cap = buildCap({
        identifier: 'FANOUT-1',
        sent: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
        infos: [
          {
            expires: '2099-01-01T00:00:00+07:00',
            urgency: 'Immediate',
            severity: 'Severe',
            areas: [{ desc: 'Deli Serdang', geocodes: [['ADM2', '12.07']] }],
          },
        ],
      });
      const ingested = await ingestCapDocument(db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
      expect(ingested.errors).toEqual([]);
      const plan = await deliverMessage(deps, queue, ingested.alertId as number);
      expect(plan.push).toBe(HOUSEHOLDS);
      expect(plan.dispatched).toBe(HOUSEHOLDS);

      const first = startWorker();
      await waitFor('a third of the fan-out', async () => pushService.received.length >= HOUSEHOLDS / 3, 180_000);
      first.kill('SIGKILL');
      const atKill = pushService.received.length;
      startWorker();
      await waitFor(
        'every row settled',
        async () => {
          const s = await states();
          return (s.queued ?? 0) === 0 && (s.sending ?? 0) === 0;
        },
        240_000,
      );
      await queue.close();
      redis.disconnect();

      const push = async (state: string) =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE channel = 'push' AND state = $1`, [state])).rows[0]
          ?.n ?? 0;
      const final = await states();
      expect(Object.keys(final).filter((s) => s !== 'sent' && s !== 'failed')).toEqual([]);
      // Nobody twice: every subscription got at most one message.
      const perSubscription = new Map<string, number>();
      for (const m of pushService.received) perSubscription.set(m.subscriptionId, (perSubscription.get(m.subscriptionId) ?? 0) + 1);
      expect(Math.max(...perSubscription.values())).toBe(1);
      // Every push row whose answer was recorded arrived; the batch in flight at the kill (one per
      // worker: one batch at a time) is sent with its outcome unknown, never resent and never failed.
      const known =
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM deliveries WHERE channel = 'push' AND state = 'sent' AND NOT outcome_unknown`,
          )
        ).rows[0]?.n ?? 0;
      const unknown =
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM deliveries WHERE channel = 'push' AND state = 'sent' AND outcome_unknown`,
          )
        ).rows[0]?.n ?? 0;
      expect(await push('failed')).toBe(0);
      expect(known).toBeLessThanOrEqual(pushService.received.length);
      expect(unknown).toBeLessThanOrEqual(deps.batchSize);
      expect(known + unknown).toBe(HOUSEHOLDS);
      // An unknown outcome is no failure: no SMS goes at once (only after the confirmation window).
      const sms = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE channel = 'sms'`)).rows[0]?.n ?? 0;
      expect(sms).toBe(0);
      console.info(
        `fan-out kill test: ${atKill} received before the kill, ${pushService.received.length} in all, ${unknown} rows with their outcome unknown (sent, not resent)`,
      );
    }, 600_000);
  },
);
