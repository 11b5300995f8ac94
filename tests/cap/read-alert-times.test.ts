// The times Siaga acts on for CAP documents from outside, when their own times contradict each
// other or the clock: a current warning is never silenced by a wrong time, an old one is never
// revived, and every contradiction is an alarm that names the reading used.
import { describe, expect, it } from 'vitest';
import type { CapAlert } from '../../src/cap/cap-types.ts';
import { checkCap } from '../../src/cap/check-cap.ts';
import { readAlertTimes } from '../../src/cap/read-alert-times.ts';
import { boxRing, buildCap, type TestInfo } from '../support/cap-builder.ts';

const NOW = Date.parse('2026-11-28T03:00:00Z'); // 10:00 WIB
const H = 3_600_000;
const AREA = { polygons: [boxRing(98.7, 3.5, 98.8, 3.58)] };
/** An instant `ms` as CAP writes it in WIB. */
const wib = (ms: number) => new Date(ms + 7 * H).toISOString().replace(/\.\d{3}Z$/, '+07:00');

function alertOf(sentMs: number, infos: Omit<TestInfo, 'areas'>[], extra = ''): CapAlert {
  let xml = buildCap({ identifier: 'T', sent: wib(sentMs), infos: infos.map((i) => ({ ...i, areas: [AREA] })) });
  if (extra) xml = xml.replace('<expires>', `${extra}<expires>`);
  const check = checkCap(xml);
  if (!check.alert) throw new Error(JSON.stringify(check.errors));
  return check.alert;
}

describe('readAlertTimes', () => {
  it('takes consistent times as written, and an old message stays expired without an alarm', () => {
    expect(readAlertTimes(alertOf(NOW - 10 * 60_000, [{ expires: wib(NOW + 2 * H) }]), NOW)).toEqual({
      sentUsed: null,
      expires: new Date(NOW + 2 * H).toISOString(),
      alarms: [],
    });
    // Sent three days ago, expired three days ago: a replay of something over. Not revived.
    const old = readAlertTimes(alertOf(NOW - 72 * H, [{ expires: wib(NOW - 69 * H) }]), NOW);
    expect(old).toEqual({ sentUsed: null, expires: new Date(NOW - 69 * H).toISOString(), alarms: [] });
    // No expiry at all (CAP allows it): nothing to read.
    const open = alertOf(NOW, [{}]);
    expect(readAlertTimes({ ...open, infos: open.infos.map(({ expires: _, ...info }) => info) }, NOW)).toEqual({
      sentUsed: null,
      expires: null,
      alarms: [],
    });
  });

  it('reads an expiry before the send time of a message sent minutes ago as sent + 6 h, with an alarm', () => {
    // Expiry written 7 h early (a UTC wall-clock with +07:00): before the message was sent.
    const times = readAlertTimes(alertOf(NOW - 5 * 60_000, [{ expires: wib(NOW - 5 * 60_000 - 5 * H) }]), NOW);
    expect(times.expires).toBe(new Date(NOW - 5 * 60_000 + 6 * H).toISOString());
    expect(times.alarms).toEqual([
      {
        path: 'alert/info[0]/expires',
        kind: 'expires-before-start',
        message: expect.stringMatching(/never in force; read as sent \+ 6 h, 2026-11-28T08:55:00Z: the warning stands until then/),
      },
    ]);
  });

  it('does not revive an old message whose expiry is before its send time: the alarm says it is old', () => {
    const times = readAlertTimes(alertOf(NOW - 48 * H, [{ expires: wib(NOW - 50 * H) }]), NOW);
    expect(Date.parse(times.expires ?? '')).toBeLessThan(NOW);
    expect(times.alarms[0]).toMatchObject({
      kind: 'expires-before-start',
      message: expect.stringMatching(/that too has passed, so the message is old and is not sent again/),
    });
  });

  it('keeps an expiry before an effective time when the expiry is still ahead of the clock', () => {
    const times = readAlertTimes(
      alertOf(NOW - 60_000, [{ expires: wib(NOW + 2 * H) }], `<effective>${wib(NOW + 3 * H)}</effective>\n    `),
      NOW,
    );
    expect(times.expires).toBe(new Date(NOW + 2 * H).toISOString());
    expect(times.alarms).toEqual([
      {
        path: 'alert/info[0]/expires',
        kind: 'expires-before-start',
        message: expect.stringMatching(/is not after effective .* still ahead of Siaga's clock and is kept/),
      },
    ]);
  });

  it('gives a message that expired in transit, though sent within the hour, its stated life from arrival', () => {
    // Sent 40 min ago for 30 min: its whole life fell before Siaga saw it.
    const times = readAlertTimes(alertOf(NOW - 40 * 60_000, [{ expires: wib(NOW - 10 * 60_000) }]), NOW);
    expect(times.expires).toBe(new Date(NOW + 30 * 60_000).toISOString());
    expect(times.alarms[0]).toMatchObject({
      kind: 'expired-on-arrival',
      message: expect.stringMatching(/40 min after it was sent; given its stated 30 min from arrival/),
    });
    // Two hours after sending it is simply over.
    expect(readAlertTimes(alertOf(NOW - 2 * H, [{ expires: wib(NOW - H) }]), NOW)).toMatchObject({
      expires: new Date(NOW - H).toISOString(),
      alarms: [],
    });
  });

  it('counts a message sent in the future as sent on arrival, and keeps its expiry', () => {
    const times = readAlertTimes(alertOf(NOW + 365 * 24 * H, [{ expires: wib(NOW + 365 * 24 * H + 3 * H) }]), NOW);
    expect(times.sentUsed).toBe(new Date(NOW).toISOString());
    expect(times.expires).toBe(new Date(NOW + 365 * 24 * H + 3 * H).toISOString());
    expect(times.alarms).toEqual([
      { path: 'alert/sent', kind: 'sent-in-future', message: expect.stringMatching(/365 days ahead of Siaga's clock/) },
    ]);
    // Within the clock allowance it is a clock, not a contradiction.
    expect(readAlertTimes(alertOf(NOW + 4 * 60_000, [{ expires: wib(NOW + 2 * H) }]), NOW).alarms).toEqual([]);
  });

  it('reads every info and reports the latest expiry used', () => {
    const times = readAlertTimes(
      alertOf(NOW - 5 * 60_000, [
        { language: 'id', expires: wib(NOW - 3 * H) },
        { language: 'en', expires: wib(NOW + 2 * H) },
      ]),
      NOW,
    );
    expect(times.expires).toBe(new Date(NOW - 5 * 60_000 + 6 * H).toISOString());
    expect(times.alarms.map((a) => a.path)).toEqual(['alert/info[0]/expires']);
  });
});
