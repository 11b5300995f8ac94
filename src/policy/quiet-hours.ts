// Quiet hours: a low-urgency advisory (a heavy-rain outlook for tomorrow) should not wake a village
// at 2 a.m.; it waits until the quiet hours end in the household's own time zone (WIB UTC+7,
// WITA UTC+8, WIT UTC+9 — Indonesia has no daylight saving). A message that is Immediate and
// Severe or Extreme never waits, and neither does anything Immediate or Expected that is more than
// Minor: "low urgency" means Future/Past/Unknown urgency, or Minor/Unknown severity.
import { ZONE_OFFSET_HOURS, type IndonesianZone, type ZonedNotBefore } from '../time/indonesian-time-zone.ts';

export interface QuietHours {
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
}

/** Parses `HH:MM-HH:MM` (may wrap midnight, e.g. `21:00-06:00`); empty or `off` is no quiet hours. */
export function parseQuietHours(text: string): QuietHours | undefined | { error: string } {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'off') return undefined;
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(t);
  if (!m) return { error: `"${text}" is not a range like 21:00-06:00` };
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return { error: `"${text}" has an hour or minute out of range` };
  const startMinute = h1 * 60 + m1;
  const endMinute = h2 * 60 + m2;
  if (startMinute === endMinute) return { error: `"${text}" starts and ends at the same time` };
  return { startMinute, endMinute };
}

export function isLowUrgency(urgency: string, severity: string): boolean {
  if (urgency === 'Immediate' && (severity === 'Severe' || severity === 'Extreme')) return false;
  return !['Immediate', 'Expected'].includes(urgency) || ['Minor', 'Unknown'].includes(severity);
}

/** When the message may go in each time zone: null (now) unless it is low-urgency and `now` is inside that zone's quiet hours. */
export function quietHoursNotBefore(now: Date, quiet: QuietHours | undefined, lowUrgency: boolean): ZonedNotBefore {
  const out: ZonedNotBefore = { WIB: null, WITA: null, WIT: null };
  if (!quiet || !lowUrgency) return out;
  for (const [zone, offsetHours] of Object.entries(ZONE_OFFSET_HOURS) as [IndonesianZone, number][]) {
    const local = new Date(now.getTime() + offsetHours * 3_600_000);
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const inside =
      quiet.startMinute < quiet.endMinute
        ? minute >= quiet.startMinute && minute < quiet.endMinute
        : minute >= quiet.startMinute || minute < quiet.endMinute;
    if (!inside) continue;
    const waitMinutes = (quiet.endMinute - minute + 24 * 60) % (24 * 60);
    const end = new Date(now.getTime() + waitMinutes * 60_000);
    end.setUTCSeconds(0, 0);
    out[zone] = end;
  }
  return out;
}
