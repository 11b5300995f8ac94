// Quiet hours per Indonesian time zone, and which messages may wait.
import { describe, expect, it } from 'vitest';
import { isLowUrgency, parseQuietHours, quietHoursNotBefore, type QuietHours } from '../../src/policy/quiet-hours.ts';

const NIGHT = parseQuietHours('21:00-06:00') as QuietHours;

describe('quiet hours', () => {
  it('parses ranges, off, and says what is wrong with a bad one', () => {
    expect(NIGHT).toEqual({ startMinute: 21 * 60, endMinute: 6 * 60 });
    expect(parseQuietHours('off')).toBeUndefined();
    expect(parseQuietHours('')).toBeUndefined();
    expect(parseQuietHours('9pm-6am')).toEqual({ error: expect.stringMatching(/not a range like 21:00-06:00/) });
    expect(parseQuietHours('25:00-06:00')).toEqual({ error: expect.stringMatching(/out of range/) });
    expect(parseQuietHours('06:00-06:00')).toEqual({ error: expect.stringMatching(/same time/) });
  });

  it('never holds Immediate Severe/Extreme; holds Future, Past, Unknown urgency and Minor severity', () => {
    expect(isLowUrgency('Immediate', 'Extreme')).toBe(false);
    expect(isLowUrgency('Immediate', 'Severe')).toBe(false);
    expect(isLowUrgency('Expected', 'Moderate')).toBe(false);
    expect(isLowUrgency('Immediate', 'Minor')).toBe(true);
    expect(isLowUrgency('Future', 'Severe')).toBe(true);
    expect(isLowUrgency('Unknown', 'Moderate')).toBe(true);
  });

  it('waits until 06:00 local in each zone that is inside its quiet hours (WIB +7, WITA +8, WIT +9)', () => {
    // 14:30 UTC = 21:30 WIB, 22:30 WITA, 23:30 WIT: all three are quiet.
    const late = quietHoursNotBefore(new Date('2026-11-28T14:30:00Z'), NIGHT, true);
    expect(late.WIB?.toISOString()).toBe('2026-11-28T23:00:00.000Z');
    expect(late.WITA?.toISOString()).toBe('2026-11-28T22:00:00.000Z');
    expect(late.WIT?.toISOString()).toBe('2026-11-28T21:00:00.000Z');
    // 13:30 UTC = 20:30 WIB (not yet), 21:30 WITA, 22:30 WIT.
    const edge = quietHoursNotBefore(new Date('2026-11-28T13:30:00Z'), NIGHT, true);
    expect(edge.WIB).toBeNull();
    expect(edge.WITA?.toISOString()).toBe('2026-11-28T22:00:00.000Z');
    // 22:00 UTC = 05:00 WIB (quiet), 06:00 WITA (not), 07:00 WIT (not).
    const dawn = quietHoursNotBefore(new Date('2026-11-28T22:00:00Z'), NIGHT, true);
    expect(dawn).toEqual({ WIB: new Date('2026-11-28T23:00:00Z'), WITA: null, WIT: null });
    expect(quietHoursNotBefore(new Date('2026-11-28T14:30:00Z'), NIGHT, false)).toEqual({ WIB: null, WITA: null, WIT: null });
    expect(quietHoursNotBefore(new Date('2026-11-28T14:30:00Z'), undefined, true)).toEqual({ WIB: null, WITA: null, WIT: null });
  });

  it('handles a daytime range that does not wrap midnight', () => {
    const siesta = parseQuietHours('12:00-13:30') as QuietHours;
    const r = quietHoursNotBefore(new Date('2026-11-28T05:15:00Z'), siesta, true); // 12:15 WIB
    expect(r.WIB?.toISOString()).toBe('2026-11-28T06:30:00.000Z');
    expect(r.WITA?.toISOString()).toBe('2026-11-28T05:30:00.000Z'); // 13:15 WITA → 13:30
    expect(r.WIT).toBeNull(); // 14:15 WIT
  });
});
