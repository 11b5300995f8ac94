// CAP date-times (sent, effective, onset, expires, and the time inside each reference). CAP 1.2
// narrows xs:dateTime to `YYYY-MM-DDThh:mm:ss±hh:mm`: the offset is mandatory because a warning
// that says "until 17:00" without a zone is ambiguous across Indonesia's three time zones.
import type { CapVersion } from './cap-types.ts';

export interface DateTimeReading {
  epochMs: number | null;
  errors: string[];
  warnings: string[];
}

const FORM = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const EXAMPLE = 'e.g. 2026-09-24T15:07:00+08:00';

/** Reads `raw` as a CAP date-time of the given version; `label` names it in messages (e.g. `sent`). */
export function readCapDateTime(label: string, raw: string, version: CapVersion): DateTimeReading {
  const errors: string[] = [];
  const warnings: string[] = [];
  const text = raw.trim(); // xs:dateTime collapses surrounding whitespace, so it is not an error.
  const m = FORM.exec(text);
  if (!m) {
    const why = text === '' ? 'is empty' : `"${raw}" is not a date-time in CAP form`;
    return { epochMs: null, errors: [`${label} ${why}; expected YYYY-MM-DDThh:mm:ss with a UTC offset, ${EXAMPLE}.`], warnings };
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);

  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    errors.push(`${label} "${text}" is not a real calendar date.`);
  if (hour > 23 || minute > 59 || second > 59) errors.push(`${label} "${text}" is not a real time of day.`);
  if (fraction !== undefined) {
    const message = `${label} "${text}" has fractional seconds; CAP ${version === '1.2' ? '1.2 does not allow them' : 'expects whole seconds'} (${EXAMPLE}).`;
    (version === '1.2' ? errors : warnings).push(message);
  }

  let offsetMinutes: number | null = null;
  if (zone === undefined) {
    errors.push(
      `${label} "${text}" has no UTC offset, so the moment it names is unknown; expected an offset such as +07:00 (WIB) or -00:00 for UTC.`,
    );
  } else if (zone === 'Z') {
    errors.push(`${label} "${text}" uses "Z" for UTC; CAP forbids letter time-zone designators and expects "-00:00".`);
  } else {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (om > 59 || oh * 60 + om > 14 * 60)
      errors.push(`${label} "${text}" has the UTC offset ${zone}, outside the possible range -14:00 to +14:00.`);
    else offsetMinutes = sign * (oh * 60 + om);
    // CAP 1.2 text: "The timezone for UTC MUST be represented as -00:00". The schema accepts
    // +00:00 and several peers assert files using it are valid, so it is only reported.
    if (zone === '+00:00' && version === '1.2')
      warnings.push(`${label} "${text}" writes UTC as +00:00; CAP 1.2 asks for -00:00. Accepted.`);
  }

  if (errors.length > 0 || offsetMinutes === null) return { epochMs: null, errors, warnings };
  const local = Date.UTC(year, month - 1, day, hour, minute, second, fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0);
  // Date.UTC maps years 0..99 to 1900..1999; set the year explicitly to keep it exact.
  const date = new Date(local);
  date.setUTCFullYear(year);
  return { epochMs: date.getTime() - offsetMinutes * 60_000, errors, warnings };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
