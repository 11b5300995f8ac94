// When Siaga sends a message derived from a BMKG quake report whose times contradict each other
// or the clock: the later of BMKG's send time and the quake's, never past the clock, never born
// expired by a wrong time; an old report stays old. Then the same reading through quakeToCap and
// tsunamiWarningToCap, with a real InaTEWS bulletin.
import { describe, expect, it } from 'vitest';
import { parseInatewsFeed } from '../../../src/bmkg/quake/parse-inatews-feed.ts';
import { quakeToCap } from '../../../src/bmkg/quake/quake-to-cap.ts';
import type { InatewsBulletin } from '../../../src/bmkg/quake/quake-types.ts';
import { readReportTimes } from '../../../src/bmkg/quake/read-report-times.ts';
import { arrivalAlarms } from '../../../src/bmkg/quake/tsunami-arrivals.ts';
import { tsunamiWarningToCap } from '../../../src/bmkg/quake/tsunami-warning-to-cap.ts';
import { SENDER, fixtureBytes, writtenAndChecked } from './quake-fixtures.ts';

const H = 3_600_000;
const NOW = new Date('2026-12-04T08:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const read = (eventAt: string, sentAt?: string) => readReportTimes({ eventAt, sentAt, now: NOW, lifetimeMs: 6 * H, at: 'tsunami X PD-1' });

describe('readReportTimes', () => {
  it('sends at BMKG send time when it follows the quake, with no alarm', () => {
    expect(read(at(-10 * 60_000), at(-5 * 60_000))).toEqual({
      sentMs: NOW.getTime() - 5 * 60_000,
      eventMs: NOW.getTime() - 10 * 60_000,
      alarms: [],
    });
    expect(read(at(-10 * 60_000))).toEqual({ sentMs: NOW.getTime() - 10 * 60_000, eventMs: NOW.getTime() - 10 * 60_000, alarms: [] });
  });

  it('a timesent years before its quake: sent at the quake, in force for 6 h from it, with an alarm', () => {
    const times = read(at(-10 * 60_000), '2018-07-12T01:50:18Z');
    expect(times.sentMs).toBe(NOW.getTime() - 10 * 60_000);
    expect(times.alarms).toEqual([
      {
        path: 'tsunami X PD-1 timesent',
        kind: 'sent-before-event',
        message: expect.stringMatching(
          /2018-07-12T01:50:18Z is before the quake it reports \(2026-12-04T07:50:00Z\); the quake's time is used\. .* until 2026-12-04T13:50:00Z/,
        ),
      },
    ]);
  });

  it('a quake from the future: the plausible send time when recent, else the clock', () => {
    const future = read(at(2 * 24 * H), at(-2 * 60_000));
    expect(future).toMatchObject({ sentMs: NOW.getTime() - 2 * 60_000, eventMs: NOW.getTime() - 2 * 60_000 });
    expect(future.alarms).toEqual([
      { path: 'tsunami X PD-1 origin time', kind: 'event-in-future', message: expect.stringMatching(/ahead of Siaga's clock/) },
    ]);
    // With nothing plausible and recent (no send time, or one from years back), the clock.
    expect(read(at(2 * 24 * H)).sentMs).toBe(NOW.getTime());
    expect(read(at(2 * 24 * H), '2018-07-12T01:50:18Z').sentMs).toBe(NOW.getTime());
    // Within the clock allowance: a clock, not a contradiction.
    expect(read(at(3 * 60_000), at(4 * 60_000)).alarms).toEqual([]);
  });

  it('a send time in the future: the quake time, with an alarm', () => {
    const times = read(at(-10 * 60_000), at(365 * 24 * H));
    expect(times.sentMs).toBe(NOW.getTime() - 10 * 60_000);
    expect(times.alarms.map((a) => a.kind)).toEqual(['sent-in-future']);
  });

  it('an old report with consistent times stays old: sent then, expired now, no alarm', () => {
    const times = read('2026-08-14T21:58:24Z', '2026-08-15T00:31:30Z');
    expect(times).toEqual({ sentMs: Date.parse('2026-08-15T00:31:30Z'), eventMs: Date.parse('2026-08-14T21:58:24Z'), alarms: [] });
  });
});

// The 2018 InaTEWS test bulletin (PD-1, real format), moved to now, its timesent left in 2018.
const TEMPLATE = parseInatewsFeed(fixtureBytes('inatews-datagempa-tsunami-warning-20180712085018-test.json'), 'datagempa')
  .bulletins[0] as InatewsBulletin;
const shift = NOW.getTime() - 10 * 60_000 - Date.parse(TEMPLATE.event.originTime);
const moved = (iso: string | undefined) => (iso === undefined ? undefined : new Date(Date.parse(iso) + shift).toISOString());
const BULLETIN: InatewsBulletin = {
  ...TEMPLATE,
  event: { ...TEMPLATE.event, originTime: moved(TEMPLATE.event.originTime) as string, test: undefined },
  zones: TEMPLATE.zones.map((z) => ({ ...z, expectedAt: moved(z.expectedAt) })),
};
const ZONES = [{ level: 'AWAS' as const, code: '35.09' }];

describe('tsunamiWarningToCap and quakeToCap with contradictory times', () => {
  it('a tsunami warning sent at the read time is in force for 6 h from it, not born expired', () => {
    const times = readReportTimes({
      eventAt: BULLETIN.event.originTime,
      sentAt: BULLETIN.sentAt,
      now: NOW,
      lifetimeMs: 6 * H,
      at: 'tsunami',
    });
    expect(BULLETIN.sentAt?.slice(0, 4)).toBe('2018');
    const { alert } = writtenAndChecked(
      tsunamiWarningToCap(BULLETIN, ZONES, { sender: SENDER, now: new Date(times.sentMs), eventAt: new Date(times.eventMs) }),
    );
    expect(alert.sent.epochMs).toBe(NOW.getTime() - 10 * 60_000);
    expect(alert.infos[0]?.expires?.epochMs).toBe(NOW.getTime() - 10 * 60_000 + 6 * H);
    expect(alert.infos[0]?.onset?.epochMs).toBeGreaterThan(NOW.getTime() - 10 * 60_000);
  });

  it('leaves an expected arrival before the quake or after the expiry out of the onset, and says so', () => {
    const odd: InatewsBulletin = {
      ...BULLETIN,
      zones: [{ ...BULLETIN.zones[0], level: 'AWAS', province: 'JATIM', district: 'JEMBER', expectedAt: '2019-01-01T00:00:00Z' }],
    };
    const sent = NOW.getTime() - 10 * 60_000;
    const { alert } = writtenAndChecked(tsunamiWarningToCap(odd, ZONES, { sender: SENDER, now: new Date(sent) }));
    expect(alert.infos[0]?.onset).toBeUndefined();
    expect(arrivalAlarms(odd, { eventMs: sent, expiresMs: sent + 6 * H }, 'tsunami X')).toEqual([
      {
        path: 'tsunami X wzarea JATIM JEMBER',
        kind: 'onset-outside-message',
        message: expect.stringMatching(/2019-01-01T00:00:00Z is before the quake/),
      },
    ]);
    expect(arrivalAlarms(BULLETIN, { eventMs: sent, expiresMs: sent + 6 * H }, 'tsunami X')).toEqual([]);
  });

  it('a felt quake from the future: sent at BMKG recent send time, onset not in the future, in force 6 h', () => {
    const event = { ...BULLETIN.event, originTime: at(2 * 24 * H) };
    const times = readReportTimes({ eventAt: event.originTime, sentAt: at(-60_000), now: NOW, lifetimeMs: 6 * H, at: 'quake' });
    const { alert } = writtenAndChecked(quakeToCap(event, { sender: SENDER, now: NOW, times }));
    expect(alert.sent.epochMs).toBe(NOW.getTime() - 60_000);
    expect(alert.infos[0]?.onset?.epochMs).toBe(NOW.getTime() - 60_000);
    expect(alert.infos[0]?.expires?.epochMs).toBe(NOW.getTime() - 60_000 + 6 * H);
  });
});
