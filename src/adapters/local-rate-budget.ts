// The rate budget of one process: a sliding window of the times requests were let go. Without Redis
// only this process counts, so two Siaga processes on one IP would each spend the whole budget.
import { setTimeout as delay } from 'node:timers/promises';
import { capsOf, checkRateBudgetOptions, type BudgetPriority, type RateBudget, type RateBudgetOptions } from './rate-budget.ts';

export interface LocalRateBudgetOptions extends RateBudgetOptions {
  /** Clock in milliseconds; monotonic by default, so a wall-clock step (NTP) cannot open the window early. */
  now?: () => number;
}

export function createLocalRateBudget(options: LocalRateBudgetOptions): RateBudget {
  checkRateBudgetOptions(options);
  const { windowMs } = options;
  const caps = capsOf(options);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  // Times of the grants still inside the window, oldest first.
  const granted: number[] = [];
  // Callers of one priority are served one after another in the order they asked: a caller
  // arriving while others wait queues behind them instead of racing them for the next free slot.
  const queues: Record<BudgetPriority, Promise<void>> = { urgent: Promise.resolve(), routine: Promise.resolve() };

  async function take(cap: number): Promise<void> {
    for (;;) {
      const t = now();
      while (granted.length > 0 && (granted[0] as number) <= t - windowMs) granted.shift();
      if (granted.length < cap) {
        granted.push(t);
        return;
      }
      // The grant whose leaving frees a slot for this cap. Timers may fire a little early or late:
      // the loop checks again rather than trusting the wait.
      await sleep(Math.max(1, (granted[granted.length - cap] as number) + windowMs - t));
    }
  }

  return {
    acquire(priority = 'routine') {
      const turn = queues[priority].then(() => take(caps[priority]));
      queues[priority] = turn.catch(() => undefined);
      return turn;
    },
  };
}
