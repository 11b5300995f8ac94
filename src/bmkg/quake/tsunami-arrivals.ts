// The expected arrival times of an InaTEWS bulletin's warning zones (wzarea date/time) that a
// tsunami message may show as its onset: after the quake (less the clock allowance) and before the
// message expires. An arrival outside that window contradicts the bulletin's own times; shown to a
// resident it would say the wave came before the quake, or years from now, so it is left out of
// the onset (the warning still goes, from the time it is sent) and reported as an alarm.
import { CLOCK_SKEW_MS, type TimeAlarm } from '../../cap/time-alarm.ts';
import { isoUtcSeconds } from '../../time/iso-utc.ts';
import type { InatewsBulletin } from './quake-types.ts';

export interface ArrivalWindow {
  /** The quake's time as read (epoch ms). */
  eventMs: number;
  /** When the message expires (epoch ms). */
  expiresMs: number;
}

/** True when an expected arrival (epoch ms) can stand as the message's onset. */
export function arrivalFits(ms: number, window: ArrivalWindow): boolean {
  return ms >= window.eventMs - CLOCK_SKEW_MS && ms <= window.expiresMs;
}

/** One alarm per zone whose expected arrival lies outside the window. */
export function arrivalAlarms(bulletin: Pick<InatewsBulletin, 'zones'>, window: ArrivalWindow, at: string): TimeAlarm[] {
  return bulletin.zones.flatMap((zone) => {
    const ms = zone.expectedAt === undefined ? NaN : Date.parse(zone.expectedAt);
    if (!Number.isFinite(ms) || arrivalFits(ms, window)) return [];
    const why =
      ms < window.eventMs
        ? `before the quake (${isoUtcSeconds(window.eventMs)})`
        : `after the message expires (${isoUtcSeconds(window.expiresMs)})`;
    return [
      {
        path: `${at} wzarea ${zone.province} ${zone.district}`,
        kind: 'onset-outside-message' as const,
        message: `the expected arrival ${isoUtcSeconds(ms)} is ${why}; it is not shown as the onset, and the warning stands from its sending.`,
      },
    ];
  });
}
