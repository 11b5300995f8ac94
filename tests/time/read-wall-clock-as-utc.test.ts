// Zone-less wall clocks read as UTC: each reader takes its feeds' shape, refuses others and unreal instants.
import { describe, expect, it } from 'vitest';
import { readWallClockAsUtc, readWallClockWithFractionAsUtc } from '../../src/time/read-wall-clock-as-utc.ts';

describe('readWallClockAsUtc (forecast times)', () => {
  it.each([
    ['2026-09-23 07:00:00', '2026-09-23T07:00:00.000Z'],
    ['2026-09-23T07:00', '2026-09-23T07:00:00.000Z'],
    [' 2026-12-31 23:59:59 ', '2026-12-31T23:59:59.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(readWallClockAsUtc(text)).toBe(Date.parse(iso));
  });

  it.each(['2026-02-30 10:00', '2026-09-23 24:00', '2026-09-23 10:00:60', '2026/09/23 10:00', '2026-09-23 10:00:00.5', '2026-09-23', ''])(
    'refuses "%s"',
    (text) => {
      expect(readWallClockAsUtc(text)).toBeUndefined();
    },
  );

  it('reads nothing from nothing', () => {
    expect(readWallClockAsUtc(undefined)).toBeUndefined();
  });
});

describe('readWallClockWithFractionAsUtc (seismic-system origin times)', () => {
  it('reads them down to the millisecond', () => {
    expect(readWallClockWithFractionAsUtc('2026/09/26  08:10:21.751')).toBe(Date.parse('2026-09-26T08:10:21.751Z'));
    expect(readWallClockWithFractionAsUtc('2024-10-01 11:16:08.874267')).toBe(Date.parse('2024-10-01T11:16:08.874Z'));
    expect(readWallClockWithFractionAsUtc('2024-10-01T11:16:08')).toBe(Date.parse('2024-10-01T11:16:08Z'));
  });

  it.each(['2024-02-30 11:16:08', '2024-10-01 11:16', '2024-10-01 11:16:60', '2024-10-01 24:00:00'])('refuses "%s"', (text) => {
    expect(readWallClockWithFractionAsUtc(text)).toBeUndefined();
  });
});
