// How a message's planning is cut into slices so that its first messages leave within about a
// second whatever its size: a small first slice of the most endangered villages, a larger second,
// then every other household in one pass (which also takes any household in a village that the
// targeting at ingest did not list, so nothing depends on that list being complete).

/** Households in the first slice: planned and queued in well under a second. */
export const FIRST_SLICE_HOUSEHOLDS = 1_000;
/** Households in the second slice. */
export const SECOND_SLICE_HOUSEHOLDS = 10_000;

export interface VillageSize {
  code: string;
  households: number;
}

/**
 * The leading slices (lists of village codes), taken in the order given (most dangerous first);
 * the rest of the message is planned after them in one pass. None for a message small enough to
 * plan in one pass as fast as a first slice.
 */
export function leadingSlices(villagesByDanger: readonly VillageSize[]): string[][] {
  const total = villagesByDanger.reduce((n, v) => n + v.households, 0);
  if (total <= 2 * FIRST_SLICE_HOUSEHOLDS) return [];
  const slices: string[][] = [];
  let at = 0;
  for (const size of [FIRST_SLICE_HOUSEHOLDS, SECOND_SLICE_HOUSEHOLDS]) {
    const slice: string[] = [];
    let households = 0;
    while (at < villagesByDanger.length && households < size) {
      const v = villagesByDanger[at++] as VillageSize;
      slice.push(v.code);
      households += v.households;
    }
    if (slice.length > 0) slices.push(slice);
  }
  return slices;
}
