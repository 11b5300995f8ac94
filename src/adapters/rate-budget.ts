/**
 * A budget of requests shared by everything that talks to one provider. BMKG allows 60 requests a
 * minute per IP across all its hosts, so one budget covers every BMKG URL. Two implementations:
 * in-process (`local-rate-budget.ts`) and shared through Redis by every process using the same key
 * (`redis-rate-budget.ts`).
 */
export interface RateBudget {
  /**
   * Resolves when one more request may go: never more than `limit` in any rolling `windowMs`.
   * `routine` requests (the default) leave the urgent reserve free: they go only while fewer than
   * `limit - urgentReserve` requests are in the window, so a busy forecast run never delays a
   * quake or tsunami poll. Each priority queues on its own.
   */
  acquire(priority?: BudgetPriority): Promise<void>;
}

/** `urgent`: quake and tsunami polls; `routine`: everything else. */
export type BudgetPriority = 'urgent' | 'routine';

export interface RateBudgetOptions {
  /** Requests allowed in any rolling window. */
  limit: number;
  /** Length of the rolling window (milliseconds). */
  windowMs: number;
  /** Requests of the window only urgent ones may use (default 0: every request alike). */
  urgentReserve?: number;
  /** How to wait; injectable so tests can watch the waits. */
  sleep?: (ms: number) => Promise<void>;
}

/** How many requests of the window each priority may fill. */
export function capsOf(options: RateBudgetOptions): Record<BudgetPriority, number> {
  const reserve = options.urgentReserve ?? 0;
  return { urgent: options.limit, routine: Math.max(1, options.limit - reserve) };
}

export function checkRateBudgetOptions(options: RateBudgetOptions): void {
  if (!Number.isInteger(options.limit) || options.limit < 1)
    throw new RangeError(`rate budget: limit must be a whole number ≥ 1, got ${options.limit}`);
  if (!Number.isFinite(options.windowMs) || options.windowMs <= 0)
    throw new RangeError(`rate budget: windowMs must be > 0, got ${options.windowMs}`);
  const reserve = options.urgentReserve;
  if (reserve !== undefined && (!Number.isInteger(reserve) || reserve < 0 || reserve >= options.limit)) {
    throw new RangeError(`rate budget: urgentReserve must be a whole number from 0 to limit − 1, got ${reserve}`);
  }
}
