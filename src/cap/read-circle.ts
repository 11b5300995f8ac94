import { readLatLon, readNonNegativeDecimal } from './read-lat-lon.ts';

export type CircleReading = { ok: true; lat: number; lon: number; radiusKm: number } | { ok: false; problem: string };

/** Reads a CAP circle: exactly `lat,lon radius`, radius in kilometres. */
export function readCircle(raw: string): CircleReading {
  const tokens = raw
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0)
    return { ok: false, problem: 'The circle is empty; expected "latitude,longitude radius-in-km", e.g. "-6.2,106.8 10".' };
  const [pairText, radiusText] = tokens;
  const pair = pairText === undefined ? undefined : readLatLon(pairText);
  const radius = radiusText === undefined ? undefined : readNonNegativeDecimal(radiusText);
  if (tokens.length !== 2 || pair === undefined || radius === undefined) {
    return {
      ok: false,
      problem: `The circle "${raw.trim()}" is not of the form "latitude,longitude radius" (radius in km, not negative), e.g. "-6.2,106.8 10".`,
    };
  }
  return { ok: true, lat: pair[0], lon: pair[1], radiusKm: radius };
}
