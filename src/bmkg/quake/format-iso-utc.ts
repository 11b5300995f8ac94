/** An instant (ms since the epoch) as ISO 8601 UTC, `2026-09-23T12:16:56Z`; milliseconds only when not zero (`…08:10:21.751Z`). */
export function formatIsoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.000Z$/, 'Z');
}
