// InaTEWS writes some instants as one string: `timesent` "15/08/2026 07:31:30WIB" and the alert's
// `sent` "2026-08-15T07:31:30WIB" (CAP-shaped, but with a zone name where CAP needs an offset).
import { parseIndonesianDateTime } from './parse-indonesian-date-time.ts';

/** Epoch ms of a joined BMKG date and zoned time, or undefined when it cannot be read. */
export function readJoinedDateTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\S+?)(?:\s+|T)(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*[A-Za-z]+)\s*$/.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const read = parseIndonesianDateTime(m[1], m[2]);
  return read.ok ? read.epochMs : undefined;
}
