// Where a quake was, read strictly. BMKG's bare pair changed order over the years (`Coordinates`
// "lat,lon" since 2021, legacy `coordinates` "lon,lat"; InaTEWS `point` is "lon,lat") and some
// bulletins swap fields outright, so the pair is never trusted alone:
//   1. the hemisphere-lettered `Lintang` / `Bujur` ("8.51 LS", "123.27 BT"), when present, decide
//      which number is which: they name their axis, so they cannot be swapped unnoticed;
//   2. without them, a "latitude" beyond ±90° with a partner that fits a latitude is swapped (for
//      Indonesia, at 94-142° E, that is the same as "plausible only swapped");
// and every swap or disagreement is recorded as an issue, so the BMKG liaison sees it.
import type { Issue } from '../../cap/cap-types.ts';
import { isInIndonesia } from '../../cap/indonesia-region.ts';
import { readHemisphereDegrees } from './read-hemisphere-degrees.ts';

export interface EpicentreInput {
  /** Path of the record, for issues (`Infogempa.gempa[1]`). */
  path: string;
  /** A bare pair as written ("-8.51,123.27") and the order the feed documents for it. */
  pair?: { text: string; order: 'lat,lon' | 'lon,lat'; field: string };
  /** Or separate fields that claim to be latitude and longitude (`lintang`/`bujur` of live30event, `loclatitude`/`loclongitude`). */
  separate?: { lat: string; lon: string; latField: string; lonField: string };
  /** The hemisphere-lettered cross-check, when the feed has it. */
  lintang?: string;
  bujur?: string;
  /** The feed covers Indonesia only: an epicentre outside its bounds is worth an issue. */
  expectIndonesia: boolean;
  /** What the point is, in messages (default "epicentre"; "tide gauge" for obsarea). */
  noun?: string;
}

export type Epicentre = { ok: true; lat: number; lon: number; issues: Issue[] } | { ok: false; issues: Issue[] };

/** Agreement between the pair and the lettered fields: both are written with two decimals. */
const TOLERANCE_DEG = 0.015;

export function readEpicentre(input: EpicentreInput): Epicentre {
  const issues: Issue[] = [];
  const { path } = input;
  const claimed = readClaimed(input, issues);
  const letters = readLetters(input);

  if (claimed && letters) {
    const [lat, lon] = claimed.latLon;
    if (near(lat, letters.lat) && near(lon, letters.lon)) return { ok: true, lat, lon, issues };
    if (near(lon, letters.lat) && near(lat, letters.lon)) {
      issues.push({
        path: claimed.path,
        message: `${claimed.what} has its two numbers the wrong way round: Lintang "${input.lintang}" and Bujur "${input.bujur}" say latitude ${lon}, longitude ${lat}. They were swapped back.`,
      });
      return { ok: true, lat: lon, lon: lat, issues };
    }
    const useLetters = isInIndonesia(letters.lat, letters.lon) || !inRange(lat, lon);
    issues.push({
      path: claimed.path,
      message: `${claimed.what} (${lat},${lon} as latitude,longitude) disagrees with Lintang "${input.lintang}" and Bujur "${input.bujur}" (${letters.lat},${letters.lon}); ${useLetters ? 'the lettered fields, which name their hemisphere, were used' : 'the pair was kept, as the lettered fields lie outside Indonesia'}.`,
    });
    return useLetters ? { ok: true, lat: letters.lat, lon: letters.lon, issues } : checked(lat, lon, input, issues, claimed.path);
  }
  if (letters) {
    if (input.pair !== undefined || input.separate !== undefined)
      issues.push({
        path,
        message: `The coordinates could not be read; the ${input.noun ?? 'epicentre'} was taken from Lintang "${input.lintang}" and Bujur "${input.bujur}".`,
      });
    return checked(letters.lat, letters.lon, input, issues, path);
  }
  if (!claimed) {
    issues.push({
      path,
      message: `The record has no readable ${input.noun ?? 'epicentre'} (no coordinate pair, no Lintang/Bujur); it was skipped.`,
    });
    return { ok: false, issues };
  }
  const [lat, lon] = claimed.latLon;
  // Indonesia lies between 94° and 142° E, so a swapped Indonesian pair always puts a number above
  // 90 in the latitude: "only plausible swapped" and "latitude beyond ±90°" are the same test here.
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) {
    const where = isInIndonesia(lon, lat) ? `; read the other way round (${lon},${lat}) it lies in Indonesia` : '';
    issues.push({
      path: claimed.path,
      message: `${claimed.what} looks swapped: its latitude ${lat} is beyond ±90°, while ${lon} fits a latitude${where}. It was read as latitude ${lon}, longitude ${lat}.`,
    });
    return checked(lon, lat, input, issues, claimed.path);
  }
  return checked(lat, lon, input, issues, claimed.path);
}

function readClaimed(input: EpicentreInput, issues: Issue[]): { latLon: [number, number]; path: string; what: string } | undefined {
  if (input.pair) {
    const { text, order, field } = input.pair;
    const path = `${input.path}.${field}`;
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*[,;\s]\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(text);
    if (!m) {
      issues.push({ path, message: `${field} "${text}" is not a pair of decimal degrees such as "-8.51,123.27".` });
      return undefined;
    }
    const a = Number(m[1]);
    const b = Number(m[2]);
    return { latLon: order === 'lat,lon' ? [a, b] : [b, a], path, what: `${field} "${text}" (documented as ${order})` };
  }
  if (input.separate) {
    const { latField, lonField } = input.separate;
    const lat = Number(input.separate.lat);
    const lon = Number(input.separate.lon);
    const path = `${input.path}.${latField}`;
    if (input.separate.lat.trim() === '' || input.separate.lon.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      issues.push({
        path,
        message: `${latField} "${input.separate.lat}" and ${lonField} "${input.separate.lon}" are not decimal degrees.`,
      });
      return undefined;
    }
    return { latLon: [lat, lon], path, what: `${latField}/${lonField} "${input.separate.lat}"/"${input.separate.lon}"` };
  }
  return undefined;
}

function readLetters(input: EpicentreInput): { lat: number; lon: number } | undefined {
  const lat = readHemisphereDegrees(input.lintang);
  const lon = readHemisphereDegrees(input.bujur);
  if (lat?.axis !== 'lat' || lon?.axis !== 'lon') return undefined;
  return { lat: lat.degrees, lon: lon.degrees };
}

function checked(lat: number, lon: number, input: EpicentreInput, issues: Issue[], path: string): Epicentre {
  if (!inRange(lat, lon)) {
    issues.push({
      path,
      message: `The ${input.noun ?? 'epicentre'} ${lat},${lon} is not a valid latitude,longitude in either order; the record was skipped.`,
    });
    return { ok: false, issues };
  }
  if (input.expectIndonesia && !isInIndonesia(lat, lon)) {
    issues.push({
      path,
      message: `The ${input.noun ?? 'epicentre'} ${lat},${lon} lies outside Indonesia's bounds; it was kept as written (check the signs: south is negative).`,
    });
  }
  return { ok: true, lat, lon, issues };
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE_DEG;
}

function inRange(lat: number, lon: number): boolean {
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}
