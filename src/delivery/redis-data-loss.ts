// Knowing at once that Redis lost its data (restarted without persistence, flushed, failed over to
// an empty replica) instead of inferring it from a channel gone quiet: an epoch key, set once by
// whichever process finds it missing, and remembered by each. When a connection is back and the
// key is missing, or holds another epoch than the one this process saw, every job in Redis before
// the outage is gone: `onLoss` is told when the outage began, so that exactly the rows dispatched
// before it are dispatched again (a second process, noticing the loss later, leaves alone the rows
// the first one dispatched again after the restart).
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

export interface RedisDataLossOptions {
  key: string;
  logger: Logger;
  /** Called once per loss, with the moment this process last knew Redis to hold its data. */
  onLoss(outageBegan: Date): void;
  now?: () => Date;
}

export function watchRedisDataLoss(redis: Redis, o: RedisDataLossOptions): { check(): Promise<void>; stop(): void } {
  const now = o.now ?? (() => new Date());
  let epoch: string | undefined;
  let healthySince: Date = now();
  let outageBegan: Date | undefined;

  const check = async () => {
    const seen = await redis.get(o.key);
    if (seen === null) await redis.set(o.key, randomBytes(8).toString('hex'), 'NX');
    const current = await redis.get(o.key);
    const lost = epoch !== undefined && current !== epoch;
    epoch = current ?? undefined;
    if (lost) {
      const since = outageBegan ?? healthySince;
      o.logger.warn(
        { outageBegan: since.toISOString() },
        'Redis came back without its data: queued work is dispatched again from the ledger',
      );
      o.onLoss(since);
    }
    outageBegan = undefined;
    healthySince = now();
  };
  const onDown = () => {
    outageBegan ??= now();
  };
  const onReady = () => {
    check().catch((err: unknown) => o.logger.warn({ err }, 'could not check whether Redis kept its data'));
  };
  redis.on('error', onDown);
  redis.on('close', onDown);
  redis.on('ready', onReady);
  return {
    check,
    stop() {
      redis.off('error', onDown);
      redis.off('close', onDown);
      redis.off('ready', onReady);
    },
  };
}
