// How far from the epicentre shaking of MMI III (felt indoors), IV (felt by many, windows rattle),
// V (felt by all, objects fall) and VI (slight damage, people frightened) reaches, from magnitude
// and depth alone (predictMmi: Allen, Wald & Worden 2012, hypocentral form). The equation is solved
// for distance by bisection on the hypocentral distance R = sqrt(epicentral² + depth²), which it
// decreases along monotonically (beyond 50 km, c2 < 0 outweighs c4 > 0 while
// Rhyp > 0.243·Rm, which holds for every M below 9.6); the epicentral radius
// is returned. A level not reached even at the epicentre (R = depth) has radius 0.
import type { QuakeEvent } from './quake-types.ts';
import { predictMmi } from './predict-mmi.ts';

export interface FeltRadius {
  /** MMI level as a number: 3, 4, 5, 6. */
  mmi: number;
  /** Epicentral radius in km inside which the mean predicted MMI is at least `mmi`; 0 when not reached. */
  radiusKm: number;
  /** The level reaches beyond MAX_FELT_RADIUS_KM; radiusKm is that bound, not the solution. */
  capped: boolean;
}

export const FELT_LEVELS = [3, 4, 5, 6] as const;

/**
 * Epicentral search bound, km. The equation was fitted to data within a few hundred km; past about
 * 1,000 km a circle is no longer a useful description of where a quake is felt (a great quake is
 * felt along whole coasts), so radii stop here and say so.
 */
export const MAX_FELT_RADIUS_KM = 1000;

/** Bisection tolerance on R, km. */
const TOLERANCE_KM = 0.001;

/** Radii of MMI III, IV, V and VI (in that order) for the event's magnitude and depth (km, negative read as 0). */
export function feltArea(event: Pick<QuakeEvent, 'magnitude' | 'depthKm'>): FeltRadius[] {
  const depth = Math.max(event.depthKm, 0);
  return FELT_LEVELS.map((mmi) => ({ mmi, ...radiusFor(event.magnitude, depth, mmi) }));
}

function radiusFor(magnitude: number, depth: number, mmi: number): { radiusKm: number; capped: boolean } {
  if (predictMmi(magnitude, depth) < mmi) return { radiusKm: 0, capped: false };
  const rMax = Math.hypot(MAX_FELT_RADIUS_KM, depth);
  if (predictMmi(magnitude, rMax) >= mmi) return { radiusKm: MAX_FELT_RADIUS_KM, capped: true };
  let lo = depth; // reached
  let hi = rMax; // not reached
  while (hi - lo > TOLERANCE_KM) {
    const mid = (lo + hi) / 2;
    if (predictMmi(magnitude, mid) >= mmi) lo = mid;
    else hi = mid;
  }
  const r = (lo + hi) / 2;
  return { radiusKm: Math.sqrt(Math.max(r * r - depth * depth, 0)), capped: false };
}
