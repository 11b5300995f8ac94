import type { CapAlert, CapArea, CapCircle, CapIssues, CapPolygon, LatLon } from './cap-types.ts';
import { MAX_CIRCLE_RADIUS_KM, MAX_POINTS_PER_POLYGON } from './cap-limits.ts';
import { clip } from './check-children.ts';
import { findSelfIntersection } from './find-self-intersection.ts';
import { isInIndonesia, isIndonesianAlert } from './indonesia-region.ts';
import { readCircle } from './read-circle.ts';
import { readPolygon } from './read-polygon.ts';
import { checkValueNames } from './validation-helpers.ts';

/** Checks one `<area>` (CAP 3.2.4): geometry syntax, closure, coordinate ranges, and plausibility for Indonesian senders. */
export function validateCapArea(alert: CapAlert, area: CapArea, out: CapIssues): void {
  const p = area.path;
  const indonesian = isIndonesianAlert(alert);
  if (area.areaDesc === '')
    out.errors.push({ path: `${p}/areaDesc`, message: 'areaDesc is missing or empty; CAP requires a text description of the area.' });
  area.polygons.forEach((polygon) => checkPolygon(polygon, indonesian, out));
  area.circles.forEach((circle) => checkCircle(circle, indonesian, out));
  checkValueNames(out, `${p}/geocode`, area.geocodes);
  if (area.geocodes.length > 0 && area.polygons.length === 0 && area.circles.length === 0) {
    out.warnings.push({
      path: p,
      message:
        'The area is described by geocodes only, with no polygon or circle; it can be targeted only if the code system is known to Siaga.',
    });
  }
  if (area.ceiling !== undefined && area.altitude === undefined) {
    out.errors.push({
      path: `${p}/ceiling`,
      message: '<ceiling> is given without <altitude>; CAP allows a ceiling only together with an altitude.',
    });
  }
  if (area.ceiling !== undefined && area.altitude !== undefined && area.ceiling < area.altitude) {
    out.errors.push({
      path: `${p}/ceiling`,
      message: `ceiling ${area.ceiling} is below altitude ${area.altitude}; the ceiling must be the upper bound.`,
    });
  }
  for (const name of ['altitude', 'ceiling'] as const) {
    const value = area[name];
    if (value !== undefined && value < 0)
      out.warnings.push({ path: `${p}/${name}`, message: `${name} is ${value} feet, below sea level; check the value.` });
  }
}

function checkPolygon(polygon: CapPolygon, indonesian: boolean, out: CapIssues): void {
  const path = polygon.path;
  const before = out.errors.length;
  const tokens = polygon.raw.split(/\s+/);
  if (tokens.length > MAX_POINTS_PER_POLYGON) {
    out.errors.push({
      path,
      message: `The polygon has ${tokens.length} points; Siaga accepts at most ${MAX_POINTS_PER_POLYGON} in one polygon (no warning area needs more). Simplify the ring or split it into several polygons.`,
    });
    return;
  }
  const { latLon, malformed } = readPolygon(polygon.raw);
  if (malformed.length > 0) {
    out.errors.push({
      path,
      message: `The polygon has ${malformed.length} coordinate pair(s) that cannot be read, such as "${clip(malformed[0] ?? '', 30)}"; expected latitude,longitude pairs separated by spaces, e.g. "-6.201,106.816".`,
    });
  }
  if (tokens.length < 4) {
    out.errors.push({
      path,
      message: `The polygon has only ${tokens.length} coordinate pair(s); CAP needs at least 4 (three corners plus the first pair repeated to close it).`,
    });
  } else {
    const first = latLon[0];
    const last = latLon[latLon.length - 1];
    const closed = first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
    if (!closed && malformed.length === 0) {
      out.errors.push({
        path,
        message: `The polygon is not closed: it starts at "${tokens[0]}" but ends at "${tokens[tokens.length - 1]}"; CAP requires the last pair to repeat the first.`,
      });
    }
  }
  const outOfRange = latLon.filter(([lat, lon]) => !inRange(lat, lon));
  const [badLat, badLon] = outOfRange[0] ?? [];
  if (badLat !== undefined && badLon !== undefined) {
    out.errors.push({
      path,
      message: `${outOfRange.length} point(s) of the polygon are outside the valid range, such as "${badLat},${badLon}"${rangeHint(badLat, badLon, indonesian)}`,
    });
  }
  if (out.errors.length > before) return;

  if (indonesian) warnOutsideIndonesia(path, 'polygon', latLon, out);
  const crossing = findSelfIntersection(polygon.ring);
  if (crossing) {
    out.warnings.push({
      path,
      message: `The polygon's edges cross themselves (edges ${crossing[0] + 1} and ${crossing[1] + 1}); the area it covers is ambiguous and will be repaired before use.`,
    });
  } else if (ringArea(polygon.ring) === 0) {
    out.warnings.push({ path, message: 'The polygon encloses no area (all its points lie on a line); it cannot reach any household.' });
  }
}

function checkCircle(circle: CapCircle, indonesian: boolean, out: CapIssues): void {
  const read = readCircle(circle.raw);
  if (!read.ok) {
    out.errors.push({ path: circle.path, message: read.problem });
    return;
  }
  if (!inRange(read.lat, read.lon)) {
    out.errors.push({
      path: circle.path,
      message: `The circle's centre "${read.lat},${read.lon}" is outside the valid range${rangeHint(read.lat, read.lon, indonesian)}`,
    });
    return;
  }
  if (read.radiusKm > MAX_CIRCLE_RADIUS_KM) {
    out.errors.push({
      path: circle.path,
      message: `The circle's radius is ${read.radiusKm} km; no hazard reaches that far (Siaga accepts at most ${MAX_CIRCLE_RADIUS_KM} km). The radius is in kilometres: check that it was not written in metres.`,
    });
    return;
  }
  if (read.radiusKm === 0)
    out.warnings.push({ path: circle.path, message: 'The circle has radius 0, a single point; a radius in kilometres is recommended.' });
  if (indonesian) warnOutsideIndonesia(circle.path, 'circle centre', [[read.lat, read.lon]], out);
}

function inRange(lat: number, lon: number): boolean {
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/** Explains an out-of-range pair; most often latitude and longitude were written the wrong way round. */
function rangeHint(lat: number, lon: number, indonesian: boolean): string {
  const base = ' (latitude -90 to 90, longitude -180 to 180)';
  if (indonesian && isInIndonesia(lon, lat)) {
    return `${base}. It looks like longitude,latitude: read the other way round (${lon},${lat}) it lies in Indonesia. CAP writes latitude first.`;
  }
  if (Math.abs(lon) <= 90 && Math.abs(lat) <= 180) return `${base}. It may be written longitude,latitude; CAP writes latitude first.`;
  return `${base}.`;
}

/** For Indonesian senders, points outside Indonesia are kept but reported: a wrong sign or order would warn the wrong people. */
function warnOutsideIndonesia(path: string, what: string, points: LatLon[], out: CapIssues): void {
  const outside = points.filter(([lat, lon]) => !isInIndonesia(lat, lon));
  const [lat, lon] = outside[0] ?? [];
  if (lat === undefined || lon === undefined) return;
  out.warnings.push({
    path,
    message: `${outside.length} of ${points.length} ${what} point(s) lie outside Indonesia, such as "${lat},${lon}"; check that the pairs are latitude,longitude with the right signs (south is negative).`,
  });
}

function ringArea(ring: [number, number][]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}
