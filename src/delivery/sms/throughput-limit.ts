// An SMS gateway's throughput limit, in segments per second (operators bill and throttle parts, not
// messages): a token bucket both gateway adapters wait on before they hand a message over.
//
// The bucket holds `burst` tokens (1 by default: segments are paced evenly, 1/rate apart, which is
// what SMSCs that count "per second" accept without ESME_RTHROTTLED). take(n) for more tokens than
// the bucket holds waits until it is full and then goes into debt, so a 3-part message is let
// through whole and the next caller waits the longer: over time the rate is never exceeded.
// Callers are served in the order they asked.
import { setTimeout as delay } from 'node:timers/promises';

export interface ThroughputLimit {
  /** Resolves when `segments` may be sent now. */
  take(segments: number): Promise<void>;
}

export interface ThroughputLimitOptions {
  /** Tokens the bucket holds (segments that may go at once after a pause); default 1. */
  burst?: number;
  /** Clock in milliseconds; monotonic by default. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createThroughputLimit(segmentsPerSecond: number, options: ThroughputLimitOptions = {}): ThroughputLimit {
  if (!Number.isFinite(segmentsPerSecond) || segmentsPerSecond <= 0) {
    throw new Error(`createThroughputLimit: segmentsPerSecond must be a number > 0, got ${segmentsPerSecond}`);
  }
  const capacity = options.burst ?? 1;
  if (!Number.isFinite(capacity) || capacity < 1) throw new Error(`createThroughputLimit: burst must be >= 1, got ${capacity}`);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const perMs = segmentsPerSecond / 1000;
  let tokens = capacity;
  let last = now();
  let queue: Promise<void> = Promise.resolve();

  function refill(): void {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - last) * perMs);
    last = t;
  }

  async function wait(segments: number): Promise<void> {
    const needed = Math.min(segments, capacity);
    for (;;) {
      refill();
      if (tokens >= needed) {
        tokens -= segments;
        return;
      }
      // Rounded up so the bucket is full enough when the timer fires; the loop checks again anyway.
      await sleep(Math.ceil((needed - tokens) / perMs));
    }
  }

  return {
    take(segments) {
      if (!Number.isInteger(segments) || segments < 0)
        return Promise.reject(new Error(`take: segments must be a whole number >= 0, got ${segments}`));
      if (segments === 0) return Promise.resolve();
      const turn = queue.then(() => wait(segments));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
