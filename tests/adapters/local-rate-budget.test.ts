// The in-process rate budget: never more than `limit` grants in any rolling window, callers served
// in the order they asked. Once on a simulated clock (exact), once on the real one (timing).
import { describe, expect, it } from 'vitest';
import { createLocalRateBudget } from '../../src/adapters/local-rate-budget.ts';
import { maxInWindow } from '../support/max-in-window.ts';

describe('createLocalRateBudget', () => {
  it('grants 5, then the next 5 when the first leave the window, on a simulated clock', async () => {
    let clock = 0;
    const waits: number[] = [];
    const budget = createLocalRateBudget({
      limit: 5,
      windowMs: 1000,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 12 }, () => budget.acquire().then(() => granted.push(clock))));
    expect(granted).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
    expect(waits).toEqual([1000, 1000]);
  });

  it('lets 12 concurrent callers through, in order, never more than 5 in any 1000 ms', async () => {
    const budget = createLocalRateBudget({ limit: 5, windowMs: 1000 });
    const started = performance.now();
    const order: number[] = [];
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        budget.acquire().then(() => {
          times.push(performance.now());
          order.push(i);
        }),
      ),
    );
    const elapsed = performance.now() - started;
    expect(order).toEqual([...Array(12).keys()]);
    // Timestamps are taken in the same microtask as the grant, so 1 ms covers the measuring; the
    // count itself is strict.
    expect(maxInWindow(times, 1000 - 1)).toBeLessThanOrEqual(5);
    expect(maxInWindow(times, 1000 - 1)).toBe(5);
    // Grants at 0, 1000 and 2000 ms; the upper bound only guards against a stuck queue.
    expect(elapsed).toBeGreaterThanOrEqual(2000 - 1);
    expect(elapsed).toBeLessThan(8000);
  });

  it('keeps the urgent reserve free of routine requests, and serves urgent ones while routine ones wait', async () => {
    let clock = 0;
    const budget = createLocalRateBudget({
      limit: 5,
      urgentReserve: 2,
      windowMs: 1000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const routine: number[] = [];
    const urgent: number[] = [];
    // Two routine callers go at once; urgent callers asking meanwhile take the reserve at once, and
    // the routine share (3 of 5) is then spent, so the other routine callers wait for the window.
    const waiting = Promise.all(Array.from({ length: 4 }, () => budget.acquire('routine').then(() => routine.push(clock))));
    await Promise.all(Array.from({ length: 2 }, () => budget.acquire('urgent').then(() => urgent.push(clock))));
    await waiting;
    expect(urgent).toEqual([0, 0]);
    expect(routine).toEqual([0, 0, 1000, 1000]);
  });

  it('refuses a limit or window that would let nothing through', () => {
    expect(() => createLocalRateBudget({ limit: 5, urgentReserve: 5, windowMs: 1000 })).toThrow(/urgentReserve must be/);
    expect(() => createLocalRateBudget({ limit: 0, windowMs: 1000 })).toThrow(/limit must be a whole number/);
    expect(() => createLocalRateBudget({ limit: 5, windowMs: 0 })).toThrow(/windowMs must be > 0/);
  });
});
