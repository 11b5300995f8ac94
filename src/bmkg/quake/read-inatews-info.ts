// One `info` block of InaTEWS's CAP-shaped messages (datagempa, last30event, last30feltevent,
// last30tsunamievent). They look like CAP but are not: the quake is in non-CAP elements (`date`
// "15-08-26", `time` "04:58:24 WIB", `point.coordinates` "LON,LAT", `latitude` "8.41 LS",
// `magnitude`, `depth` "15 Km", `area`, `potential`, `eventid`), and tsunami bulletins add
// `wzarea` (warning zones) and `obsarea` (tide-gauge observations). The bulletin's stage is in
// `subject` ("Warning Tsunami PD-3.4"): PD-1 first warning, PD-2 update, PD-3.x tsunami observed,
// PD-4 the warning has ended ("dinyatakan telah berakhir").
import type { Issue } from '../../cap/cap-types.ts';
import { isoUtcKeepingMillis } from '../../time/iso-utc.ts';
import { buildQuakeEvent } from './build-quake-event.ts';
import type { BulletinKind, InatewsBulletin, InatewsSource } from './quake-types.ts';
import { readChild } from './read-child.ts';
import { readEpicentre } from './read-epicentre.ts';
import { readJoinedDateTime } from './read-joined-date-time.ts';
import { readMagnitudeDepth } from './read-magnitude-depth.ts';
import { readOriginTime } from './read-origin-time.ts';
import { readTextField } from './read-text-field.ts';
import { readTsunamiObservations } from './read-tsunami-observations.ts';
import { readWarningZones } from './read-warning-zones.ts';
import { resolveShakemapUrl } from './resolve-shakemap-url.ts';

export interface InatewsInfoContext {
  source: InatewsSource;
  path: string;
  /** The enclosing message is a BMKG test (identifier TEST-…). */
  test: boolean;
}

/** The bulletin of one info block, or undefined when its quake cannot be read; issues either way. */
export function readInatewsInfo(info: unknown, context: InatewsInfoContext): { bulletin: InatewsBulletin | undefined; issues: Issue[] } {
  const { path } = context;
  const issues: Issue[] = [];
  if (typeof info !== 'object' || info === null || Array.isArray(info)) {
    return { bulletin: undefined, issues: [{ path, message: 'The info block is not an object of quake fields; it was skipped.' }] };
  }
  const text = (name: string) => readTextField(info, name);
  const date = text('date');
  const time = text('time');
  const origin = readOriginTime({
    path,
    local: date !== undefined && time !== undefined ? { date, time, dateField: 'date', timeField: 'time' } : undefined,
  });
  issues.push(...origin.issues);
  const pair = readTextField(readChild(info, 'point'), 'coordinates');
  const place = readEpicentre({
    path,
    pair: pair === undefined ? undefined : { text: pair, order: 'lon,lat', field: 'point.coordinates' },
    lintang: text('latitude'),
    bujur: text('longitude'),
    expectIndonesia: true,
  });
  issues.push(...place.issues);
  const size = readMagnitudeDepth(
    { text: text('magnitude'), path: `${path}.magnitude`, label: 'magnitude' },
    { text: text('depth'), path: `${path}.depth`, label: 'depth' },
    'block',
    issues,
  );
  const zones = readWarningZones(readChild(info, 'wzarea'), path);
  const observations = readTsunamiObservations(readChild(info, 'obsarea'), path);
  issues.push(...zones.issues, ...observations.issues);
  if (origin.epochMs === undefined || !place.ok || !size) {
    return { bulletin: undefined, issues };
  }

  const region = text('area') ?? '';
  const subject = text('subject');
  const headline = text('headline');
  const description = text('description');
  const instruction = text('instruction');
  const test = context.test || /\bTEST\b/i.test(`${region} ${headline ?? ''}`);
  const event = buildQuakeEvent({
    originMs: origin.epochMs,
    place,
    size,
    region,
    source: context.source,
    potensi: text('potential'),
    felt: text('felt'),
    shakemapUrl: resolveShakemapUrl(text('shakemap'), 'inatews'),
    eventId: text('eventid'),
    test,
  });
  const stage = /\bPD\s*-?\s*(\d+(?:\.\d+)?)/i.exec(subject ?? '')?.[1];
  const ended = /berakhir/i.test(`${headline ?? ''} ${description ?? ''}`) || stage === '4';
  const kind: BulletinKind = ended
    ? 'tsunami-ended'
    : /tsunami/i.test(subject ?? '') || zones.zones.length > 0
      ? 'tsunami-warning'
      : 'quake';
  const sentAt = readJoinedDateTime(text('timesent'));
  const bulletin: InatewsBulletin = {
    event,
    kind,
    ...(stage !== undefined && { stage: `PD-${stage}` }),
    observed: observations.observations.length > 0 || /terdeteksi/i.test(`${headline ?? ''} ${description ?? ''}`),
    ...(sentAt !== undefined && { sentAt: isoUtcKeepingMillis(sentAt) }),
    ...(subject !== undefined && { subject }),
    ...(headline !== undefined && { headline }),
    ...(description !== undefined && { description }),
    ...(instruction !== undefined && { instruction }),
    zones: zones.zones,
    observations: observations.observations,
  };
  return { bulletin, issues };
}
