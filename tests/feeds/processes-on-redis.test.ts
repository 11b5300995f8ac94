// Two `siaga scheduler` and two `siaga worker` processes against one Redis and one database, with
// the BMKG stand-in counting every request: the forecast feed is fetched once per slot whoever
// enqueues it, and the shared BMKG rate budget holds across the processes. The limit is lowered
// to 10 a minute while three feeds want 49 requests at once; a worker runs two jobs at a time, so
// both worker processes are busy, and budgets that were not shared would let 20 or more through
// in the first minute. PostgreSQL and Redis only (separate processes cannot share the embedded engine).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRedis } from '../../src/adapters/open-redis.ts';
import { rateBudgetKey } from '../../src/feeds/create-feed-deps.ts';
import {
  FORECAST_PATH,
  forecastFixtureFor,
  NOWCAST_ID_RSS,
  QUAKE_PATHS,
  startBmkgStandIn,
  type BmkgStandIn,
} from '../support/bmkg-stand-in.ts';
import { loadDeliSerdang } from '../support/delivery-harness.ts';
import { maxInWindow } from '../support/max-in-window.ts';
import { createTestDatabase, spawnSiaga, type SiagaProcess, type TestDatabase } from '../support/spawn-siaga.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const LIMIT = 10;
/** How long the budget is watched once requests flow; well inside the 60 s window. */
const WATCH_MS = 25_000;

describe.skipIf(!DATABASE_URL || !REDIS_URL)(
  'scheduler and worker processes on one Redis (PostgreSQL + Redis; skipped without both)',
  () => {
    let database: TestDatabase;
    let bmkg: BmkgStandIn;
    const processes: SiagaProcess[] = [];
    const prefix = `siaga-test-${Date.now().toString(36)}`;

    beforeAll(async () => {
      database = await createTestDatabase(DATABASE_URL as string, 'replicas');
      await loadDeliSerdang(database.db, 2000, 'replicas');
      bmkg = await startBmkgStandIn({ forecastFor: (adm4) => forecastFixtureFor(adm4) });
      // Twelve quake and twelve nowcast index URLs, so that those feeds want many requests too.
      const quake = Buffer.from(await (await fetch(bmkg.url(QUAKE_PATHS[0] as string))).arrayBuffer());
      const rss = Buffer.from(await (await fetch(bmkg.url(NOWCAST_ID_RSS))).arrayBuffer());
      for (let i = 1; i <= 12; i += 1) {
        bmkg.serve(`${QUAKE_PATHS[0]}?n=${i}`, quake, 'application/json');
        bmkg.serve(`${NOWCAST_ID_RSS}?n=${i}`, rss, 'application/rss+xml');
      }
      bmkg.times.length = 0;
      // The budget's key lives under this test's QUEUE_PREFIX, so other tests' fetches on the same
      // Redis never count against it; it starts from an empty window.
      const redis = openRedis(REDIS_URL as string);
      await redis.del(rateBudgetKey(prefix));
      redis.disconnect();
    }, 120_000);
    afterAll(async () => {
      for (const p of processes) p.child.kill('SIGKILL');
      await bmkg?.close();
      await database?.drop();
      const redis = openRedis(REDIS_URL as string);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    it('fetches each slot once and never exceeds the shared budget', async () => {
      const env = {
        DATABASE_URL: database.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        BMKG_FORECAST_URL: `${bmkg.url(FORECAST_PATH)}?adm4={code}`,
        // every 5 seconds: a slot is that second, so both schedulers enqueue the same job for it
        BMKG_FORECAST_SCHEDULE: '*/5 * * * * *',
        BMKG_FORECAST_VILLAGES_PER_RUN: '25',
        BMKG_QUAKE_URLS: Array.from({ length: 12 }, (_, i) => bmkg.url(`${QUAKE_PATHS[0]}?n=${i + 1}`)).join(','),
        BMKG_QUAKE_SCHEDULE: '*/5 * * * * *',
        BMKG_NOWCAST_URLS: Array.from({ length: 12 }, (_, i) => bmkg.url(`${NOWCAST_ID_RSS}?n=${i + 1}`)).join(','),
        BMKG_NOWCAST_SCHEDULE: '*/5 * * * * *',
        BMKG_RATE_LIMIT_PER_MINUTE: String(LIMIT),
        // Only routine feeds run here: no urgent reserve, so they may use the budget to the full.
        BMKG_URGENT_RESERVE_PER_MINUTE: '0',
        HTTP_TIMEOUT_MS: '2000',
      };
      for (const role of ['worker', 'worker', 'scheduler', 'scheduler']) processes.push(spawnSiaga([role], env));
      // Wait for the first requests (four tsx processes can take a minute to start on a busy machine),
      // then watch for 25 s: all inside the first budget window. The watch is the test itself, not a
      // wait for something to happen: the property is that nothing more happens while four
      // processes keep asking, so it has to be watched for a while.
      await vi.waitFor(() => expect(bmkg.times.length, processes.map((p) => p.stderr()).join('\n')).toBeGreaterThan(0), {
        timeout: 120_000,
        interval: 100,
      });
      await new Promise((r) => setTimeout(r, WATCH_MS));

      // The budget was used to the full, and not beyond, by the two busy workers together.
      expect(bmkg.times.length).toBe(LIMIT);
      expect(maxInWindow(bmkg.times, 60_000)).toBeLessThanOrEqual(LIMIT);
      // Once per slot: no URL was fetched twice in a slot, whichever worker took the job.
      const runs = await database.db.query<{ feed: string; slot: string; urls: number; n: number }>(
        `SELECT feed, slot, count(DISTINCT url)::int AS urls, count(*)::int AS n FROM feed_fetches GROUP BY 1, 2`,
      );
      expect(runs.rows.length).toBeGreaterThan(0);
      for (const r of runs.rows) expect(r.n, `${r.feed} ${r.slot}`).toBe(r.urls);
    }, 240_000);
  },
);
