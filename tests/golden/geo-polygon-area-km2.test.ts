// Goldens of polygonAreaKm2: real villages (islands, a village with another in its hole) and
// degree squares whose spherical area is known in closed form, R²·Δλ·(sin φ₂ − sin φ₁). Each
// output feature is its input with `areaKm2` added (1 m² resolution), and agrees with Turf's area.
// Regenerate every golden with `npm run golden`, then review the diff.
import { area as turfArea } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { expect, it } from 'vitest';
import { polygonAreaKm2 } from '../../geo/polygon-area-km2.ts';
import { describeGoldens } from './describe-goldens.ts';

type Shapes = FeatureCollection<Polygon | MultiPolygon>;
const parts = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const withArea = (f: Feature<Polygon | MultiPolygon>) => ({
  ...f,
  properties: { ...f.properties, areaKm2: Math.round(polygonAreaKm2(parts(f.geometry)) * 1e6) / 1e6 },
});

describeGoldens<Shapes>(
  'geo-polygon-area-km2',
  { in: '.geojson', out: '.geojson' },
  (shapes) => ({ ...shapes, features: shapes.features.map(withArea) }),
  (cases) => {
    it('agrees with Turf on every shape, and with the closed form on the 1° squares', () => {
      for (const { spec } of cases) {
        for (const f of spec.features)
          expect(polygonAreaKm2(parts(f.geometry)), String(f.properties?.name)).toBeCloseTo(turfArea(f) / 1e6, 6);
      }
      const R = 6371.0088;
      const square = (south: number) =>
        R * R * (Math.PI / 180) * (Math.sin(((south + 1) * Math.PI) / 180) - Math.sin((south * Math.PI) / 180));
      expect(
        polygonAreaKm2([
          [
            [
              [106, -7],
              [107, -7],
              [107, -6],
              [106, -6],
              [106, -7],
            ],
          ],
        ]),
      ).toBeCloseTo(square(-7), 6);
    });
  },
);
