// Instants written as ISO 8601 UTC text, in the few shapes Siaga stores and shows. Forecast times
// and alarm texts are whole seconds; quake times keep the milliseconds a seismic solution gives
// (two solutions a fraction of a second apart are different solutions); identifiers want no
// punctuation at all.

/** `2026-09-23T12:16:56Z`: the instant's milliseconds are dropped (truncated, not rounded). */
export function isoUtcSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-09-23T12:16:56Z`, or `2026-09-26T08:10:21.751Z` when the milliseconds are not zero. */
export function isoUtcKeepingMillis(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.000Z$/, 'Z');
}

/** `20260923T121656Z` (ISO 8601 basic format, milliseconds dropped): fits in an identifier. */
export function isoUtcBasicSeconds(epochMs: number): string {
  return isoUtcSeconds(epochMs).replace(/[-:]/g, '');
}
