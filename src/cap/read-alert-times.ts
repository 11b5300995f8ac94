// The times Siaga acts on for a CAP document from outside (BMKG's nowcast, another agency's
// feed), when its own times contradict each other or the clock. The document is never rewritten:
// these readings decide only the message's place in its group and when delivery stops.
//
// Two failures must both be avoided: a real warning silenced by one wrong time, and an old
// message that arrives again (a replayed feed, a restored archive, an aggregator re-publishing)
// sent to residents as if it were new. What tells them apart is the one time that is usually
// right: `sent` against Siaga's clock. A warning sent minutes ago is current whatever its expiry
// says; a message sent long ago is old whatever its other times say.
//
//   sent in the future (beyond the clock allowance): the message cannot have been sent after it
//     reached Siaga, so for ordering in its group it counts as sent on arrival. Taken as written,
//     a message dated next year would outrank every later Update and Cancel of its warning, and
//     the Cancel would never reach anyone. Its expiry is kept: a future expiry never silences.
//   expiry at or before the time the info takes effect (sent, or its own effective): never in
//     force by its own times, so one of them is wrong. An expiry still ahead of the clock is kept
//     (the wrong one may be the send time). Otherwise it is read as the send time (as used) plus
//     6 h, the lifetime Siaga gives its own BMKG-derived warnings: a message sent an hour ago
//     stands for 5 more hours; one sent yesterday is over anyway and is not re-sent.
//   already expired on arrival though sent within the last hour (and expiring after it was sent):
//     its whole life fell between sending and Siaga's fetch, which points at a wrong clock or time
//     zone on one side (an expiry written in UTC with a +07:00 offset is 7 h early). It is given
//     its stated life counted from arrival. If it truly was that short, residents hear of a storm
//     that may have just passed: a smaller harm than silence. After an hour it is old: not re-sent.
//   Otherwise the times are taken as written, and an old message stays expired.
// An expiry before onset is not a contradiction: long-fuse warnings (e.g. US NWS watches) expire,
// to be renewed, before the hazard begins.
import type { CapAlert, CapInfo } from './cap-types.ts';
import { CLOCK_SKEW_MS, type TimeAlarm } from './time-alarm.ts';
import { isoUtcSeconds } from '../time/iso-utc.ts';

/** The lifetime an expiry that contradicts its own message is replaced with (see the file comment). */
export const CONTRADICTED_EXPIRY_LIFETIME_MS = 6 * 3_600_000;
/** How long after sending a message still counts as current when it arrives already expired. */
export const RECENT_SENT_MS = 3_600_000;

export interface AlertTimes {
  /** The send time that orders the message in its group, when it is not the document's (ISO); null otherwise. */
  sentUsed: string | null;
  /** The latest info expiry as delivery uses it (ISO), null when no info gives one. */
  expires: string | null;
  alarms: TimeAlarm[];
}

/** The times to act on for a validated message (its `sent` is readable), at Siaga's clock `nowMs`. */
export function readAlertTimes(alert: CapAlert, nowMs: number): AlertTimes {
  const alarms: TimeAlarm[] = [];
  const sent = alert.sent.epochMs ?? nowMs;
  const sentUsed = sent > nowMs + CLOCK_SKEW_MS ? nowMs : sent;
  if (sentUsed !== sent) {
    alarms.push({
      path: 'alert/sent',
      kind: 'sent-in-future',
      message: `sent ${alert.sent.raw} is ${hours(sent - nowMs)} ahead of Siaga's clock (${isoUtcSeconds(nowMs)}); the message counts as sent on arrival, ${isoUtcSeconds(nowMs)}, so that later Updates and Cancels of its warning still take its place.`,
    });
  }
  const expiries = alert.infos.flatMap((info) => {
    const read = readInfoExpiry(info, alert.sent.raw, sent, sentUsed, nowMs);
    if (read.alarm) alarms.push(read.alarm);
    return read.expiresMs === undefined ? [] : [read.expiresMs];
  });
  return {
    sentUsed: sentUsed === sent ? null : new Date(sentUsed).toISOString(),
    expires: expiries.length > 0 ? new Date(Math.max(...expiries)).toISOString() : null,
    alarms,
  };
}

function readInfoExpiry(
  info: CapInfo,
  sentRaw: string,
  sent: number,
  sentUsed: number,
  now: number,
): { expiresMs?: number; alarm?: TimeAlarm } {
  const expires = info.expires?.epochMs;
  if (expires === null || expires === undefined) return {};
  const path = `${info.path}/expires`;
  const effective = info.effective?.epochMs ?? undefined;
  const start = Math.max(sent, effective ?? sent);
  const startText = effective !== undefined && effective > sent ? `effective ${info.effective?.raw}` : `sent ${sentRaw}`;
  if (expires <= start) {
    if (expires > now) {
      return {
        expiresMs: expires,
        alarm: {
          path,
          kind: 'expires-before-start',
          message: `expires ${info.expires?.raw} is not after ${startText}; the expiry is still ahead of Siaga's clock and is kept.`,
        },
      };
    }
    const used = sentUsed + CONTRADICTED_EXPIRY_LIFETIME_MS;
    const verdict = used > now ? 'the warning stands until then' : 'that too has passed, so the message is old and is not sent again';
    return {
      expiresMs: used,
      alarm: {
        path,
        kind: 'expires-before-start',
        message: `expires ${info.expires?.raw} is not after ${startText}, so by its own times it was never in force; read as sent + 6 h, ${isoUtcSeconds(used)}: ${verdict}.`,
      },
    };
  }
  if (expires <= now && now - sentUsed <= RECENT_SENT_MS) {
    const used = now + (expires - start);
    return {
      expiresMs: used,
      alarm: {
        path,
        kind: 'expired-on-arrival',
        message: `expires ${info.expires?.raw} had passed when the message arrived (${isoUtcSeconds(now)}), ${minutes(now - sentUsed)} after it was sent; given its stated ${minutes(expires - start)} from arrival, until ${isoUtcSeconds(used)}.`,
      },
    };
  }
  return { expiresMs: expires };
}

function hours(ms: number): string {
  return ms >= 48 * 3_600_000 ? `${Math.round(ms / 86_400_000)} days` : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : minutes(ms);
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}
