// Shared inputs for tests/bmkg/forecast: the BMKG forecast fixtures (SOURCES.md section 2), and
// variants of the Bandung forecast with chosen steps' weather replaced, so that a test shows
// exactly which steps carry a hazard.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../../support/fixtures.ts';

export const BANDUNG = 'prakiraan-cuaca-adm4-32.73.01.1001.json';
export const BOGOR = 'prakiraan-cuaca-adm4-32.01.02.2003-20241214-pretty.json';
export const NOT_FOUND = 'prakiraan-cuaca-404.json';
export const JAKARTA_DF = 'digitalforecast-DKIJakarta-20240404.xml';
export const GORONTALO_DF = 'digitalforecast-Gorontalo-20171003.xml';

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(path.join(FIXTURES, 'bmkg', name));
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, 'bmkg', name), 'utf8');
}

type Step = Record<string, unknown>;
type Body = { lokasi: Record<string, unknown>; data: { lokasi: Record<string, unknown>; cuaca: Step[][] }[] };

/** The Bandung fixture as an object, to edit. */
export function bandungBody(): Body {
  return JSON.parse(fixtureText(BANDUNG)) as Body;
}

/** The Bandung fixture with the weather of the steps at the given `datetime`s replaced; throws on a time the fixture lacks. */
export function bandungWith(weather: Record<string, [code: number, id: string, en: string]>): string {
  const body = bandungBody();
  const steps = body.data[0]?.cuaca.flat() ?? [];
  for (const [datetime, [code, id, en]] of Object.entries(weather)) {
    const step = steps.find((s) => s.datetime === datetime);
    if (!step) throw new Error(`the Bandung fixture has no step at ${datetime}`);
    Object.assign(step, { weather: code, weather_desc: id, weather_desc_en: en });
  }
  return JSON.stringify(body);
}

/** Edits every step of the Bandung fixture with `edit`, for tests of the time fields. */
export function bandungEachStep(edit: (step: Step) => void): string {
  const body = bandungBody();
  for (const step of body.data[0]?.cuaca.flat() ?? []) edit(step);
  return JSON.stringify(body);
}

/**
 * Bandung, 24-25 September 2026 (WIB = UTC+7), with a thunderstorm 20.00-02.00 (its second step
 * code 97), heavy rain 02.00-08.00 (codes 65 and 63, both worded "Hujan Lebat"), and storms from
 * 11.00 on the 25th; the other steps as BMKG forecast them.
 */
export const STORMY_BANDUNG = bandungWith({
  '2026-09-24T13:00:00Z': [95, 'Hujan Petir', 'Thunderstorm'],
  '2026-09-24T16:00:00Z': [97, 'Hujan Petir', 'Severe Thunderstorm'],
  '2026-09-24T19:00:00Z': [65, 'Hujan Lebat', 'Heavy Rain'],
  '2026-09-24T22:00:00Z': [63, 'Hujan Lebat', 'Heavy Rain'],
  '2026-09-25T04:00:00Z': [95, 'Hujan Petir', 'Thunderstorm'],
  '2026-09-25T07:00:00Z': [95, 'Hujan Petir', 'Thunderstorm'],
});
