/**
 * The most timestamps found in any half-open window [t, t + windowMs): what a rate limit of
 * "n per window" must keep at or below n. Windows starting at a timestamp are enough to find it.
 */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}
