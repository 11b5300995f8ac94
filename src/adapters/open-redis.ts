// One place that opens Redis connections. BullMQ workers block on Redis and need
// maxRetriesPerRequest: null; the connection string is never logged (it may hold a password).
import { Redis } from 'ioredis';

export function openRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}
