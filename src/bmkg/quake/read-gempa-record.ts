// One `gempa` record of data.bmkg.go.id/DataMKG/TEWS (autogempa, gempaterkini, gempadirasakan), as
// a plain object from its JSON or XML. Two vintages exist:
//   current (2021 on)  DateTime, Tanggal, Jam, Coordinates / point.coordinates "lat,lon", Lintang,
//                      Bujur, Magnitude "4.2", Kedalaman "5 km", Wilayah, Potensi, Dirasakan, Shakemap
//   legacy (pre-2021)  Tanggal "23-Jun-20", Jam, point.coordinates "LON,LAT", Magnitude "6.3 SR",
//                      Kedalaman "94 Km", Wilayah1..5, _symbol, Potensi; no DateTime, no Shakemap
// A record is legacy when it lacks DateTime and has a legacy-only field (Wilayah1, _symbol, "SR").
import type { Issue } from '../../cap/cap-types.ts';
import { buildQuakeEvent } from './build-quake-event.ts';
import type { QuakeEvent, QuakeFeedSource } from './quake-types.ts';
import { readChild } from './read-child.ts';
import { readEpicentre } from './read-epicentre.ts';
import { readMagnitudeDepth } from './read-magnitude-depth.ts';
import { readOriginTime } from './read-origin-time.ts';
import { readTextField } from './read-text-field.ts';
import { resolveShakemapUrl } from './resolve-shakemap-url.ts';

/** The event of one record, or undefined when it lacks a usable time, place, magnitude or depth; issues either way. */
export function readGempaRecord(
  record: unknown,
  source: QuakeFeedSource,
  path: string,
): { event: QuakeEvent | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { event: undefined, issues: [{ path, message: 'The entry is not an object of quake fields; it was skipped.' }] };
  }
  const text = (...names: string[]) => readTextField(record, ...names);
  const dateTime = text('DateTime');
  const magnitudeText = text('Magnitude');
  const legacy =
    dateTime === undefined && (text('Wilayah1') !== undefined || text('_symbol') !== undefined || /\bSR\b/i.test(magnitudeText ?? ''));

  const tanggal = text('Tanggal');
  const jam = text('Jam');
  const time = readOriginTime({
    path,
    iso: dateTime === undefined ? undefined : { text: dateTime, field: 'DateTime' },
    local: tanggal !== undefined && jam !== undefined ? { date: tanggal, time: jam, dateField: 'Tanggal', timeField: 'Jam' } : undefined,
  });
  issues.push(...time.issues);

  const pairText = text('Coordinates') ?? readTextField(readChild(record, 'point'), 'coordinates');
  const pairField = text('Coordinates') !== undefined ? 'Coordinates' : 'point.coordinates';
  const place = readEpicentre({
    path,
    pair: pairText === undefined ? undefined : { text: pairText, order: legacy ? 'lon,lat' : 'lat,lon', field: pairField },
    lintang: text('Lintang'),
    bujur: text('Bujur'),
    expectIndonesia: true,
  });
  issues.push(...place.issues);

  const size = readMagnitudeDepth(
    { text: magnitudeText, path: `${path}.Magnitude`, label: 'Magnitude' },
    { text: text('Kedalaman'), path: `${path}.Kedalaman`, label: 'Kedalaman' },
    'record',
    issues,
  );

  if (time.epochMs === undefined || !place.ok || !size) {
    return { event: undefined, issues };
  }
  const region = text('Wilayah') ?? text('Wilayah1') ?? '';
  const event = buildQuakeEvent({
    originMs: time.epochMs,
    place,
    size,
    region,
    source,
    potensi: text('Potensi'),
    felt: text('Dirasakan'),
    shakemapUrl: resolveShakemapUrl(text('Shakemap'), 'tews'),
    test: /\bTEST\b/i.test(region),
  });
  return { event, issues };
}
