// One place that opens Redis connections. BullMQ workers block on Redis and need
// maxRetriesPerRequest: null; the connection string is never logged (it may hold a password).
// ioredis reconnects on its own (retryStrategy); commands wait for it (maxRetriesPerRequest: null).
// Its 'error' events are logged, not left to Node's unhandled-'error' rule.
import { Redis } from 'ioredis';
import { createLogger, type Logger } from '../logger.ts';

export function openRedis(url: string, logger: Logger = createLogger('info', 'siaga-redis')): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  watchRedis(redis, logger);
  return redis;
}

/** Logs a connection's errors (once per outage, not once per reconnect attempt) and its recovery. */
export function watchRedis(redis: Redis, logger: Logger): Redis {
  let down = false;
  redis.on('error', (err: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger.warn({ err: { message: err.message, code: err.code } }, 'Redis connection lost; reconnecting');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('Redis connection back');
  });
  return redis;
}
