// What an alert asks to reach, in the form the PostGIS targeting statement takes: polygons as
// GeoJSON (lon,lat), circles as centre + radius in metres with an index box, geocodes as
// Kemendagri codes. Pure: the database resolves codes to villages and households.
import { circleBoundingBox } from '../../geo/circle-bounding-box.ts';
import { repairRingExplained } from '../../geo/repair-ring.ts';
import { parseAdminCode, type AdminLevel } from '../registry/admin-code.ts';
import type { CapInfo, Issue, LonLat } from './cap-types.ts';
import { findSelfIntersection } from './find-self-intersection.ts';

export interface TargetPolygon {
  path: string;
  areaDesc: string;
  /** The ring made valid (geo/repair-ring.ts): what PostGIS receives. */
  geometry: { type: 'MultiPolygon'; coordinates: LonLat[][][] };
  /** The ring as sent crossed itself and was repaired. */
  repaired: boolean;
}

export interface TargetCircle {
  path: string;
  areaDesc: string;
  lon: number;
  lat: number;
  radiusM: number;
  /** `[minLon, minLat, maxLon, maxLat]` holding every point within radius + margin: the index prefilter. */
  bbox: [number, number, number, number];
}

export interface TargetGeocode {
  path: string;
  areaDesc: string;
  valueName: string;
  value: string;
  /** Dotted Kemendagri code of the unit; its villages are targeted. */
  code: string;
  level: AdminLevel;
}

export interface TargetSpec {
  /** Outward margin in metres for polygons and circles (never for geocoded units: they are named by code, not shape). */
  marginM: number;
  polygons: TargetPolygon[];
  circles: TargetCircle[];
  geocodes: TargetGeocode[];
}

// BMKG and the Indonesian CAP profile name administrative units ADM1..ADM4; KEMENDAGRI is the code
// system itself, so its level is read from the code (a village code is the usual case).
const GEOCODE_LEVELS: Record<string, AdminLevel | 'by-code'> = {
  ADM1: 'province',
  ADM2: 'regency',
  ADM3: 'district',
  ADM4: 'village',
  KEMENDAGRI: 'by-code',
};

/** The union of every area of every info block; warnings for what cannot be targeted. */
export function buildTargetSpec(infos: readonly CapInfo[], marginM: number): { spec: TargetSpec; warnings: Issue[] } {
  const spec: TargetSpec = { marginM, polygons: [], circles: [], geocodes: [] };
  const warnings: Issue[] = [];
  for (const info of infos) {
    for (const area of info.areas) {
      for (const polygon of area.polygons) {
        if (polygon.ring.length < 4) continue; // validation refuses such a message; nothing to target
        const { coordinates, repair } = repairRingExplained(polygon.ring);
        if (coordinates.length === 0) continue; // no area: validation has warned that it reaches nobody
        if (repair === 'convex-hull') {
          warnings.push({
            path: polygon.path,
            message: `The polygon (${polygon.ring.length} points) crosses itself too often to be untangled safely; its convex hull (the smallest shape around every point) is targeted instead, which may warn more people than the area drawn.`,
          });
        }
        const repaired = findSelfIntersection(polygon.ring) !== undefined;
        spec.polygons.push({ path: polygon.path, areaDesc: area.areaDesc, geometry: { type: 'MultiPolygon', coordinates }, repaired });
      }
      for (const circle of area.circles) {
        if (![circle.lat, circle.lon, circle.radiusKm].every(Number.isFinite)) continue;
        const radiusM = circle.radiusKm * 1000;
        spec.circles.push({
          path: circle.path,
          areaDesc: area.areaDesc,
          lon: circle.lon,
          lat: circle.lat,
          radiusM,
          bbox: circleBoundingBox(circle.lon, circle.lat, radiusM + marginM),
        });
      }
      area.geocodes.forEach((pair, i) => {
        const path = `${area.path}/geocode[${i}]`;
        const read = readGeocode(pair.valueName, pair.value);
        if ('warning' in read) {
          if (read.warning) warnings.push({ path, message: read.warning });
          return;
        }
        if (read.note) warnings.push({ path, message: read.note });
        spec.geocodes.push({
          path,
          areaDesc: area.areaDesc,
          valueName: pair.valueName,
          value: pair.value,
          code: read.code,
          level: read.level,
        });
      });
    }
  }
  if (spec.polygons.length + spec.circles.length + spec.geocodes.length === 0) {
    warnings.push({
      path: 'alert',
      message: 'The message has no polygon, circle or Indonesian administrative geocode that Siaga can target; it reaches no household.',
    });
  }
  return { spec, warnings };
}

type GeocodeRead = { code: string; level: AdminLevel; note?: string } | { warning: string | undefined };

function readGeocode(valueName: string, value: string): GeocodeRead {
  const system = GEOCODE_LEVELS[valueName.trim().toUpperCase()];
  // Other code systems (SAME, FIPS, EMMA_ID, WMO zones…) describe the area for other receivers;
  // the polygons and circles beside them do the targeting here.
  if (system === undefined)
    return { warning: `geocode "${valueName}" is not a code system Siaga resolves (ADM1-ADM4, KEMENDAGRI); it is not used for targeting.` };
  const code = parseAdminCode(value);
  if (!code)
    return {
      warning: `geocode ${valueName} value "${value}" is not a Kemendagri code (e.g. 12.07.18.2001 or 1207182001); it is not used for targeting.`,
    };
  if (system !== 'by-code' && system !== code.level) {
    return {
      code: code.code,
      level: code.level,
      note: `geocode ${valueName} names a ${system}, but "${value}" is a ${code.level} code; the ${code.level} ${code.code} is targeted, as its code says.`,
    };
  }
  return { code: code.code, level: code.level };
}
