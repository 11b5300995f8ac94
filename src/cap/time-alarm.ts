// A contradiction between a message's own times, or between them and Siaga's clock. It is an
// alarm for the liaison, not a validation note: a wrong time decides whether anyone is warned, so
// each one says which reading Siaga used instead. Shared by the CAP engine (documents from
// outside) and the BMKG readers (messages Siaga derives from bulletins and forecasts).

export type TimeAlarmKind =
  /** The send time lies before the event the message reports. */
  | 'sent-before-event'
  /** The event's time lies ahead of Siaga's clock (beyond the allowance). */
  | 'event-in-future'
  /** The send (or issue) time lies ahead of Siaga's clock. */
  | 'sent-in-future'
  /** An expiry at or before the time the message takes effect: by its own times it was never in force. */
  | 'expires-before-start'
  /** Sent moments ago, yet already expired when it reached Siaga. */
  | 'expired-on-arrival'
  /** An expected arrival (tsunami) before the quake, or after the message would expire. */
  | 'onset-outside-message';

export interface TimeAlarm {
  /** Where the time is: a CAP path (`alert/info[0]/expires`) or the bulletin and field it came from. */
  path: string;
  kind: TimeAlarmKind;
  /** What contradicts what, and the reading used, in words. */
  message: string;
}

/**
 * How far ahead of Siaga's clock a time may lie before it is "in the future": senders' and
 * servers' clocks drift by seconds, sometimes minutes; a quake BMKG reports two minutes "early" is
 * a clock, not a contradiction.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;
