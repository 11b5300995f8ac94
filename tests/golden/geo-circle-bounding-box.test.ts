// Goldens of circleBoundingBox: each centre (properties.radiusM) followed by its box as a polygon,
// so the two can be seen together on a map; boxes near the antimeridian and the pole are clamped.
// Each box also holds Turf's 128-point circle of the same radius (on the sphere, so within the
// box's 1 % padding of the WGS 84 circle). Regenerate every golden with `npm run golden`, then review the diff.
import { booleanPointInPolygon, bboxPolygon, circle } from '@turf/turf';
import type { FeatureCollection, Point } from 'geojson';
import { expect, it } from 'vitest';
import { circleBoundingBox } from '../../geo/circle-bounding-box.ts';
import { roundNumbers } from '../support/golden.ts';
import { describeGoldens } from './describe-goldens.ts';

type Centres = FeatureCollection<Point, { name: string; radiusM: number }>;
const boxOf = (p: Centres['features'][number]) =>
  circleBoundingBox(p.geometry.coordinates[0] ?? NaN, p.geometry.coordinates[1] ?? NaN, p.properties.radiusM);

describeGoldens<Centres>(
  'geo-circle-bounding-box',
  { in: '.geojson', out: '.geojson' },
  (centres) => ({
    type: 'FeatureCollection',
    features: centres.features.flatMap((p) => {
      const bbox = roundNumbers(boxOf(p), 9);
      return [p, { ...bboxPolygon(bbox), properties: { name: p.properties.name, radiusM: p.properties.radiusM, bbox } }];
    }),
  }),
  (cases) => {
    it('holds the whole circle in every box that is not clamped', () => {
      for (const { spec } of cases) {
        for (const p of spec.features.filter((f) => f.properties.radiusM > 0 && !/clamped/.test(f.properties.name))) {
          const box = bboxPolygon(boxOf(p));
          const ring =
            circle(p.geometry.coordinates, p.properties.radiusM / 1000, { steps: 128, units: 'kilometers' }).geometry.coordinates[0] ?? [];
          expect(
            ring.filter((v) => !booleanPointInPolygon(v, box)),
            p.properties.name,
          ).toEqual([]);
        }
      }
    });
  },
);
