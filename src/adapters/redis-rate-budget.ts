// The rate budget shared by every process that uses the same Redis key (scheduler, workers, a CLI
// run on the same machine): all of them leave from one IP, and BMKG counts per IP. One atomic Lua
// script keeps a sorted set of grant times; a caller that finds the window full is told how long
// until its oldest grant leaves, sleeps that long and asks again.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { capsOf, checkRateBudgetOptions, type BudgetPriority, type RateBudget, type RateBudgetOptions } from './rate-budget.ts';

/** The Redis commands this budget uses; an ioredis `Redis` (or `Cluster`) satisfies it. */
export interface RateBudgetRedis {
  evalsha(sha1: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface RedisRateBudgetOptions extends RateBudgetOptions {
  /** The sorted set holding grant times; every process sharing the budget uses the same key. */
  key: string;
}

// Returns 0 when the request may go (and records it), else the milliseconds to wait. ARGV[1] is the
// caller's cap: the whole limit for an urgent request, the limit less the urgent reserve for a
// routine one; the wait is until enough grants leave the window for one more under that cap. The time is
// Redis's own (TIME), so the clocks of the hosts sharing the budget never matter. Members are
// unique ids, because two grants in the same microsecond must both count.
const SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, math.ceil(window))
  return 0
end
local count = redis.call('ZCARD', key)
local freeing = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(freeing[2]) + window - now))
`;
const SCRIPT_SHA1 = createHash('sha1').update(SCRIPT).digest('hex');

export function createRedisRateBudget(redis: RateBudgetRedis, options: RedisRateBudgetOptions): RateBudget {
  checkRateBudgetOptions(options);
  const { key, windowMs } = options;
  const caps = capsOf(options);
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  // Callers of one process and priority queue in order, so that a burst asks Redis once at a time
  // instead of every waiting caller polling it at each wake-up.
  const queues: Record<BudgetPriority, Promise<void>> = { urgent: Promise.resolve(), routine: Promise.resolve() };

  async function tryTake(cap: number): Promise<number> {
    const args = [key, cap, windowMs, randomUUID()] as const;
    try {
      return Number(await redis.evalsha(SCRIPT_SHA1, 1, ...args));
    } catch (err) {
      // The script cache is empty after a Redis restart or on a fresh server: send it whole once.
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return Number(await redis.eval(SCRIPT, 1, ...args));
    }
  }

  async function take(cap: number): Promise<void> {
    for (;;) {
      const waitMs = await tryTake(cap);
      if (waitMs === 0) return;
      if (!Number.isFinite(waitMs) || waitMs < 0)
        throw new Error(`rate budget ${key}: Redis answered ${waitMs}, not a wait in milliseconds`);
      await sleep(waitMs);
    }
  }

  return {
    acquire(priority = 'routine') {
      const turn = queues[priority].then(() => take(caps[priority]));
      queues[priority] = turn.catch(() => undefined);
      return turn;
    },
  };
}
