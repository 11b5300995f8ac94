// Goldens of repairRing: rings as someone might draw them (bow-tie, a loop drawn twice, spikes,
// a figure eight, clockwise, open, no area) and the four rings of a real BMKG nowcast warning, each
// output as the MultiPolygon repairRing returns (empty when the ring encloses nothing).
// Regenerate every golden with `npm run golden`, then review the diff.
import type { FeatureCollection, Polygon } from 'geojson';
import { repairRing } from '../../geo/repair-ring.ts';
import { roundNumbers } from '../support/golden.ts';
import { describeGoldens } from './describe-goldens.ts';

describeGoldens<FeatureCollection<Polygon>>('geo-repair-ring', { in: '.geojson', out: '.geojson' }, (rings) => ({
  type: 'FeatureCollection',
  features: rings.features.map((f) => ({
    ...f,
    geometry: { type: 'MultiPolygon', coordinates: roundNumbers(repairRing(f.geometry.coordinates[0] ?? []), 9) },
  })),
}));
