/**
 * A small deterministic pseudo-random number generator for synthetic data: sfc32 (Chris Doty-Humphrey's
 * "small fast counting" generator, 128-bit state, passes PractRand) seeded from a cyrb128 hash of
 * `seed`. Never use it for anything secret.
 *
 * Only 32-bit integer arithmetic is used, so a seed gives the same sequence on every platform and
 * Node version, which is what makes generated files byte-identical across machines.
 *
 * @param seed any string; equal strings give equal sequences
 * @returns a function returning uniform numbers in [0, 1) with 32-bit resolution (steps of 2⁻³²)
 */
export function createSeededRandom(seed: string): () => number {
  // cyrb128: spreads every character of the seed over all four 32-bit state words.
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;

  // State in a typed array, not in closure variables: 32-bit values outside the small-integer range
  // would be boxed on every update, and that garbage dominated the generator's run time.
  const state = Int32Array.of(h1, h2, h3, h4);
  const next = (): number => {
    const a = state[0] ?? 0;
    const b = state[1] ?? 0;
    const c = state[2] ?? 0;
    const d = state[3] ?? 0;
    const nextD = (d + 1) | 0;
    const t = (((a + b) | 0) + nextD) | 0;
    // Int32Array stores wrap to 32 bits, as the reference's `| 0` does.
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    state[3] = nextD;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still show the seed's structure; the reference implementation
  // discards a dozen or so before use.
  for (let i = 0; i < 15; i++) next();
  return next;
}
