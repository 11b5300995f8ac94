// BMKG writes a local date and a zoned time apart, in several shapes across feeds and years:
//   autogempa (2021 on)   Tanggal "23 Sep 2026", "22 Agu 2022"      Jam "19:16:56 WIB"
//   autogempa (legacy)    Tanggal "23-Jun-20"                       Jam "14:43:29 WIB"
//   InaTEWS info          date "15-08-26" (dd-mm-yy)                time "04:58:24 WIB"
//   InaTEWS wzarea        date "15-08-2026"                         time "05:02:23 WIB", obsarea "05:41 WIB"
//   InaTEWS timesent      "15/08/2026 07:31:30WIB" (no space before the zone)
// Months are Indonesian abbreviations (Mei, Agu/Agt, Okt, Des) or English ones; two-digit years
// are 20yy. Indonesia keeps no daylight saving: WIB, WITA and WIT are UTC+7, +8 and +9 all year.
import { ZONE_OFFSET_HOURS } from '../../time/indonesian-time-zone.ts';

const ZONES: Readonly<Record<string, number>> = { ...ZONE_OFFSET_HOURS, UTC: 0, GMT: 0 };

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  peb: 2,
  mar: 3,
  apr: 4,
  mei: 5,
  may: 5,
  jun: 6,
  jul: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  sep: 9,
  okt: 10,
  oct: 10,
  nov: 11,
  nop: 11,
  des: 12,
  dec: 12,
};

export type DateTimeReading = { ok: true; epochMs: number; zone: string } | { ok: false; problem: string };

/**
 * The instant of a BMKG local `date` and zoned `time` (e.g. "23 Sep 2026", "19:16:56 WIB"), in ms
 * since the epoch; a plain-language problem when either cannot be read or is not a real date/time.
 */
export function parseIndonesianDateTime(date: string, time: string): DateTimeReading {
  const day = readDate(date.trim());
  if (typeof day === 'string') return { ok: false, problem: day };
  const clock = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,6}))?)?\s*([A-Za-z]+)?$/.exec(time.trim());
  if (!clock) return { ok: false, problem: `The time "${time}" is not of the form HH:MM[:SS] followed by WIB, WITA or WIT.` };
  const [, hh, mi, ss, fraction, zoneText] = clock;
  const zone = zoneText?.toUpperCase();
  const offsetH = zone === undefined ? undefined : ZONES[zone];
  if (offsetH === undefined)
    return { ok: false, problem: `The time "${time}" names no Indonesian time zone (WIB, WITA or WIT), so its instant is unknown.` };
  const [h, m, s] = [Number(hh), Number(mi), Number(ss ?? 0)];
  if (h > 23 || m > 59 || s > 59) return { ok: false, problem: `The time "${time}" is not a real time of day.` };
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const epochMs = Date.UTC(day.y, day.mo - 1, day.d, h - offsetH, m, s, ms);
  return { ok: true, epochMs, zone: zone ?? '' };
}

function readDate(text: string): { y: number; mo: number; d: number } | string {
  let y: number;
  let mo: number | undefined;
  let d: number;
  const named = /^(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{2}|\d{4})$/.exec(text);
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (named) {
    d = Number(named[1]);
    mo = MONTHS[(named[2] ?? '').slice(0, 3).toLowerCase()];
    y = year(named[3] ?? '');
    if (mo === undefined) return `The date "${text}" has a month "${named[2]}" that is neither an Indonesian nor an English month name.`;
  } else if (numeric) {
    d = Number(numeric[1]);
    mo = Number(numeric[2]);
    y = year(numeric[3] ?? '');
  } else if (iso) {
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
  } else {
    return `The date "${text}" is not in a form BMKG uses ("23 Sep 2026", "23-Jun-20", "15-08-26", "15/08/2026").`;
  }
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return `The date "${text}" is not a real calendar date.`;
  return { y, mo, d };
}

/** Two-digit years are this century's: BMKG's feeds start in the 2000s. */
function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}
