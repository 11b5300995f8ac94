import { describe, expect, it } from 'vitest';
import { resolveGroupStanding, type GroupMessage } from '../../src/cap/resolve-group-standing.ts';

const m = (id: number, msgType: string, sentMs: number, expiresMs: number | null = null): GroupMessage => ({
  id,
  msgType,
  sentMs,
  expiresMs,
});

describe('resolveGroupStanding', () => {
  it('the latest sent message stands, whatever the arrival order (ids)', () => {
    expect(resolveGroupStanding([m(2, 'Update', 200, 900), m(1, 'Alert', 100, 500)])).toEqual({
      headId: 2,
      state: 'active',
      endedAtMs: null,
      expiresMs: 900,
    });
  });
  it('a Cancel ends the group at its sent time', () => {
    expect(resolveGroupStanding([m(1, 'Alert', 100, 500), m(2, 'Cancel', 150)])).toEqual({
      headId: 2,
      state: 'cancelled',
      endedAtMs: 150,
      expiresMs: null,
    });
  });
  it('a late original Alert never revives a cancelled group', () => {
    expect(resolveGroupStanding([m(1, 'Cancel', 150), m(2, 'Alert', 100, 500)]).state).toBe('cancelled');
  });
  it('an Update sent after a Cancel stands again', () => {
    expect(resolveGroupStanding([m(1, 'Alert', 100), m(2, 'Cancel', 150), m(3, 'Update', 200, 800)])).toMatchObject({
      headId: 3,
      state: 'active',
    });
  });
  it('Ack and Error never stand while a warning exists; equal sent times go to the later id', () => {
    expect(resolveGroupStanding([m(1, 'Alert', 100), m(2, 'Ack', 300)]).headId).toBe(1);
    expect(resolveGroupStanding([m(1, 'Alert', 100), m(2, 'Update', 100)]).headId).toBe(2);
    expect(resolveGroupStanding([m(5, 'Ack', 300)]).headId).toBe(5);
  });
  it('a message another one references never stands, even with a later (wrong) sent time', () => {
    const year = 365 * 24 * 3_600_000;
    // An Alert dated a year ahead and its Cancel sent now: the Cancel names it, so the Cancel stands.
    expect(resolveGroupStanding([m(1, 'Alert', 100 + year, 500 + year), { ...m(2, 'Cancel', 150), references: [1] }])).toMatchObject({
      headId: 2,
      state: 'cancelled',
    });
    // References in a circle: times decide again.
    expect(
      resolveGroupStanding([
        { ...m(1, 'Update', 100), references: [2] },
        { ...m(2, 'Update', 200), references: [1] },
      ]).headId,
    ).toBe(2);
  });
  it('refuses an empty group', () => {
    expect(() => resolveGroupStanding([])).toThrow(/at least one message/);
  });
});
