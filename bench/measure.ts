// Timing helpers. On a shared 2-core machine absolute times are noise, so fast things are measured
// against their baseline in interleaved samples (Siaga, baseline, Siaga, …): a burst of load from
// elsewhere lands on both sides instead of on one.
import type { BenchMode } from './row-types.ts';

export interface Budget {
  warmupMs: number;
  /** Target length of one sample; the number of calls per sample is calibrated to reach it. */
  sampleMs: number;
  minSamples: number;
  /** Stop sampling once this much time has gone, stable or not. */
  maxMs: number;
  /** Stable when the interquartile range of the last `window` samples is within this fraction of their median. */
  tolerance: number;
  window: number;
}

export const BUDGETS: Record<BenchMode, Budget> = {
  quick: { warmupMs: 300, sampleMs: 100, minSamples: 8, maxMs: 5_000, tolerance: 0.05, window: 8 },
  full: { warmupMs: 1_000, sampleMs: 200, minSamples: 20, maxMs: 20_000, tolerance: 0.03, window: 12 },
};

export interface Throughput {
  /** Median calls per second over the samples. */
  perSecond: number;
  samples: number;
  callsPerSample: number;
  /** Interquartile range of the last window of samples ÷ their median. */
  spread: number;
}

export interface Comparison {
  siaga: Throughput;
  baseline: Throughput;
  stable: boolean;
  elapsedMs: number;
}

/** Nanosecond wall clock in seconds, for one run of something slow. */
export async function timeOnce<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

/**
 * Throughput of two synchronous functions, sampled alternately until both are stable (or the
 * budget runs out). Every result is kept in a sink so that no call can be optimised away.
 */
export function compareThroughput(siaga: () => unknown, baseline: () => unknown, budget: Budget): Comparison {
  const started = process.hrtime.bigint();
  warmUp(siaga, budget.warmupMs);
  warmUp(baseline, budget.warmupMs);
  const siagaCalls = calibrate(siaga, budget.sampleMs);
  const baselineCalls = calibrate(baseline, budget.sampleMs);
  const siagaRates: number[] = [];
  const baselineRates: number[] = [];
  let stable = false;
  while (!stable && msSince(started) < budget.maxMs) {
    siagaRates.push(sample(siaga, siagaCalls));
    baselineRates.push(sample(baseline, baselineCalls));
    stable =
      siagaRates.length >= budget.minSamples &&
      spread(siagaRates.slice(-budget.window)) <= budget.tolerance &&
      spread(baselineRates.slice(-budget.window)) <= budget.tolerance;
  }
  if (sink === undefined) throw new Error('benchmarked functions returned nothing');
  return {
    siaga: summarise(siagaRates, siagaCalls, budget.window),
    baseline: summarise(baselineRates, baselineCalls, budget.window),
    stable,
    elapsedMs: msSince(started),
  };
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Three decimals: enough for seconds and spreads in a results file that diffs well. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

let sink: unknown;

function warmUp(fn: () => unknown, ms: number): void {
  const start = process.hrtime.bigint();
  while (msSince(start) < ms) sink = fn();
}

/** Calls per sample so that one sample lasts about `sampleMs` (at least one call). */
function calibrate(fn: () => unknown, sampleMs: number): number {
  let calls = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) sink = fn();
    const ms = msSince(start);
    if (ms >= sampleMs / 4 || calls >= 1 << 24) return Math.max(1, Math.round((calls * sampleMs) / Math.max(ms, 0.001)));
    calls *= 4;
  }
}

function sample(fn: () => unknown, calls: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink = fn();
  return (calls * 1000) / msSince(start);
}

function summarise(rates: number[], callsPerSample: number, window: number): Throughput {
  return { perSecond: median(rates), samples: rates.length, callsPerSample, spread: spread(rates.slice(-window)) };
}

function spread(values: readonly number[]): number {
  const mid = median(values);
  return mid > 0 ? (quantile(values, 0.75) - quantile(values, 0.25)) / mid : Infinity;
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
