// Feed health for the liaison: is each feed arriving as often as it should?

export type FeedStatus = 'ok' | 'late' | 'down';

export interface FeedHealthFacts {
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  consecutiveFailures: number;
}

/** Late after two expected intervals without a successful fetch; down after six, while every recent attempt fails. */
export const LATE_AFTER_CADENCES = 2;
export const DOWN_AFTER_CADENCES = 6;
const DOWN_MIN_FAILURES = 3;

export function feedStatus(h: FeedHealthFacts, cadenceMs: number, now: Date): FeedStatus {
  const sinceSuccess = h.lastSuccessAt ? now.getTime() - h.lastSuccessAt.getTime() : Number.POSITIVE_INFINITY;
  if (sinceSuccess <= LATE_AFTER_CADENCES * cadenceMs) return 'ok';
  if (sinceSuccess > DOWN_AFTER_CADENCES * cadenceMs && h.consecutiveFailures >= DOWN_MIN_FAILURES) return 'down';
  return 'late';
}
