// How a revision is detected. A job keeps the quakes it has already issued (with the key each was
// issued under) and asks, for every event it reads:
//   - is it the same quake as a known one (sameQuake: origins within 60 s, epicentres within
//     100 km)? Then it is that quake again: `unchanged` when nothing material moved, else a
//     `revision` that keeps the known key, so its CAP message is an Update of the earlier one even
//     when the revised origin time falls into the next minute (04:58:59 → 04:59:01);
//   - otherwise it is `new`. Its key is the origin minute; if a different quake already holds that
//     key (two quakes in one minute, more than 100 km apart), `-2`, `-3`, … is appended.
// The feed's own ids are not used: they differ between feeds and change with every InaTEWS bulletin.
import type { QuakeEvent } from './quake-types.ts';
import { epicentralDistanceKm } from './epicentral-distance-km.ts';
import { SAME_QUAKE_KM, SAME_QUAKE_SECONDS, sameQuake } from './same-quake.ts';

export type KnownQuakeMatch =
  | { kind: 'new'; key: string }
  /** The same quake with the same numbers (another feed, or the same report fetched again). */
  | { kind: 'unchanged'; known: QuakeEvent }
  /** The same quake, revised: issue an Update under `key` (the known one's). `changes` say what moved, for the liaison and the message note. */
  | { kind: 'revision'; known: QuakeEvent; key: string; changes: string[] };

/** Smaller differences than these are rounding between feeds (BMKG writes 0.1 magnitude, whole km, 0.01°), not revisions. */
const MAGNITUDE_STEP = 0.05;
const DEPTH_STEP_KM = 0.5;
const EPICENTRE_STEP_KM = 2;

/** Compares `event` with the quakes already known; see the file comment for the rules. */
export function matchKnownQuake(event: QuakeEvent, known: readonly QuakeEvent[]): KnownQuakeMatch {
  let best: { quake: QuakeEvent; score: number } | undefined;
  for (const quake of known) {
    if (!sameQuake(quake, event)) continue;
    const score =
      Math.abs(Date.parse(quake.originTime) - Date.parse(event.originTime)) / 1000 / SAME_QUAKE_SECONDS +
      epicentralDistanceKm(quake, event) / SAME_QUAKE_KM;
    if (best === undefined || score < best.score) best = { quake, score };
  }
  if (best) {
    const changes = describeChanges(best.quake, event);
    return changes.length === 0
      ? { kind: 'unchanged', known: best.quake }
      : { kind: 'revision', known: best.quake, key: best.quake.key, changes };
  }
  const used = new Set(known.map((q) => q.key));
  let key = event.key;
  for (let n = 2; used.has(key); n++) key = `${event.key}-${n}`;
  return { kind: 'new', key };
}

function describeChanges(before: QuakeEvent, after: QuakeEvent): string[] {
  const changes: string[] = [];
  if (Math.abs(before.magnitude - after.magnitude) >= MAGNITUDE_STEP) changes.push(`magnitude ${before.magnitude} → ${after.magnitude}`);
  if (Math.abs(before.depthKm - after.depthKm) >= DEPTH_STEP_KM) changes.push(`depth ${before.depthKm} → ${after.depthKm} km`);
  const moved = epicentralDistanceKm(before, after);
  if (moved >= EPICENTRE_STEP_KM)
    changes.push(`epicentre moved ${moved.toFixed(1)} km (${before.lat},${before.lon} → ${after.lat},${after.lon})`);
  // A feed without tsunami text (gempadirasakan, live30event) says 'unknown': no change, unless the news is a threat.
  const threat = after.tsunami === 'warning' || after.tsunami === 'potential';
  if (before.tsunami !== after.tsunami && (threat || (before.tsunami !== 'unknown' && after.tsunami !== 'unknown')))
    changes.push(`tsunami ${before.tsunami} → ${after.tsunami}`);
  // A shifted origin time alone changes nobody's warning; it is told only beside a real change.
  if (changes.length > 0 && before.originTime !== after.originTime) changes.push(`origin time ${before.originTime} → ${after.originTime}`);
  return changes;
}
