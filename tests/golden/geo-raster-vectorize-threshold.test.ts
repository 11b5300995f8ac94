// Goldens of vectorizeThreshold on small grids written out in in/ (rows north to south as stored,
// null for NaN): holes, corner-touching pixels, specks, nodata, UTM and web-mercator grids, a grid
// stored south row first, outward simplification. Output: one Polygon feature per polygon with its
// areaKm2 and pixelCount, and the totals as the collection's `result`.
// Regenerate every golden with `npm run golden`, then review the diff.
import { booleanClockwise } from '@turf/turf';
import type { Position } from 'geojson';
import { expect, it } from 'vitest';
import type { GeoGrid, VectorizeOptions } from '../../geo/raster/raster-types.ts';
import { vectorizeThreshold } from '../../geo/raster/vectorize-threshold.ts';
import { roundNumbers } from '../support/golden.ts';
import { describeGoldens } from './describe-goldens.ts';

interface GridCase {
  grid: Omit<GeoGrid, 'values'> & { rows: (number | null)[][] };
  options: VectorizeOptions;
}

function vectorize({ grid: { rows, ...frame }, options }: GridCase) {
  return vectorizeThreshold({ ...frame, values: Float64Array.from(rows.flat(), (v) => v ?? NaN) }, options);
}

describeGoldens<GridCase>(
  'geo-raster-vectorize-threshold',
  { in: '.json', out: '.geojson' },
  (c) => {
    const { geometry, polygons, ...result } = vectorize(c);
    return {
      type: 'FeatureCollection',
      result: roundNumbers(result, 6),
      features: (geometry?.coordinates ?? []).map((rings, i) => ({
        type: 'Feature',
        properties: roundNumbers(polygons[i], 6),
        geometry: { type: 'Polygon', coordinates: roundNumbers(rings, 9) },
      })),
    };
  },
  (cases) => {
    it('winds every shell counter-clockwise and every hole clockwise (RFC 7946)', () => {
      for (const { spec } of cases) {
        for (const rings of vectorize(spec).geometry?.coordinates ?? [])
          rings.forEach((ring: Position[], i) => expect(booleanClockwise(ring)).toBe(i > 0));
      }
    });
  },
);
