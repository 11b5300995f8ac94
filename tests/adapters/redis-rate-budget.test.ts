// The rate budget shared through Redis: two connections stand in for two Siaga processes on one
// IP, using the same key. Real Redis at REDIS_URL, a fresh key per test, removed afterwards.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateBudget, type RateBudgetRedis } from '../../src/adapters/redis-rate-budget.ts';
import { maxInWindow } from '../support/max-in-window.ts';

const REDIS_URL = process.env.REDIS_URL;

describe.skipIf(!REDIS_URL)(
  REDIS_URL
    ? 'createRedisRateBudget (Redis)'
    : 'createRedisRateBudget — SKIPPED: REDIS_URL not set, the budget shared between processes is not tested in this run',
  () => {
    let a: Redis;
    let b: Redis;
    const keys: string[] = [];
    const freshKey = () => {
      const key = `siaga-test:rate-budget:${randomUUID()}`;
      keys.push(key);
      return key;
    };
    beforeAll(() => {
      a = new Redis(REDIS_URL as string);
      b = new Redis(REDIS_URL as string);
    });
    afterAll(async () => {
      if (keys.length > 0) await a.del(...keys);
      await Promise.all([a.quit(), b.quit()]);
    });

    it('two processes sharing a key never exceed 10 requests in any 2000 ms between them', async () => {
      const key = freshKey();
      const budgets = [a, b].map((redis) => createRedisRateBudget(redis, { key, limit: 10, windowMs: 2000 }));
      const times: number[] = [];
      const byProcess = [0, 0];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (budgets[i % 2] as (typeof budgets)[number]).acquire().then(() => {
            times.push(performance.now());
            byProcess[i % 2] = (byProcess[i % 2] as number) + 1;
          }),
        ),
      );
      const elapsed = performance.now() - started;
      expect(byProcess).toEqual([15, 15]);
      // Grants are timed by Redis; a timestamp taken when the answer is back lags its grant by one
      // round trip, so windows 50 ms shorter than the budget's absorb that. The count is strict.
      expect(maxInWindow(times, 2000 - 50)).toBeLessThanOrEqual(10);
      // 30 grants at 10 per 2 s: the last ten cannot start before 4 s; the upper bound only
      // guards against a stuck budget on a busy machine.
      expect(elapsed).toBeGreaterThanOrEqual(4000 - 50);
      expect(elapsed).toBeLessThan(20_000);
      // The set expires on its own once the window has passed: nothing lingers in Redis.
      const ttl = await a.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(2000);
    });

    it('leaves the urgent reserve to urgent requests across processes', async () => {
      const key = freshKey();
      // The routine caller's wait ends when the test opens the gate, not after a whole minute.
      let open = () => undefined as void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const routine = createRedisRateBudget(a, { key, limit: 4, urgentReserve: 2, windowMs: 60_000, sleep: () => gate });
      const urgent = createRedisRateBudget(b, { key, limit: 4, urgentReserve: 2, windowMs: 60_000 });
      await routine.acquire('routine');
      await routine.acquire('routine');
      // The routine share (2 of 4) is spent: a third routine request waits a whole window…
      let third = false;
      const waiting = routine.acquire('routine').then(() => (third = true));
      // …while urgent requests of another process take the reserve at once.
      await urgent.acquire('urgent');
      await urgent.acquire('urgent');
      expect(await a.zcard(key)).toBe(4);
      expect(third).toBe(false);
      // The window moves on (emptied here): the routine request goes.
      await a.del(key);
      open();
      await waiting;
      expect(third).toBe(true);
    });

    it('loads its script again when Redis does not have it cached (NOSCRIPT)', async () => {
      const key = freshKey();
      // The real server answers NOSCRIPT for a script it never saw; the budget must send it whole.
      const forgetful: RateBudgetRedis = {
        evalsha: (_sha1, numkeys, ...args) => a.evalsha('0'.repeat(40), numkeys, ...args),
        eval: (script, numkeys, ...args) => a.eval(script, numkeys, ...args),
      };
      const budget = createRedisRateBudget(forgetful, { key, limit: 2, windowMs: 60_000 });
      await budget.acquire();
      await budget.acquire();
      expect(await a.zcard(key)).toBe(2);
    });

    it('tells a full window apart: the next caller waits as long as Redis says', async () => {
      const key = freshKey();
      const waits: number[] = [];
      let waited = false;
      const budget = createRedisRateBudget(a, {
        key,
        limit: 1,
        windowMs: 60_000,
        // Instead of waiting a minute, empty the window once and let the budget ask again.
        sleep: async (ms) => {
          waits.push(ms);
          if (!waited) await a.del(key);
          waited = true;
        },
      });
      await budget.acquire();
      await budget.acquire();
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(50_000);
      expect(waits[0]).toBeLessThanOrEqual(60_000);
    });
  },
);
