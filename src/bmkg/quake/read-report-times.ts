// When a message Siaga derives from a BMKG quake report (a felt-quake message, an InaTEWS tsunami
// bulletin) is sent, from BMKG's two times: the quake's origin and, in InaTEWS, the bulletin's
// `timesent`. Either can be wrong — a `timesent` years before its own quake has been seen — and a
// wrong one must not silence the warning. The safe reading:
//   - the message is sent at the later of the two: a bulletin cannot predate its quake, and the
//     later time keeps the warning in force longest (taking a `timesent` from years back stored a
//     tsunami warning already expired, and nobody was told);
//   - a time ahead of Siaga's clock (beyond the allowance) cannot be right either: the quake has
//     happened and BMKG has reported it. The latest time that is not in the future is used, if
//     the message would still be in force from it; otherwise the clock. Both readings stay fixed
//     for a given bulletin whenever one of its times is plausible, so a replay or a second replica
//     writes the same message;
//   - when both times are plausible and both old, the message is old: sent then, expired now, and
//     nobody is warned again of a quake that is long over.
// Every contradiction is returned as an alarm for the liaison, with the reading used.
import { CLOCK_SKEW_MS, type TimeAlarm } from '../../cap/time-alarm.ts';
import { isoUtcSeconds } from '../../time/iso-utc.ts';

export interface ReportTimesInput {
  /** The quake's origin time, ISO. */
  eventAt: string;
  /** BMKG's send time of the bulletin (`timesent`), ISO, when it gives one. */
  sentAt?: string;
  /** Siaga's clock. */
  now: Date;
  /** How long Siaga's message stays in force after it is sent, ms. */
  lifetimeMs: number;
  /** What the alarms name: the bulletin or quake (`tsunami 20260815T0458Z PD-1`). */
  at: string;
}

export interface ReportTimes {
  /** When Siaga's message is sent (epoch ms). */
  sentMs: number;
  /** The quake's time as used (epoch ms): BMKG's, or the sending time when BMKG's is in the future. */
  eventMs: number;
  alarms: TimeAlarm[];
}

export function readReportTimes(input: ReportTimesInput): ReportTimes {
  const now = input.now.getTime();
  const limit = now + CLOCK_SKEW_MS;
  const event = Date.parse(input.eventAt);
  const sentAt = input.sentAt === undefined ? undefined : Date.parse(input.sentAt);
  if (!Number.isFinite(event)) throw new Error(`readReportTimes: the quake time "${input.eventAt}" of ${input.at} is not an instant`);
  const sent = sentAt !== undefined && Number.isFinite(sentAt) ? sentAt : undefined;
  const eventFuture = event > limit;
  const sentFuture = sent !== undefined && sent > limit;
  const plausible = [event, sent].filter((t): t is number => t !== undefined && t <= limit);
  const latest = plausible.length > 0 ? Math.max(...plausible) : undefined;
  const sentMs = !eventFuture && !sentFuture ? (latest ?? now) : latest !== undefined && latest + input.lifetimeMs > now ? latest : now;
  const eventMs = eventFuture ? sentMs : event;

  const alarms: TimeAlarm[] = [];
  const used = `Siaga's message is sent at ${isoUtcSeconds(sentMs)} and stays in force until ${isoUtcSeconds(sentMs + input.lifetimeMs)}`;
  if (eventFuture) {
    alarms.push({
      path: `${input.at} origin time`,
      kind: 'event-in-future',
      message: `the quake's time ${isoUtcSeconds(event)} is ahead of Siaga's clock (${isoUtcSeconds(now)}); the quake is taken to have happened by ${isoUtcSeconds(eventMs)}. ${used}.`,
    });
  }
  if (sentFuture) {
    alarms.push({
      path: `${input.at} timesent`,
      kind: 'sent-in-future',
      message: `BMKG's send time ${isoUtcSeconds(sent)} is ahead of Siaga's clock (${isoUtcSeconds(now)}). ${used}.`,
    });
  }
  if (sent !== undefined && !eventFuture && !sentFuture && sent < event - CLOCK_SKEW_MS) {
    alarms.push({
      path: `${input.at} timesent`,
      kind: 'sent-before-event',
      message: `BMKG's send time ${isoUtcSeconds(sent)} is before the quake it reports (${isoUtcSeconds(event)}); the quake's time is used. ${used}.`,
    });
  }
  return { sentMs, eventMs, alarms };
}
