// BMKG writes a village's time zone two ways in one response: `Asia/Jakarta` at the top level and
// `+0700` inside `data[0].lokasi`. Indonesia keeps no daylight saving, so each of its zones is one
// fixed offset and no time-zone database is needed (nor wanted in a pure module).
import type { IndonesianZone } from '../../time/indonesian-time-zone.ts';

const IANA: Readonly<Record<string, number>> = {
  'Asia/Jakarta': 420,
  // West and Central Kalimantan keep WIB under their own IANA name.
  'Asia/Pontianak': 420,
  'Asia/Makassar': 480,
  'Asia/Ujung_Pandang': 480,
  'Asia/Jayapura': 540,
};

const ZONES: Readonly<Record<number, IndonesianZone>> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' };

/** Offset in minutes east of UTC, and WIB/WITA/WIT, from an Indonesian IANA name or a `+0700` / `+07:00` offset; undefined when unreadable. */
export function readIndonesianTimeZone(text: string): { utcOffsetMinutes: number; zone?: IndonesianZone } | undefined {
  const trimmed = text.trim();
  let minutes = IANA[trimmed];
  if (minutes === undefined) {
    const m = /^(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})$/.exec(trimmed);
    if (!m) return undefined;
    const [, sign, hh, mm] = m;
    minutes = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
    if (Number(mm) > 59 || Math.abs(minutes) > 14 * 60) return undefined;
  }
  const zone = ZONES[minutes];
  return zone ? { utcOffsetMinutes: minutes, zone } : { utcOffsetMinutes: minutes };
}
