// Goldens of preparePolygon + pointInPreparedPolygon: a grid of probe points (properties.grid
// [columns, rows]) over each village's box, a little wider than the box, split into the points found
// inside and outside (red and grey in a map viewer that reads simplestyle). The villages: islands,
// and one whose hole is another village. Every answer also agrees with Turf's point-in-polygon.
// Regenerate every golden with `npm run golden`, then review the diff.
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { expect, it } from 'vitest';
import { pointInPreparedPolygon } from '../../geo/point-in-prepared-polygon.ts';
import { preparePolygon } from '../../geo/prepare-polygon.ts';
import { roundNumbers } from '../support/golden.ts';
import { describeGoldens } from './describe-goldens.ts';

type Village = Feature<Polygon | MultiPolygon, { grid: [number, number] } & Record<string, unknown>>;

function probe(village: Village) {
  const g = village.geometry;
  const prepared = preparePolygon(g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  const [w, s, e, n] = prepared.bbox;
  const [cols, rows] = village.properties.grid;
  const inside: [number, number][] = [];
  const outside: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Cell centres of a grid 10 % wider than the box, rounded as a coordinate would be stored.
      const lon = Math.round((w - 0.05 * (e - w) + ((c + 0.5) / cols) * 1.1 * (e - w)) * 1e6) / 1e6;
      const lat = Math.round((s - 0.05 * (n - s) + ((r + 0.5) / rows) * 1.1 * (n - s)) * 1e6) / 1e6;
      (pointInPreparedPolygon(prepared, lon, lat) ? inside : outside).push([lon, lat]);
    }
  }
  return { prepared, inside, outside };
}

describeGoldens<FeatureCollection<Polygon | MultiPolygon>>(
  'geo-point-in-prepared-polygon',
  { in: '.geojson', out: '.geojson' },
  (input) => ({
    type: 'FeatureCollection',
    features: (input.features as Village[]).flatMap((village) => {
      const { prepared, inside, outside } = probe(village);
      const box = { bbox: prepared.bbox, parts: prepared.parts.map((p) => ({ bbox: p.bbox, areaDeg2: p.areaDeg2 })) };
      return [
        { ...village, properties: { ...village.properties, ...roundNumbers(box, 12) } },
        {
          type: 'Feature',
          properties: { inside: true, count: inside.length, 'marker-color': '#b91c1c', 'marker-size': 'small' },
          geometry: { type: 'MultiPoint', coordinates: inside },
        },
        {
          type: 'Feature',
          properties: { inside: false, count: outside.length, 'marker-color': '#6b7280', 'marker-size': 'small' },
          geometry: { type: 'MultiPoint', coordinates: outside },
        },
      ];
    }),
  }),
  (cases) => {
    it('agrees with Turf on every probe', () => {
      for (const { spec } of cases) {
        for (const village of spec.features as Village[]) {
          const { inside, outside } = probe(village);
          expect(inside.length).toBeGreaterThan(0);
          expect(outside.length).toBeGreaterThan(0);
          expect(inside.filter((p) => !booleanPointInPolygon(p, village))).toEqual([]);
          expect(outside.filter((p) => booleanPointInPolygon(p, village))).toEqual([]);
        }
      }
    });
  },
);
