// Feed health for the liaison: is each feed arriving as often as it should?

export type FeedStatus = 'waiting' | 'ok' | 'late' | 'down';

export interface FeedHealthFacts {
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  consecutiveFailures: number;
  /** When a scheduler last started expecting this feed; null: no scheduler has (feeds run by hand). */
  scheduledSince?: Date | null;
}

/** Late after two expected intervals without a successful fetch; down after six, while every recent attempt fails. */
export const LATE_AFTER_CADENCES = 2;
export const DOWN_AFTER_CADENCES = 6;
const DOWN_MIN_FAILURES = 3;

/**
 * The clock starts at the last success, or at the scheduler's start when that is later: a feed that
 * has not run since its scheduler started is `waiting` for its first run until it has missed it
 * (the first run comes at most one cadence after the start; the same margin as any run follows).
 * A first run that was attempted and failed is missed: `late` at once.
 */
export function feedStatus(h: FeedHealthFacts, cadenceMs: number, now: Date): FeedStatus {
  const success = h.lastSuccessAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const started = h.scheduledSince?.getTime() ?? Number.NEGATIVE_INFINITY;
  const sinceStartNoSuccess = started > success;
  const attemptedSinceStart = (h.lastAttemptAt?.getTime() ?? Number.NEGATIVE_INFINITY) >= started;
  const since = now.getTime() - Math.max(success, started);
  if (since <= LATE_AFTER_CADENCES * cadenceMs) return !sinceStartNoSuccess ? 'ok' : attemptedSinceStart ? 'late' : 'waiting';
  if (since > DOWN_AFTER_CADENCES * cadenceMs && h.consecutiveFailures >= DOWN_MIN_FAILURES) return 'down';
  return 'late';
}

/** When a feed that has not run since its scheduler started is judged late (null for any other feed). */
export function firstRunDueBy(h: FeedHealthFacts, cadenceMs: number): Date | null {
  const started = h.scheduledSince?.getTime();
  if (started === undefined || (h.lastAttemptAt && h.lastAttemptAt.getTime() >= started)) return null;
  return new Date(started + LATE_AFTER_CADENCES * cadenceMs);
}
