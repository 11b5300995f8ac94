/**
 * Splits an integer `total` into integer shares proportional to `weights`, by the largest-remainder
 * (Hamilton) method: everyone gets the floor of their exact quota, and the units left over go to
 * the largest fractional remainders. Ties go to the lower index, so the result depends only on the
 * inputs and the shares always sum to exactly `total`.
 *
 * @param weights non-negative finite numbers (any unit; only ratios matter), at least one positive
 * @param total a non-negative integer
 * @returns one non-negative integer per weight, in the same order, summing to `total`
 */
export function allocateByWeight(weights: readonly number[], total: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total must be a non-negative integer, got ${total}`);
  let sum = 0;
  for (const [i, w] of weights.entries()) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`weight ${i} must be a non-negative finite number, got ${w}`);
    sum += w;
  }
  if (!(sum > 0)) throw new RangeError('at least one weight must be positive');

  const shares: number[] = [];
  const remainders: number[] = [];
  let given = 0;
  for (const w of weights) {
    // Multiplying before dividing keeps whole quotas whole (w·total/sum rather than w/sum·total).
    const quota = (w * total) / sum;
    const share = Math.floor(quota);
    shares.push(share);
    remainders.push(quota - share);
    given += share;
  }
  // Zero weights are left out of the hand-out, so they always get exactly zero.
  const order = remainders
    .map((_, i) => i)
    .filter((i) => (weights[i] ?? 0) > 0)
    .sort((i, j) => (remainders[j] ?? 0) - (remainders[i] ?? 0) || i - j);
  // The floors never sum past `total` (each is at most its quota, and the quotas sum to `total`
  // within rounding far below 1), and fewer than `weights.length` units are left over; the modulo
  // only guards against a remainder computed as 1 − ε.
  for (let k = 0; given < total; k++) {
    const i = order[k % order.length] ?? 0;
    shares[i] = (shares[i] ?? 0) + 1;
    given++;
  }
  return shares;
}
