// Whether two reports describe one quake. BMKG's revisions change magnitude, depth and epicentre,
// so none of those can be compared for identity; what stays close is the origin time (within a
// few seconds) and the epicentre (within tens of km: the Nagekeo M7.7 moved 11.8 km between PD-1
// and PD-2). The limits below are deliberately wide, since missing a revision makes two messages
// about one quake (residents warned twice, the first never updated), while the cost of merging two
// real quakes is small: two quakes within one minute and 100 km are, for the people under them,
// one shaking; such an aftershock would be reported by BMKG as its own event minutes later anyway.
import type { QuakeEvent } from './quake-types.ts';
import { epicentralDistanceKm } from './epicentral-distance-km.ts';

/** Origin times of one quake's reports differ by at most this much, seconds. */
export const SAME_QUAKE_SECONDS = 60;
/** Epicentres of one quake's reports lie at most this far apart, km. */
export const SAME_QUAKE_KM = 100;

/** True when `a` and `b` are reports (first or revised, from any feed) of one quake: origins within 60 s and epicentres within 100 km. */
export function sameQuake(a: Pick<QuakeEvent, 'originTime' | 'lat' | 'lon'>, b: Pick<QuakeEvent, 'originTime' | 'lat' | 'lon'>): boolean {
  const dt = Math.abs(Date.parse(a.originTime) - Date.parse(b.originTime)) / 1000;
  return dt <= SAME_QUAKE_SECONDS && epicentralDistanceKm(a, b) <= SAME_QUAKE_KM;
}
