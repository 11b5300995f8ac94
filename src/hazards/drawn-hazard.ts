// An area a person drew (a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of them,
// EPSG:4326 lon/lat) as a hazard to draft: every polygon kept as drawn, holes included, its area on
// the sphere. Each problem is reported with where it is. Pure.
import type { MultiPolygon, Position } from 'geojson';
import { polygonAreaKm2 } from '../../geo/polygon-area-km2.ts';
import type { DraftHazard } from './draft-candidate.ts';

type Read = { hazard: DraftHazard } | { problems: string[] };

export function drawnHazard(value: unknown): Read {
  const problems: string[] = [];
  const polygons: Position[][][] = [];
  collect(value, '', polygons, problems);
  if (problems.length === 0 && polygons.length === 0)
    problems.push('no polygon: expected a GeoJSON Polygon or MultiPolygon (or a Feature / FeatureCollection of them)');
  if (problems.length > 0) return { problems };
  const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: polygons };
  const areas = polygons.map((p) => polygonAreaKm2([p]));
  if (areas.some((a) => a === 0)) return { problems: areas.flatMap((a, i) => (a === 0 ? [`polygon ${i + 1} encloses no area`] : [])) };
  return {
    hazard: {
      geometry,
      polygons: areas.map((areaKm2) => ({ areaKm2, pixelCount: 0 })),
      totalAreaKm2: polygonAreaKm2(polygons),
      pixelSizeM: null,
    },
  };
}

function collect(value: unknown, at: string, out: Position[][][], problems: string[]): void {
  const where = at || 'the document';
  if (typeof value !== 'object' || value === null) return void problems.push(`${where}: not a GeoJSON object`);
  const v = value as { type?: unknown; features?: unknown; geometry?: unknown; coordinates?: unknown };
  switch (v.type) {
    case 'FeatureCollection':
      if (!Array.isArray(v.features)) return void problems.push(`${where}: a FeatureCollection needs "features"`);
      v.features.forEach((f, i) => collect(f, `${at}features[${i}]`, out, problems));
      return;
    case 'Feature':
      return collect(v.geometry, `${at}geometry`, out, problems);
    case 'Polygon':
      return readPolygon(v.coordinates, `${at}coordinates`, out, problems);
    case 'MultiPolygon':
      if (!Array.isArray(v.coordinates)) return void problems.push(`${where}: coordinates must be an array of polygons`);
      v.coordinates.forEach((p, i) => readPolygon(p, `${at}coordinates[${i}]`, out, problems));
      return;
    default:
      problems.push(`${where}: type ${JSON.stringify(v.type)} is not a Polygon, MultiPolygon, Feature or FeatureCollection`);
  }
}

function readPolygon(value: unknown, at: string, out: Position[][][], problems: string[]): void {
  if (!Array.isArray(value) || value.length === 0) return void problems.push(`${at}: a polygon is a non-empty array of rings`);
  const rings: Position[][] = [];
  value.forEach((ring: unknown, r) => {
    const path = `${at}[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4)
      return void problems.push(`${path}: a ring needs at least 4 positions (the first repeated last)`);
    const positions: Position[] = [];
    for (const [i, p] of ring.entries()) {
      const [lon, lat] = Array.isArray(p) ? (p as unknown[]) : [];
      if (
        typeof lon !== 'number' ||
        typeof lat !== 'number' ||
        !Number.isFinite(lon) ||
        !Number.isFinite(lat) ||
        Math.abs(lon) > 180 ||
        Math.abs(lat) > 90
      ) {
        return void problems.push(`${path}[${i}]: expected [longitude, latitude] in degrees, got ${JSON.stringify(p)}`);
      }
      positions.push([lon, lat]);
    }
    const first = positions[0];
    const last = positions[positions.length - 1];
    if (first?.[0] !== last?.[0] || first?.[1] !== last?.[1])
      return void problems.push(`${path}: the ring is not closed (its last position must repeat the first)`);
    rings.push(positions);
  });
  if (rings.length === value.length) out.push(rings);
}
