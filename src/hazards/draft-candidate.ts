// From a vectorized hazard to a stored candidate: the outer rings the alert would carry, counted by
// the alerts' own targeting query (villages, households inside and in the margin), stored with the
// product's rule in one transaction. Nothing is sent: a candidate reaches nobody until approved.
import type { VectorizedHazard } from '../../geo/raster/raster-types.ts';
import { computeTargeting } from '../db/alert-targeting.ts';
import type { Db } from '../db/db.ts';
import { findCandidateByProductTime, insertCandidate } from '../db/hazard-candidates.ts';
import { candidateRings, candidateTargetSpec } from './candidate-rings.ts';
import type { RasterProduct } from '../policy/raster-product.ts';
import type { StoredRule } from './stored-rule.ts';

/** A vectorized raster hazard, or an area a person drew (no pixel size). */
export type DraftHazard = Pick<VectorizedHazard, 'geometry' | 'polygons' | 'totalAreaKm2'> & {
  pixelSizeM: VectorizedHazard['pixelSizeM'] | null;
};

export interface DraftRequest {
  product: Pick<RasterProduct, 'name' | 'title' | 'threshold' | 'unit' | 'rule'>;
  productTime: Date;
  /** The raster read, or the file of a drawn area. */
  sourceUrl: string;
  hazard: DraftHazard;
  draftedBy: string;
  now: Date;
  /** The outward margin the CAP engine will target the alert with (TARGET_MARGIN_M). */
  marginM: number;
}

export type DraftOutcome =
  | { outcome: 'new'; id: number; villages: number; households: number }
  | { outcome: 'exists'; id: number; state: string }
  /** Nothing above the threshold (after speck removal). */
  | { outcome: 'empty' }
  /** Above the threshold only where no village is: nobody to warn, nothing to review. */
  | { outcome: 'no_villages'; areaKm2: number }
  /** The message would have expired already (a late product): nothing to review. */
  | { outcome: 'expired'; expiresAt: Date };

export async function draftCandidate(db: Db, r: DraftRequest): Promise<DraftOutcome> {
  const existing = await findCandidateByProductTime(db, r.product.name, r.productTime);
  if (existing) return { outcome: 'exists', id: existing.id, state: existing.state };
  if (!r.hazard.geometry) return { outcome: 'empty' };
  const rings = candidateRings(r.hazard.geometry);
  if (rings.length === 0) return { outcome: 'empty' };
  const expiresAt = new Date(r.productTime.getTime() + r.product.rule.validityHours * 3_600_000);
  if (expiresAt <= r.now) return { outcome: 'expired', expiresAt };

  const spec = candidateTargetSpec(rings, r.product.title, r.marginM);
  const rule: StoredRule = { ...r.product.rule, title: r.product.title };
  return db.transaction(async (tx) => {
    const targeting = await computeTargeting(tx, spec);
    if (targeting.villages.length === 0) return { outcome: 'no_villages', areaKm2: r.hazard.totalAreaKm2 };
    const id = await insertCandidate(tx, {
      product: r.product.name,
      productTime: r.productTime,
      sourceUrl: r.sourceUrl,
      threshold: r.product.threshold,
      unit: r.product.unit,
      pixelSizeM: r.hazard.pixelSizeM,
      geometry: r.hazard.geometry as NonNullable<VectorizedHazard['geometry']>,
      capRings: rings,
      areaKm2: r.hazard.totalAreaKm2,
      polygons: r.hazard.polygons.length,
      rule,
      expiresAt,
      targetSpec: spec,
      villages: targeting.villages,
      households: targeting.households,
      draftedBy: r.draftedBy,
      draftedAt: r.now,
    });
    // Another run drafted the same product time between the lookup and the insert.
    if (id === undefined) {
      const raced = await findCandidateByProductTime(tx, r.product.name, r.productTime);
      // No row and no conflict: the embedded engine's PostGIS can swallow a GEOS error this way
      // (electric-sql/pglite#916); a hazard must not vanish silently.
      if (!raced)
        throw new Error(
          `the candidate for ${r.product.name} at ${r.productTime.toISOString()} was not stored: the database returned no row for its geometry`,
        );
      return { outcome: 'exists', id: raced.id, state: raced.state };
    }
    return { outcome: 'new', id, villages: targeting.villages.length, households: targeting.households.inside };
  });
}
