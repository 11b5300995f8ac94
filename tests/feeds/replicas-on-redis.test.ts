// Several schedulers and workers against one Redis: a feed is fetched once per slot, whoever
// enqueues it and whichever worker takes it.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRedis } from '../../src/adapters/open-redis.ts';
import { loadConfig } from '../../src/config.ts';
import { FEED_QUEUE_NAME } from '../../src/feeds/bullmq-feed-queue.ts';
import { feedJobId } from '../../src/feeds/feed-queue.ts';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { startFeedRuntime, type FeedRuntime } from '../../src/feeds/start-feed-runtime.ts';
import { createLogger } from '../../src/logger.ts';
import { NOWCAST_EN_RSS, NOWCAST_ID_RSS, startBmkgStandIn, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)(`feed replicas on Redis (${engineUnderTest}; skipped without REDIS_URL)`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  const runtimes: FeedRuntime[] = [];
  const connections: ReturnType<typeof openRedis>[] = [];
  const prefix = `siaga-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestDb();
    bmkg = await startBmkgStandIn();
    const config = loadConfig({
      BMKG_NOWCAST_URLS: `${bmkg.url(NOWCAST_ID_RSS)},${bmkg.url(NOWCAST_EN_RSS)}`,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      HTTP_TIMEOUT_MS: '2000',
    });
    // two processes' worth: each its own Redis connection, queue and worker
    for (let i = 0; i < 2; i++) {
      const redis = openRedis(redisUrl ?? '');
      connections.push(redis);
      runtimes.push(
        startFeedRuntime({
          config,
          db: t.db,
          logger: createLogger('silent'),
          redis,
          jobs: configuredFeeds(config),
          scheduler: false,
          worker: true,
          prefix,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const r of runtimes) await r.stop();
    for (const c of connections) {
      const keys = await c.keys(`${prefix}:*`);
      if (keys.length) await c.del(...keys);
      c.disconnect();
    }
    await bmkg.close();
    await t.drop();
  });

  const fetchesOf = async (slot: string) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feed_fetches WHERE slot = $1`, [slot])).rows[0]?.n ?? 0;
  // Settled when BullMQ has nothing left to run: the slot's job is completed and no other job waits
  // or runs. A duplicate run would be a second job, or this one run again, before that point, and
  // a run writes its fetch log before its job completes, so the counts below are final.
  const settle = async (slot: string) => {
    const redis = openRedis(redisUrl ?? '');
    connections.push(redis);
    const probe = new Queue(FEED_QUEUE_NAME, { connection: redis, prefix });
    try {
      await vi.waitFor(
        async () => {
          expect(await probe.getJobState(feedJobId({ feed: 'bmkg-nowcast', slot }))).toBe('completed');
          const pending = await probe.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
          expect(
            Object.values(pending).reduce((a, b) => a + b, 0),
            JSON.stringify(pending),
          ).toBe(0);
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      await probe.close();
    }
  };

  it('runs each feed once per slot though both schedulers enqueue it and two workers listen', async () => {
    const slot = '2026-11-28T10:05';
    await Promise.all(
      runtimes.flatMap((r) => [r.queue.enqueue({ feed: 'bmkg-nowcast', slot }), r.queue.enqueue({ feed: 'bmkg-nowcast', slot })]),
    );
    await settle(slot);
    expect(await fetchesOf(slot)).toBe(4); // two indexes, two documents
    expect(bmkg.hits(NOWCAST_ID_RSS)).toBe(1);
    expect(bmkg.hits(NOWCAST_EN_RSS)).toBe(1);

    const next = '2026-11-28T10:10';
    await Promise.all(runtimes.map((r) => r.queue.enqueue({ feed: 'bmkg-nowcast', slot: next })));
    await settle(next);
    expect(await fetchesOf(next)).toBe(2); // the next slot runs once more: two indexes, not modified
    expect(bmkg.hits(NOWCAST_ID_RSS)).toBe(2);
  });
});
