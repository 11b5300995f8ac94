// Turns an administrative-boundary GeoJSON document into rows to import, and says exactly which
// features cannot be used and why (by index, since a feature without a usable code has no name).
import { parseAdminCode, type AdminLevel } from './admin-code.ts';

export interface AreaRow {
  index: number;
  code: string;
  level: AdminLevel;
  name: string;
  parentCode: string | null;
  kind: string | null;
  /** GeoJSON geometry text, Polygon or MultiPolygon, [lon, lat] in EPSG:4326. */
  geometry: string;
}

export interface FeatureReject {
  index: number;
  code: string | undefined;
  reason: string;
}

export interface AreaFeatures {
  rows: AreaRow[];
  rejects: FeatureReject[];
}

export class AreaFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AreaFileError';
  }
}

/** `expectedLevel`, when given, must match every feature's code; otherwise the code decides. */
export function readAreaFeatures(doc: unknown, expectedLevel?: AdminLevel): AreaFeatures {
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new AreaFileError('expected a GeoJSON FeatureCollection with a "features" array');
  }
  const rows: AreaRow[] = [];
  const rejects: FeatureReject[] = [];
  const seen = new Map<string, number>();
  doc.features.forEach((feature: unknown, index: number) => {
    const result = readFeature(feature, index, expectedLevel);
    if ('reason' in result) {
      rejects.push(result);
      return;
    }
    const first = seen.get(result.code);
    if (first !== undefined) {
      rejects.push({ index, code: result.code, reason: `code ${result.code} already used by feature ${first}` });
      return;
    }
    seen.set(result.code, index);
    rows.push(result);
  });
  return { rows, rejects };
}

function readFeature(feature: unknown, index: number, expectedLevel: AdminLevel | undefined): AreaRow | FeatureReject {
  if (!isObject(feature) || feature.type !== 'Feature') return { index, code: undefined, reason: 'not a GeoJSON Feature' };
  const props = isObject(feature.properties) ? feature.properties : {};
  const rawCode = props.code ?? props.code_compact ?? props.kode;
  const parsed = parseAdminCode(rawCode);
  if (!parsed) {
    const shown =
      rawCode === undefined
        ? 'no "code" property'
        : `code ${JSON.stringify(rawCode)} is not a Kemendagri code (like 12.07.18.2001 or 1207182001)`;
    return { index, code: undefined, reason: shown };
  }
  const { code, level, parent } = parsed;
  if (expectedLevel && level !== expectedLevel) {
    return { index, code, reason: `code ${code} is a ${level} code, but --level ${expectedLevel} was given` };
  }
  const name = typeof props.name === 'string' ? props.name.trim().replace(/\s+/g, ' ') : '';
  if (!name) return { index, code, reason: 'no "name" property' };
  const geometryProblem = checkGeometry(feature.geometry);
  if (geometryProblem) return { index, code, reason: geometryProblem };
  const kind = typeof props.type === 'string' && props.type.trim() ? props.type.trim() : null;
  return { index, code, level, name, parentCode: parent ?? null, kind, geometry: JSON.stringify(feature.geometry) };
}

function checkGeometry(geometry: unknown): string | undefined {
  if (!isObject(geometry)) return 'no geometry';
  const { type, coordinates } = geometry;
  if (type !== 'Polygon' && type !== 'MultiPolygon') return `geometry is ${String(type)}, expected Polygon or MultiPolygon`;
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return 'geometry has no coordinates';
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return 'geometry has an empty polygon';
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) return 'a ring has fewer than 4 positions';
      for (const pos of ring) {
        if (!Array.isArray(pos) || typeof pos[0] !== 'number' || typeof pos[1] !== 'number')
          return 'a position is not a [lon, lat] pair of numbers';
        if (Math.abs(pos[0]) > 180 || Math.abs(pos[1]) > 90) return `position [${pos[0]}, ${pos[1]}] is outside lon/lat range`;
      }
    }
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
