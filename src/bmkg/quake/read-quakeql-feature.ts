// One Feature of InaTEWS lastQL / gempaQL (GeoJSON): `properties` {id, time (UTC, zone-less: see
// read-live-event.ts), mag, depth, place, status, fase} with every number as a string,
// `geometry.coordinates` ["lon", "lat", 1]. The seismic system's solutions, regional (the
// Philippines, PNG), with no tsunami text.
import type { Issue } from '../../cap/cap-types.ts';
import { buildQuakeEvent } from './build-quake-event.ts';
import type { InatewsBulletin, InatewsSource } from './quake-types.ts';
import { readChild } from './read-child.ts';
import { readEpicentre } from './read-epicentre.ts';
import { readMagnitudeDepth } from './read-magnitude-depth.ts';
import { readTextField } from './read-text-field.ts';
import { readWallClockWithFractionAsUtc } from '../../time/read-wall-clock-as-utc.ts';

/** The bulletin (kind 'quake') of one GeoJSON feature, or undefined with issues. */
export function readQuakeqlFeature(
  feature: unknown,
  source: InatewsSource,
  path: string,
): { bulletin: InatewsBulletin | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const properties = readChild(feature, 'properties');
  const text = (name: string) => readTextField(properties, name);
  const originMs = readWallClockWithFractionAsUtc(text('time'));
  if (originMs === undefined)
    issues.push({
      path: `${path}.properties.time`,
      message: `time "${text('time') ?? ''}" is not a date and time such as "2024-10-01 11:16:08.874267"; the feature was skipped.`,
    });
  const coordinates = readChild(readChild(feature, 'geometry'), 'coordinates');
  const pair = Array.isArray(coordinates) && coordinates.length >= 2 ? `${String(coordinates[0])},${String(coordinates[1])}` : undefined;
  const place = readEpicentre({
    path,
    pair: pair === undefined ? undefined : { text: pair, order: 'lon,lat', field: 'geometry.coordinates' },
    expectIndonesia: false,
  });
  issues.push(...place.issues);
  const size = readMagnitudeDepth(
    { text: text('mag'), path: `${path}.properties.mag`, label: 'mag' },
    { text: text('depth'), path: `${path}.properties.depth`, label: 'depth' },
    'feature',
    issues,
  );
  if (originMs === undefined || !place.ok || !size) {
    return { bulletin: undefined, issues };
  }
  return {
    bulletin: {
      event: buildQuakeEvent({ originMs, place, size, region: text('place') ?? '', source, eventId: text('id') }),
      kind: 'quake',
      observed: false,
      zones: [],
      observations: [],
    },
    issues,
  };
}
