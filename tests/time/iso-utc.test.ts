// The ISO 8601 UTC shapes: whole seconds, milliseconds when there are any, and the basic format.
import { describe, expect, it } from 'vitest';
import { isoUtcBasicSeconds, isoUtcKeepingMillis, isoUtcSeconds } from '../../src/time/iso-utc.ts';

const whole = Date.parse('2026-09-23T12:16:56Z');
const fraction = Date.parse('2026-09-26T08:10:21.751Z');

describe('ISO UTC text of an instant', () => {
  it('drops milliseconds for whole seconds (truncated, not rounded)', () => {
    expect(isoUtcSeconds(whole)).toBe('2026-09-23T12:16:56Z');
    expect(isoUtcSeconds(fraction)).toBe('2026-09-26T08:10:21Z');
  });

  it('keeps milliseconds only when there are some', () => {
    expect(isoUtcKeepingMillis(whole)).toBe('2026-09-23T12:16:56Z');
    expect(isoUtcKeepingMillis(fraction)).toBe('2026-09-26T08:10:21.751Z');
  });

  it('writes the basic format without punctuation, for identifiers', () => {
    expect(isoUtcBasicSeconds(whole)).toBe('20260923T121656Z');
    expect(isoUtcBasicSeconds(fraction)).toBe('20260926T081021Z');
  });
});
