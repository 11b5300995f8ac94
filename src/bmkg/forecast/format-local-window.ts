// A time window as residents read it: in the village's own zone (WIB, WITA or WIT), in their
// language. Indonesian writes times with a dot (14.00), English with a colon (14:00).
import type { ForecastLocation } from './forecast-types.ts';

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

/**
 * `24 September 2026 pukul 14.00–20.00 WIB` (id) or `24 September 2026, 14:00–20:00 WIB` (en);
 * both dates are written when the window crosses midnight. Without a known offset the times are
 * given in UTC and say so.
 */
export function formatLocalWindow(
  fromIso: string,
  toIso: string,
  zone: Pick<ForecastLocation, 'utcOffsetMinutes' | 'zone'>,
  language: 'id' | 'en',
): string {
  const offset = zone.utcOffsetMinutes ?? 0;
  const label =
    zone.utcOffsetMinutes === undefined
      ? 'UTC'
      : (zone.zone ?? `UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`);
  const from = new Date(Date.parse(fromIso) + offset * 60_000);
  const to = new Date(Date.parse(toIso) + offset * 60_000);
  const date = (d: Date) => `${d.getUTCDate()} ${MONTHS[language][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const sep = language === 'id' ? '.' : ':';
  const time = (d: Date) => `${pad(d.getUTCHours())}${sep}${pad(d.getUTCMinutes())}`;
  const sameDay = date(from) === date(to);
  if (language === 'id') {
    return sameDay
      ? `${date(from)} pukul ${time(from)}–${time(to)} ${label}`
      : `${date(from)} pukul ${time(from)} sampai ${date(to)} pukul ${time(to)} ${label}`;
  }
  return sameDay
    ? `${date(from)}, ${time(from)}–${time(to)} ${label}`
    : `${date(from)}, ${time(from)} to ${date(to)}, ${time(to)} ${label}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
