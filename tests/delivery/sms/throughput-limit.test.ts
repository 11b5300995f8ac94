// The segments-per-second token bucket on a simulated clock: exact grant times, debts for
// multipart messages, first come first served.
import { describe, expect, it } from 'vitest';
import { createThroughputLimit } from '../../../src/delivery/sms/throughput-limit.ts';

function simulatedClock() {
  const clock = { t: 0, waits: [] as number[] };
  return {
    clock,
    options: {
      now: () => clock.t,
      sleep: async (ms: number) => {
        clock.waits.push(ms);
        clock.t += ms;
      },
    },
  };
}

describe('createThroughputLimit', () => {
  it('paces single segments 1/rate apart', async () => {
    const { clock, options } = simulatedClock();
    const limit = createThroughputLimit(10, options);
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => limit.take(1).then(() => granted.push(clock.t))));
    expect(granted).toEqual([0, 100, 200, 300, 400]);
  });

  it('lets a 3-part message through whole and makes the next caller pay its debt', async () => {
    const { clock, options } = simulatedClock();
    const limit = createThroughputLimit(10, options);
    const granted: number[] = [];
    await Promise.all([limit.take(3), limit.take(1), limit.take(2), limit.take(1)].map((p) => p.then(() => granted.push(clock.t))));
    // 3 at 0 (debt 2: the bucket refills 1 per 100 ms), 1 at 300, 2 at 400, 1 at 600.
    expect(granted).toEqual([0, 300, 400, 600]);
  });

  it('allows a burst of `burst` segments after a pause, then paces', async () => {
    const { clock, options } = simulatedClock();
    const limit = createThroughputLimit(4, { ...options, burst: 4 });
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limit.take(1).then(() => granted.push(clock.t))));
    expect(granted).toEqual([0, 0, 0, 0, 250, 500]);
  });

  it('never lets more than rate × seconds segments through over a long run', async () => {
    const { clock, options } = simulatedClock();
    const limit = createThroughputLimit(7, options);
    const sizes = [1, 3, 2, 1, 1, 3, 2, 2, 1, 3, 1, 1, 2, 3, 1];
    for (const n of sizes) await limit.take(n);
    const total = sizes.reduce((a, b) => a + b, 0);
    // The last grant happens once all earlier segments are paid for: (total − last) / rate seconds.
    expect(clock.t).toBeGreaterThanOrEqual(((total - (sizes.at(-1) ?? 0)) / 7) * 1000 - 1);
  });

  it('refuses a rate that would send nothing and a fractional take', async () => {
    expect(() => createThroughputLimit(0)).toThrow(/segmentsPerSecond must be a number > 0/);
    expect(() => createThroughputLimit(Number.NaN)).toThrow(/segmentsPerSecond/);
    await expect(createThroughputLimit(5).take(1.5)).rejects.toThrow(/whole number/);
  });
});
