// Redis for the queue rows: the server of REDIS_URL (or 127.0.0.1:6379), with a key prefix of the
// bench's own per process, so nothing of a running Siaga's queues is touched; every key under it is
// deleted at the end.
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import { RowSkipped } from './row-types.ts';

export const LOCAL_REDIS = 'redis://127.0.0.1:6379';

export interface BenchRedis {
  connection: Redis;
  prefix: string;
  /** Deletes every key under the prefix and closes the connection. */
  close: () => Promise<void>;
}

export async function openBenchRedis(label: string): Promise<BenchRedis> {
  const url = loadConfig().redisUrl ?? LOCAL_REDIS;
  // maxRetriesPerRequest null: BullMQ's requirement for blocking connections; lazy so that an
  // unreachable server is reported once, below, instead of retried forever.
  const connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => null });
  try {
    await connection.connect();
  } catch (err) {
    connection.disconnect();
    throw new RowSkipped(`Redis is unreachable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const prefix = `siaga-bench-${label}-${process.pid}`;
  return {
    connection,
    prefix,
    close: async () => {
      await deleteUnder(connection, `${prefix}:`);
      await connection.quit();
    },
  };
}

export async function deleteUnder(connection: Redis, keyPrefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await connection.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
