// Goldens of randomPointInPolygon and gaussianPointInPolygon driven by createSeededRandom: the
// points a seed gives must stay the same on every machine (generated households are compared byte
// for byte), and every point lies inside its village. properties: method (uniform | gaussian),
// seed, count, decimals, and for gaussian centre, sigma and maxAttempts (a centre outside the
// village exercises the uniform fallback). Output: the village, then the points in drawing order.
// Regenerate every golden with `npm run golden`, then review the diff.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { expect, it } from 'vitest';
import { gaussianPointInPolygon } from '../../geo/gaussian-point-in-polygon.ts';
import { pointInPreparedPolygon } from '../../geo/point-in-prepared-polygon.ts';
import { preparePolygon } from '../../geo/prepare-polygon.ts';
import { randomPointInPolygon } from '../../geo/random-point-in-polygon.ts';
import { createSeededRandom } from '../../geo/seeded-random.ts';
import { describeGoldens } from './describe-goldens.ts';

interface Sampling {
  method: 'uniform' | 'gaussian';
  seed: string;
  count: number;
  decimals?: number;
  centre?: [number, number];
  sigma?: [number, number];
  maxAttempts?: number;
}
type Village = Feature<Polygon | MultiPolygon, Sampling & Record<string, unknown>>;

function sample(village: Village): [number, number][] {
  const g = village.geometry;
  const prepared = preparePolygon(g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  const p = village.properties;
  const random = createSeededRandom(p.seed);
  const options = { decimals: p.decimals, maxAttempts: p.maxAttempts };
  return Array.from({ length: p.count }, () =>
    p.method === 'gaussian'
      ? gaussianPointInPolygon(prepared, random, p.centre ?? [0, 0], p.sigma ?? [0, 0], options)
      : randomPointInPolygon(prepared, random, options),
  );
}

describeGoldens<FeatureCollection<Polygon | MultiPolygon>>(
  'geo-sample-points',
  { in: '.geojson', out: '.geojson' },
  (input) => ({
    type: 'FeatureCollection',
    features: (input.features as Village[]).flatMap((village) => [
      village,
      {
        type: 'Feature',
        properties: { method: village.properties.method, seed: village.properties.seed, 'marker-color': '#1d4ed8', 'marker-size': 'small' },
        geometry: { type: 'MultiPoint', coordinates: sample(village) },
      },
    ]),
  }),
  (cases) => {
    it('puts every point inside its village', () => {
      for (const { spec } of cases) {
        for (const village of spec.features as Village[]) {
          const g = village.geometry;
          const prepared = preparePolygon(g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
          expect(sample(village).filter(([lon, lat]) => !pointInPreparedPolygon(prepared, lon, lat))).toEqual([]);
        }
      }
    });
  },
);
