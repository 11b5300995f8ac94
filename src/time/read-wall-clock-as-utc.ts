// Zone-less wall-clock text read as if it were UTC, in ms since the epoch. The caller knows the
// zone and applies it: BMKG's forecast gives the zone beside its local times (the caller subtracts
// the offset), and the seismic system's origin times are UTC already. Each reader accepts its own
// feeds' shape and no other, so that a feed that changes its shape is reported, not guessed at.

const MINUTES = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const SECONDS_AND_FRACTION = /^\s*(\d{4})[/-](\d{2})[/-](\d{2})[\sT]+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*$/;

/**
 * "YYYY-MM-DD HH:mm[:ss]" (or with "T"), as the forecast writes `local_datetime`, `utc_datetime`
 * and `analysis_date`. Undefined unless it is a real date and time (no 2026-02-30, no 24:00).
 */
export function readWallClockAsUtc(text: string | undefined): number | undefined {
  const m = text === undefined ? null : MINUTES.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  return realUtcMs(y, mo, d, h, mi, s);
}

/**
 * "YYYY/MM/DD HH:MM:SS[.fff]" or "YYYY-MM-DD HH:MM:SS[.ffffff]", as the seismic system writes its
 * origin times (live30event `waktu` "2026/09/26  08:10:21.751", lastQL / gempaQL `time`
 * "2024-10-01 11:16:08.874267"), kept to the millisecond. Undefined unless a real instant.
 */
export function readWallClockWithFractionAsUtc(text: string | undefined): number | undefined {
  const m = text === undefined ? null : SECONDS_AND_FRACTION.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const wholeSeconds = realUtcMs(y, mo, d, h, mi, s);
  if (wholeSeconds === undefined) return undefined;
  return wholeSeconds + (m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000));
}

/** Date.UTC of the parts, unless it had to roll any of them over to make an instant (31 April, 24:00, :60). */
function realUtcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return real ? ms : undefined;
}
