/**
 * A budget of requests shared by everything that talks to one provider. BMKG allows 60 requests a
 * minute per IP across all its hosts, so one budget covers every BMKG URL. Two implementations:
 * in-process (`local-rate-budget.ts`) and shared through Redis by every process using the same key
 * (`redis-rate-budget.ts`).
 */
export interface RateBudget {
  /** Resolves when one more request may go: never more than `limit` in any rolling `windowMs`. */
  acquire(): Promise<void>;
}

export interface RateBudgetOptions {
  /** Requests allowed in any rolling window. */
  limit: number;
  /** Length of the rolling window (milliseconds). */
  windowMs: number;
  /** How to wait; injectable so tests can watch the waits. */
  sleep?: (ms: number) => Promise<void>;
}

export function checkRateBudgetOptions(options: RateBudgetOptions): void {
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`rate budget: limit must be a whole number ≥ 1, got ${options.limit}`);
  if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) throw new RangeError(`rate budget: windowMs must be > 0, got ${options.windowMs}`);
}
