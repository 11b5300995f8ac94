// The end time of a warning as residents read it, in their own time zone: "s.d. 14.30 WIB" /
// "until 15:30 WITA". Indonesia has had no daylight saving time since 1964, so the zone's fixed
// offset is exact and needs no time-zone database.
import { ZONE_OFFSET_HOURS, type IndonesianZone } from '../../time/indonesian-time-zone.ts';
import type { SmsWords } from './sms-words.ts';

interface LocalParts {
  day: number;
  month: number;
  hours: string;
  minutes: string;
  dateKey: string;
}

function localParts(at: Date, zone: IndonesianZone): LocalParts {
  const t = new Date(at.getTime() + ZONE_OFFSET_HOURS[zone] * 3_600_000);
  return {
    day: t.getUTCDate(),
    month: t.getUTCMonth(),
    hours: String(t.getUTCHours()).padStart(2, '0'),
    minutes: String(t.getUTCMinutes()).padStart(2, '0'),
    dateKey: t.toISOString().slice(0, 10),
  };
}

/**
 * "s.d. 16.27 WIB"; with the date ("s.d. 17 Feb 02.00 WITA") when the warning ends on another
 * local day than it starts, so a warning running past midnight is not read as ending in the past.
 */
export function formatLocalUntil(expires: Date, onset: Date | undefined, words: SmsWords, zone: IndonesianZone = 'WIB'): string {
  const end = localParts(expires, zone);
  const time = `${end.hours}${words.timeSeparator}${end.minutes}`;
  const otherDay = onset !== undefined && localParts(onset, zone).dateKey !== end.dateKey;
  return otherDay ? `${words.until} ${end.day} ${words.months[end.month]} ${time} ${zone}` : `${words.until} ${time} ${zone}`;
}
