// BMKG's local dates and zoned times, in every shape the quake feeds use.
import { describe, expect, it } from 'vitest';
import { parseIndonesianDateTime } from '../../../src/bmkg/quake/parse-indonesian-date-time.ts';
import { readHemisphereDegrees } from '../../../src/bmkg/quake/read-hemisphere-degrees.ts';
import { readJoinedDateTime } from '../../../src/bmkg/quake/read-joined-date-time.ts';

const iso = (date: string, time: string) => {
  const r = parseIndonesianDateTime(date, time);
  return r.ok ? new Date(r.epochMs).toISOString() : r.problem;
};

describe('parseIndonesianDateTime', () => {
  it.each([
    ['23 Sep 2026', '19:16:56 WIB', '2026-09-23T12:16:56.000Z'], // autogempa
    ['22 Agu 2022', '19:08:45 WIB', '2022-08-22T12:08:45.000Z'], // autogempa XML, Indonesian month
    ['23-Jun-20', '14:43:29 WIB', '2020-06-23T07:43:29.000Z'], // legacy autogempa
    ['15-08-26', '04:58:24 WIB', '2026-08-14T21:58:24.000Z'], // InaTEWS info: dd-mm-yy
    ['15-08-2026', '05:02:23 WIB', '2026-08-14T22:02:23.000Z'], // InaTEWS wzarea
    ['15-08-2026', '05:41 WIB', '2026-08-14T22:41:00.000Z'], // obsarea: no seconds
    ['26/09/2026', '02:44:29WIB', '2026-09-25T19:44:29.000Z'], // timesent: no space before the zone
    ['1 Agt 2025', '07:00:00 WITA', '2025-07-31T23:00:00.000Z'],
    ['1 Agustus 2025', '07:00:00 WIT', '2025-07-31T22:00:00.000Z'],
    ['09 Okt 2025', '19.30.00 WIB', '2025-10-09T12:30:00.000Z'],
    ['31 Des 2025', '06:59:59 WIB', '2025-12-30T23:59:59.000Z'],
    ['5 Mei 2025', '00:00:00 UTC', '2025-05-05T00:00:00.000Z'],
  ])('%s %s → %s', (date, time, expected) => {
    expect(iso(date, time)).toBe(expected);
  });

  it('explains what is wrong instead of guessing', () => {
    expect(iso('30 Feb 2026', '10:00:00 WIB')).toMatch(/not a real calendar date/);
    expect(iso('23 Foo 2026', '10:00:00 WIB')).toMatch(/neither an Indonesian nor an English month/);
    expect(iso('kemarin', '10:00:00 WIB')).toMatch(/not in a form BMKG uses/);
    expect(iso('23 Sep 2026', '10:00:00')).toMatch(/names no Indonesian time zone/);
    expect(iso('23 Sep 2026', '10:00:00 CET')).toMatch(/names no Indonesian time zone/);
    expect(iso('23 Sep 2026', '24:00:00 WIB')).toMatch(/not a real time of day/);
  });
});

describe('the other time and place readers', () => {
  it('reads InaTEWS joined times ("timesent", "sent")', () => {
    expect(readJoinedDateTime('15/08/2026 07:31:30WIB')).toBe(Date.parse('2026-08-15T00:31:30Z'));
    expect(readJoinedDateTime('2026-08-15T07:31:30WIB')).toBe(Date.parse('2026-08-15T00:31:30Z'));
    expect(readJoinedDateTime('soon')).toBeUndefined();
  });

  it('reads lettered degrees: LS/LU for latitude, BT/BB for longitude', () => {
    expect(readHemisphereDegrees('8.51 LS')).toEqual({ axis: 'lat', degrees: -8.51 });
    expect(readHemisphereDegrees('4.74 LU')).toEqual({ axis: 'lat', degrees: 4.74 });
    expect(readHemisphereDegrees('123.27 BT')).toEqual({ axis: 'lon', degrees: 123.27 });
    expect(readHemisphereDegrees('0,03 lu')).toEqual({ axis: 'lat', degrees: 0.03 });
    expect(readHemisphereDegrees('8.51')).toBeUndefined();
  });
});
