// Feed health as the liaison sees it: per configured feed, its status and last success and error.
import type { Queryable } from '../db/db.ts';
import { feedHealthRows } from '../db/feed-log.ts';
import { feedScheduledSince } from '../db/feed-schedules.ts';
import type { FeedJob } from './feed-job.ts';
import { feedStatus, firstRunDueBy, type FeedStatus } from './feed-status.ts';

export interface FeedHealth {
  feed: string;
  status: FeedStatus;
  schedule: string;
  cadence_s: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  /** A feed that has not run since its scheduler started: when it is late if it still has not. */
  first_run_due_at: string | null;
}

export async function feedsHealth(db: Queryable, jobs: readonly FeedJob[], now: Date): Promise<FeedHealth[]> {
  const names = jobs.map((j) => j.name);
  const [rows, since] = await Promise.all([
    feedHealthRows(db, names).then((list) => new Map(list.map((r) => [r.feed, r]))),
    feedScheduledSince(db, names),
  ]);
  return jobs.map((job) => {
    const r = rows.get(job.name);
    const facts = {
      lastSuccessAt: r?.last_success_at ? new Date(r.last_success_at) : null,
      lastAttemptAt: r?.last_attempt_at ? new Date(r.last_attempt_at) : null,
      consecutiveFailures: r?.consecutive_failures ?? 0,
      scheduledSince: since.get(job.name) ?? null,
    };
    return {
      feed: job.name,
      status: feedStatus(facts, job.cadenceMs, now),
      schedule: job.schedule,
      cadence_s: Math.round(job.cadenceMs / 1000),
      last_attempt_at: r?.last_attempt_at ?? null,
      last_success_at: r?.last_success_at ?? null,
      last_error_at: r?.last_error_at ?? null,
      last_error: r?.last_error ?? null,
      consecutive_failures: facts.consecutiveFailures,
      first_run_due_at: firstRunDueBy(facts, job.cadenceMs)?.toISOString() ?? null,
    };
  });
}
