// Which queue a runtime gets, and who runs its jobs: without Redis the in-process queue (whatever
// the process was asked); with Redis the BullMQ queue, and workers only when asked, on a connection
// of their own that is dropped after them. The makers here record what they were given; the
// connection is real Redis at REDIS_URL.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { bullmqOrInProcess, type QueueMakers } from '../../src/adapters/bullmq-or-in-process.ts';

const REDIS_URL = process.env.REDIS_URL;

function recordingMakers() {
  const made: string[] = [];
  const given: { queue?: Redis; workers?: Redis } = {};
  const makers: QueueMakers<string> = {
    bullmq: (redis) => {
      given.queue = redis;
      made.push('bullmq');
      return 'bullmq queue';
    },
    bullmqWorkers: (connection) => {
      given.workers = connection;
      made.push('workers');
      return { close: async () => void made.push(`workers closed while ${connection.status}`) };
    },
    inProcess: () => {
      made.push('in-process');
      return 'in-process queue';
    },
  };
  return { made, given, makers };
}

describe('bullmqOrInProcess without Redis', () => {
  it.each([true, false])('runs the jobs in this process (asked for workers: %s)', async (worker) => {
    const { made, makers } = recordingMakers();
    const chosen = bullmqOrInProcess(undefined, worker, makers);
    expect(chosen.queue).toBe('in-process queue');
    await chosen.stopWorkers();
    expect(made).toEqual(['in-process']);
  });
});

describe.skipIf(!REDIS_URL)(
  REDIS_URL
    ? 'bullmqOrInProcess with Redis'
    : 'bullmqOrInProcess with Redis — SKIPPED: REDIS_URL not set, the BullMQ wiring is not tested in this run',
  () => {
    it('only adds to the BullMQ queue when not asked for workers', async () => {
      const redis = new Redis(REDIS_URL as string);
      const { made, given, makers } = recordingMakers();
      const chosen = bullmqOrInProcess(redis, false, makers);
      expect(chosen.queue).toBe('bullmq queue');
      expect(given.queue).toBe(redis);
      await chosen.stopWorkers();
      expect(made).toEqual(['bullmq']);
      await redis.quit();
    });

    it('starts workers on their own connection, closes them first and then drops it, leaving the runtime its own', async () => {
      const redis = new Redis(REDIS_URL as string);
      const { made, given, makers } = recordingMakers();
      const chosen = bullmqOrInProcess(redis, true, makers);
      expect(given.queue).toBe(redis);
      expect(given.workers).toBeInstanceOf(Redis);
      expect(given.workers).not.toBe(redis);
      const workers = given.workers as Redis;
      await workers.ping();
      const dropped = new Promise((resolve) => workers.once('end', resolve));
      await chosen.stopWorkers();
      expect(made).toEqual(['bullmq', 'workers', 'workers closed while ready']);
      await dropped;
      expect(workers.status).toBe('end');
      expect(await redis.ping()).toBe('PONG');
      await redis.quit();
    });
  },
);
