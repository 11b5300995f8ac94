// Contradictory times kept as jsonb: an alert's (alerts.time_alarms) and a fetch's
// (feed_fetches.time_alarms, each with the item it concerns).
import { z } from 'zod';
import type { TimeAlarm, TimeAlarmKind } from '../cap/time-alarm.ts';
import { readStoredJson } from './read-stored-json.ts';

/** A contradiction in the times of an item a fetch brought, with the item it was found in. */
export interface FetchAlarm extends TimeAlarm {
  item: string;
}

// A record over the union, so that a kind added to TimeAlarmKind fails to compile here until listed.
const KINDS: Record<TimeAlarmKind, TimeAlarmKind> = {
  'sent-before-event': 'sent-before-event',
  'event-in-future': 'event-in-future',
  'sent-in-future': 'sent-in-future',
  'expires-before-start': 'expires-before-start',
  'expired-on-arrival': 'expired-on-arrival',
  'onset-outside-message': 'onset-outside-message',
};

// Loose: whatever else a stored alarm carries is kept, since `--json` output prints them as stored.
const alarm = { path: z.string(), kind: z.enum(KINDS), message: z.string() };
const TimeAlarmsSchema: z.ZodType<TimeAlarm[]> = z.array(z.looseObject(alarm));
const FetchAlarmsSchema: z.ZodType<FetchAlarm[]> = z.array(z.looseObject({ ...alarm, item: z.string() }));

export function readStoredTimeAlarms(value: unknown, alertId: number): TimeAlarm[] {
  return readStoredJson(TimeAlarmsSchema, value, `alert ${alertId}: time_alarms`);
}

export function readStoredFetchAlarms(value: unknown, fetchId: number): FetchAlarm[] {
  return readStoredJson(FetchAlarmsSchema, value, `fetch ${fetchId}: time_alarms`);
}
