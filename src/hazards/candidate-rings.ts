// The shape a candidate is reviewed and sent with. CAP 1.2 polygons are single rings with no holes,
// so the alert carries each polygon's outer ring: a hole (a dry spot inside a rain cell) is warned
// too, which errs on the safe side, and the candidate's counts are computed for exactly these rings
// so that the liaison approves the reach the alert will have. Coordinates are rounded to the six
// decimals the CAP writer uses and repaired the way the CAP engine repairs them (geo/repair-ring.ts),
// so the targeting spec here equals the one the engine builds from the issued message. Pure.
import type { MultiPolygon } from 'geojson';
import { repairRing } from '../../geo/repair-ring.ts';
import type { TargetSpec } from '../cap/build-target-spec.ts';
import type { LonLat } from '../cap/cap-types.ts';

/** Outer rings of every polygon, `[lon, lat]`, closed, six decimals; rings that lose their area are dropped. */
export function candidateRings(geometry: MultiPolygon): LonLat[][] {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const rings: LonLat[][] = [];
  for (const polygon of geometry.coordinates) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const ring = outer.map((p): LonLat => [round(p[0] ?? Number.NaN), round(p[1] ?? Number.NaN)]);
    if (ring.some(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat)))
      throw new Error('candidateRings: a polygon has a coordinate that is not a number');
    if (repairRing(ring).length > 0) rings.push(ring);
  }
  return rings;
}

/** The targeting spec of the alert an approval would issue (one polygon per ring). */
export function candidateTargetSpec(rings: readonly LonLat[][], areaDesc: string, marginM: number): TargetSpec {
  return {
    marginM,
    polygons: rings.map((ring, i) => ({
      path: `candidate/polygon[${i}]`,
      areaDesc,
      geometry: { type: 'MultiPolygon', coordinates: repairRing(ring) as LonLat[][][] },
      repaired: false,
    })),
    circles: [],
    geocodes: [],
  };
}
