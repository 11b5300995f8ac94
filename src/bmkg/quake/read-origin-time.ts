// A quake's origin time from whichever fields the feed has. Since 2021 autogempa and its siblings
// give `DateTime` (ISO with offset, UTC) beside the local `Tanggal` + `Jam`; the legacy feed and
// InaTEWS give only the local pair. When both are present they must agree: a hand-edited Tanggal
// (SOURCES.md notes one in the wild) is reported, and DateTime, which is machine-written, wins.
import type { Issue } from '../../cap/cap-types.ts';
import { parseIndonesianDateTime } from './parse-indonesian-date-time.ts';

export interface OriginTimeInput {
  path: string;
  /** An ISO 8601 date-time with offset, e.g. `DateTime` "2026-09-23T12:16:56+00:00". */
  iso?: { text: string; field: string };
  /** A local date and zoned time, e.g. `Tanggal` "23 Sep 2026" + `Jam` "19:16:56 WIB". */
  local?: { date: string; time: string; dateField: string; timeField: string };
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms of the origin, or undefined (with an issue saying why) when no field gives a real instant. */
export function readOriginTime(input: OriginTimeInput): { epochMs: number | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  let fromIso: number | undefined;
  if (input.iso) {
    const { text, field } = input.iso;
    const ms = ISO_WITH_OFFSET.test(text) ? Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
    if (Number.isFinite(ms)) fromIso = ms;
    else issues.push({ path: `${input.path}.${field}`, message: `${field} "${text}" is not an ISO 8601 date-time with a UTC offset.` });
  }
  let fromLocal: number | undefined;
  if (input.local) {
    const { date, time, dateField, timeField } = input.local;
    const read = parseIndonesianDateTime(date, time);
    if (read.ok) fromLocal = read.epochMs;
    else
      issues.push({ path: `${input.path}.${dateField}`, message: `${dateField} "${date}" with ${timeField} "${time}": ${read.problem}` });
  }
  if (fromIso !== undefined && fromLocal !== undefined && Math.abs(fromIso - fromLocal) > 1000) {
    issues.push({
      path: `${input.path}.${input.local?.dateField ?? 'date'}`,
      message: `${input.local?.dateField} "${input.local?.date}" ${input.local?.time} is ${new Date(fromLocal).toISOString()}, but ${input.iso?.field} says ${new Date(fromIso).toISOString()}; ${input.iso?.field} was used.`,
    });
  }
  const epochMs = fromIso ?? fromLocal;
  if (epochMs === undefined && issues.length === 0)
    issues.push({ path: input.path, message: 'The record gives no origin time (no DateTime, no date and time); it was skipped.' });
  return { epochMs, issues };
}
