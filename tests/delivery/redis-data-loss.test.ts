// How a process knows Redis lost its data: the epoch key it remembers is gone or was set anew by
// another process. Each process notices once per loss, a Redis that kept its data is no loss, and a
// process that starts after a loss (it never saw the old epoch) does not think one happened.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedis } from '../../src/adapters/open-redis.ts';
import { watchRedisDataLoss } from '../../src/delivery/redis-data-loss.ts';
import { createLogger } from '../../src/logger.ts';

const REDIS_URL = process.env.REDIS_URL;

describe.skipIf(!REDIS_URL)('noticing that Redis lost its data (needs REDIS_URL)', () => {
  const redis = REDIS_URL ? openRedis(REDIS_URL, createLogger('silent')) : undefined;
  const key = `t-data-loss-${randomBytes(4).toString('hex')}:siaga:epoch`;
  afterAll(async () => {
    await redis?.del(key);
    redis?.disconnect();
  });

  it('tells each process once per loss, and nothing when the data is still there', async () => {
    const connection = redis as NonNullable<typeof redis>;
    const losses = { a: 0, b: 0, late: 0 };
    const watcher = (name: keyof typeof losses) =>
      watchRedisDataLoss(connection, { key, logger: createLogger('silent'), onLoss: () => void (losses[name] += 1) });
    const a = watcher('a');
    const b = watcher('b');
    await a.check();
    await b.check();
    await a.check();
    expect(losses).toEqual({ a: 0, b: 0, late: 0 });

    await connection.del(key); // what a restart without persistence does to every key
    await a.check(); // a notices first and sets a new epoch…
    await b.check(); // …b still notices: the epoch is not the one it saw
    await a.check();
    await b.check();
    const late = watcher('late');
    await late.check();
    expect(losses).toEqual({ a: 1, b: 1, late: 0 });
    for (const w of [a, b, late]) w.stop();
  });
});
