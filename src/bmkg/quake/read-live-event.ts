// One entry of InaTEWS live30event (`<Infogempa><gempa>`, not CAP): the seismic system's solution,
// `waktu` "2026/09/26  08:10:21.751" (UTC), signed decimal `lintang` and `bujur`, `dalam` in km,
// `mag`, a Flinn-Engdahl `area` ("Flores Region, Indonesia"). It lists quakes beyond Indonesia too
// (New Caledonia), so a far epicentre is no issue here.
// `waktu` here and the GeoJSON `time` of lastQL / gempaQL carry no zone. They are the seismic
// processing system's origin times, which are kept in UTC; BMKG's apps add 7 h to show them in
// WIB. (An assumption, stated because none of these feeds documents its zone.)
import type { Issue } from '../../cap/cap-types.ts';
import { buildQuakeEvent } from './build-quake-event.ts';
import type { InatewsBulletin } from './quake-types.ts';
import { readEpicentre } from './read-epicentre.ts';
import { readMagnitudeDepth } from './read-magnitude-depth.ts';
import { readTextField } from './read-text-field.ts';
import { readWallClockWithFractionAsUtc } from '../../time/read-wall-clock-as-utc.ts';

/** The bulletin (kind 'quake') of one live30event entry, or undefined with issues. */
export function readLiveEvent(record: unknown, path: string): { bulletin: InatewsBulletin | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const text = (name: string) => readTextField(record, name);
  const waktu = text('waktu');
  const originMs = readWallClockWithFractionAsUtc(waktu);
  if (originMs === undefined)
    issues.push({
      path: `${path}.waktu`,
      message: `waktu "${waktu ?? ''}" is not a date and time such as "2026/09/26 08:10:21.751"; the entry was skipped.`,
    });
  const place = readEpicentre({
    path,
    separate: { lat: text('lintang') ?? '', lon: text('bujur') ?? '', latField: 'lintang', lonField: 'bujur' },
    expectIndonesia: false,
  });
  issues.push(...place.issues);
  const size = readMagnitudeDepth(
    { text: text('mag'), path: `${path}.mag`, label: 'mag' },
    { text: text('dalam'), path: `${path}.dalam`, label: 'dalam' },
    'entry',
    issues,
  );
  if (originMs === undefined || !place.ok || !size) {
    return { bulletin: undefined, issues };
  }
  return {
    bulletin: {
      event: buildQuakeEvent({ originMs, place, size, region: text('area') ?? '', source: 'live30event', eventId: text('eventid') }),
      kind: 'quake',
      observed: false,
      zones: [],
      observations: [],
    },
    issues,
  };
}
