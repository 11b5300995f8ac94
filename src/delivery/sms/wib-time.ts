// The end time of a warning as residents read it: "s.d. 14.30 WIB" / "until 14:30 WIB", in
// Asia/Jakarta time. WIB is UTC+7 all year (Indonesia has had no daylight saving time since 1964),
// so a fixed offset is exact and needs no time-zone database.
//
// Residents of WITA (UTC+8) and WIT (UTC+9) regions also get WIB times: WarningText does not say
// where a household is. BMKG's own texts name the local zone; SMS follows the brief of one zone.
import type { SmsWords } from './sms-words.ts';

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

interface WibParts {
  day: number;
  month: number;
  hours: string;
  minutes: string;
  dateKey: string;
}

function wibParts(at: Date): WibParts {
  const t = new Date(at.getTime() + WIB_OFFSET_MS);
  return {
    day: t.getUTCDate(),
    month: t.getUTCMonth(),
    hours: String(t.getUTCHours()).padStart(2, '0'),
    minutes: String(t.getUTCMinutes()).padStart(2, '0'),
    dateKey: t.toISOString().slice(0, 10),
  };
}

/**
 * "s.d. 16.27 WIB"; with the date ("s.d. 17 Feb 02.00 WIB") when the warning ends on another WIB
 * day than it starts, so a warning running past midnight is not read as ending in the past.
 */
export function formatWibUntil(expires: Date, onset: Date | undefined, words: SmsWords): string {
  const end = wibParts(expires);
  const time = `${end.hours}${words.timeSeparator}${end.minutes}`;
  const otherDay = onset !== undefined && wibParts(onset).dateKey !== end.dateKey;
  return otherDay ? `${words.until} ${end.day} ${words.months[end.month]} ${time} WIB` : `${words.until} ${time} WIB`;
}
