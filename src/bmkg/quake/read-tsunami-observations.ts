// The `obsarea` blocks of an InaTEWS bulletin: tide gauges that saw the tsunami, with the height.
// Some bulletins swap `loclatitude` and `loclongitude` (the PD-3.1 and PD-3.2 blocks of the
// 2026-08-15 Nagekeo M7.7: "124.23" as latitude); readEpicentre swaps them back and says so.
import type { Issue } from '../../cap/cap-types.ts';
import { asList } from './as-list.ts';
import { isoUtcKeepingMillis } from '../../time/iso-utc.ts';
import { parseIndonesianDateTime } from './parse-indonesian-date-time.ts';
import type { TsunamiObservation } from './quake-types.ts';
import { readEpicentre } from './read-epicentre.ts';
import { readLeadingNumber } from './read-leading-number.ts';
import { readTextField } from './read-text-field.ts';

/** The observations of one info block (`path` is the block's), with issues. */
export function readTsunamiObservations(value: unknown, path: string): { observations: TsunamiObservation[]; issues: Issue[] } {
  const observations: TsunamiObservation[] = [];
  const issues: Issue[] = [];
  const list = asList(value);
  list.forEach((raw, i) => {
    const at = list.length === 1 && !Array.isArray(value) ? `${path}.obsarea` : `${path}.obsarea[${i}]`;
    const location = readTextField(raw, 'location') ?? '';
    const place = readEpicentre({
      path: at,
      separate: {
        lat: readTextField(raw, 'loclatitude') ?? '',
        lon: readTextField(raw, 'loclongitude') ?? '',
        latField: 'loclatitude',
        lonField: 'loclongitude',
      },
      expectIndonesia: true,
      noun: `tide gauge ${location}`.trim(),
    });
    issues.push(...place.issues);
    const heightText = readTextField(raw, 'height');
    const heightM = readLeadingNumber(heightText);
    if (heightM === undefined || heightM < 0)
      issues.push({
        path: `${at}.height`,
        message: `height "${heightText ?? ''}" is not a wave height in metres; the observation was skipped.`,
      });
    if (!place.ok || heightM === undefined || heightM < 0) return;
    const date = readTextField(raw, 'date');
    const time = readTextField(raw, 'time');
    const seen = date !== undefined && time !== undefined ? parseIndonesianDateTime(date, time) : undefined;
    observations.push({
      location,
      lat: place.lat,
      lon: place.lon,
      heightM,
      ...(seen?.ok && { observedAt: isoUtcKeepingMillis(seen.epochMs) }),
    });
  });
  return { observations, issues };
}
