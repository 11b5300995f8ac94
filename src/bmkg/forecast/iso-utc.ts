/** An instant (ms since the epoch) as `YYYY-MM-DDTHH:mm:ssZ`, the form forecast times are kept in. */
export function isoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
