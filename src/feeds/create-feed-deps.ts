// Builds what feed jobs run with: the HTTP fetcher inside the shared BMKG rate budget (in Redis
// when REDIS_URL is set, so that every worker counts against the same 60 requests a minute), and
// the CAP engine as the place hazards are handed on to.
import { loadCapSigner } from '../alerts/load-cap-signer.ts';
import type { Redis } from 'ioredis';
import { createFeedFetcher } from '../adapters/bmkg-fetch.ts';
import { createLocalRateBudget } from '../adapters/local-rate-budget.ts';
import type { RateBudget } from '../adapters/rate-budget.ts';
import { createRedisRateBudget } from '../adapters/redis-rate-budget.ts';
import { ingestCapDocument } from '../alerts/ingest-cap-document.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { HandoffIntake } from '../db/delivery-handoffs.ts';
import type { Logger } from '../logger.ts';
import type { FeedDeps } from './feed-job.ts';

const RATE_WINDOW_MS = 60_000;

/**
 * The budget's Redis key, under the installation's QUEUE_PREFIX like its queues (`siaga:…` by
 * default): installations or test runs that share one Redis keep their own counts, while every
 * process of one installation shares one.
 */
export function rateBudgetKey(queuePrefix: string): string {
  return `${queuePrefix}:bmkg-rate-budget`;
}

export function createRateBudget(config: Config, redis: Redis | undefined): RateBudget {
  const limit = config.feeds.rateLimitPerMinute;
  const urgentReserve = Math.min(limit - 1, config.feeds.urgentReservePerMinute);
  return redis
    ? createRedisRateBudget(redis, { key: rateBudgetKey(config.queuePrefix), limit, urgentReserve, windowMs: RATE_WINDOW_MS })
    : createLocalRateBudget({ limit, urgentReserve, windowMs: RATE_WINDOW_MS });
}

/**
 * A feed's messages wait a short grace before delivery takes them (the run makes them ready when it
 * ends), so that BMKG's Indonesian and English documents of one warning are merged first.
 */
export const FEED_HANDOFF_GRACE_S = 30;

/** `handoff`: how stored messages go on; a backfill stores history (`store`) unless told to deliver. */
export function createFeedDeps(
  config: Config,
  db: Db,
  logger: Logger,
  budget: RateBudget,
  handoff: Omit<HandoffIntake, 'intake'> = { mode: 'deliver', graceSeconds: FEED_HANDOFF_GRACE_S },
): FeedDeps {
  const fetch = createFeedFetcher({
    userAgent: config.httpUserAgent,
    timeoutMs: config.httpTimeoutMs,
    maxBytes: config.feeds.maxBytes,
    retries: { max: config.feeds.retries, baseDelayMs: 500, maxDelayMs: 30_000 },
    budget,
  });
  return {
    db,
    fetch,
    ingestCap: ({ intake, ...doc }) =>
      ingestCapDocument(db, doc, {
        dryRun: false,
        maxBytes: config.capMaxBytes,
        marginM: config.targetMarginMetres,
        handoff: { intake: intake ?? 'feed', ...handoff },
      }),
    logger,
    now: () => new Date(),
    sender: config.siagaSender,
    signCap: loadCapSigner(config),
    payloadRetentionDays: config.feeds.payloadRetentionDays,
  };
}
