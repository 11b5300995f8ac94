// The tsunami half of the quake job: InaTEWS tsunami bulletins (PD-1 … PD-4) become one chain of
// Siaga CAP messages per tsunami — an Alert at the first warning, an Update at every new stage or
// change of zones, a Cancel when BMKG declares it over — over the kabupaten/kota codes the warning
// zones resolve to. Bulletins are taken oldest first (feeds list them newest first), each message
// is sent at the bulletin's own time, so that a replay or a second replica writes the same
// identifiers and the CAP engine sees duplicates. That time is the safe reading of BMKG's two
// (readReportTimes: the later of `timesent` and the quake's, none past the clock), and what
// contradicts is an alarm on the message and on the fetch. A zone that cannot be resolved is
// reported to the liaison with the payload; a warning with no zone resolved is invalid, never
// silently dropped.
import { unsignedCap } from '../cap/sign-cap.ts';
import { z } from 'zod';
import type { InatewsBulletin, TsunamiLevel } from '../bmkg/quake/quake-types.ts';
import { readReportTimes, type ReportTimes } from '../bmkg/quake/read-report-times.ts';
import { resolveWarningZones } from '../bmkg/quake/resolve-warning-zones.ts';
import { arrivalAlarms } from '../bmkg/quake/tsunami-arrivals.ts';
import { TSUNAMI_MESSAGE_LIFETIME_MS, tsunamiWarningToCap } from '../bmkg/quake/tsunami-warning-to-cap.ts';
import { writeCap } from '../cap/write-cap.ts';
import type { FetchAlarm } from '../db/feed-log.ts';
import { getFeedItem, putFeedItem } from '../db/feed-state.ts';
import { readStoredJson } from '../db/read-stored-json.ts';
import { KEMENDAGRI_REGENCIES } from '../registry/kemendagri-regencies.ts';
import type { FeedDeps } from './feed-job.ts';
import type { ItemCounts } from './logged-fetch.ts';

// What the feed item of a tsunami event keeps (feed_items.detail): the message last issued for it.
const TsunamiStateSchema = z.object({ identifier: z.string(), sent: z.string(), stateHash: z.string(), ended: z.boolean() });
type TsunamiState = z.infer<typeof TsunamiStateSchema>;

export async function ingestTsunamiBulletins(
  deps: FeedDeps,
  feed: string,
  url: string,
  bulletins: readonly InatewsBulletin[],
  counts: ItemCounts,
  problems: { path: string; message: string }[],
  alarms: FetchAlarm[],
): Promise<void> {
  const now = deps.now();
  const tsunami = bulletins
    .filter((b) => b.kind !== 'quake')
    .map((bulletin) => ({ bulletin, at: `${bulletin.event.key} ${bulletin.stage ?? ''}`.trim() }))
    .map(({ bulletin, at }) => ({
      bulletin,
      at,
      times: readReportTimes({
        eventAt: bulletin.event.originTime,
        sentAt: bulletin.sentAt,
        now,
        lifetimeMs: TSUNAMI_MESSAGE_LIFETIME_MS,
        at: `tsunami ${at}`,
      }),
    }))
    .sort((a, b) => a.times.sentMs - b.times.sentMs);
  for (const { bulletin, at, times } of tsunami) {
    const key = `tsunami:${bulletin.event.key}`;
    const resolved = resolveWarningZones(bulletin, KEMENDAGRI_REGENCIES);
    const stateHash = [bulletin.kind, bulletin.stage ?? '', bulletin.observed, ...zonesAsSent(resolved.zones)].join('|');
    const stored = await getFeedItem(deps.db, feed, key);
    const previous = stored && readStoredJson(TsunamiStateSchema, stored.detail, `tsunami feed item ${key}: detail`);
    // Already handled (its zones were reported then), or over: a 30-day list repeats old bulletins.
    if (previous?.stateHash === stateHash || previous?.ended) continue;
    if (bulletin.kind === 'tsunami-ended' && !previous) continue; // nothing of ours to end
    for (const u of resolved.unresolved) {
      const message = `warning zone ${u.level} ${u.province} "${u.district}" could not be resolved to a Kemendagri code: ${u.why}`;
      deps.logger.warn({ url, bulletin: at }, message);
      problems.push({ path: at, message });
    }
    if (bulletin.kind === 'tsunami-warning' && resolved.zones.length === 0) {
      const message = `the tsunami warning names ${bulletin.zones.length} zone(s) and Siaga could resolve none to a code; nobody could be warned from it`;
      deps.logger.error({ url, bulletin: at }, message);
      counts.invalid += 1;
      problems.push({ path: at, message });
      continue;
    }
    const sent = new Date(Math.max(times.sentMs, previous ? Date.parse(previous.sent) + 1000 : 0));
    const draft = tsunamiWarningToCap(bulletin, resolved.zones, {
      sender: deps.sender,
      now: sent,
      eventAt: new Date(times.eventMs),
      previous: previous && { identifier: previous.identifier, sent: new Date(previous.sent) },
    });
    const result = await deps.ingestCap({
      source: url,
      bytes: (deps.signCap ?? unsignedCap)(writeCap(draft)),
      timeAlarms: timeAlarmsOf(bulletin, times, sent, at),
    });
    alarms.push(...result.timeAlarms.map((a) => ({ item: draft.identifier, ...a })));
    if (result.outcome === 'rejected') {
      const message = `Siaga's own CAP message for this bulletin was refused: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`;
      deps.logger.error({ url, bulletin: at }, message);
      counts.invalid += 1;
      problems.push({ path: at, message });
      continue;
    }
    const state: TsunamiState = {
      identifier: draft.identifier,
      sent: draft.sent.toISOString(),
      stateHash,
      ended: bulletin.kind === 'tsunami-ended',
    };
    await putFeedItem(deps.db, feed, { key, contentHash: stateHash, detail: { ...state } });
    if (previous) counts.updated += 1;
    else counts.new += 1;
  }
}

const LEVELS: readonly TsunamiLevel[] = ['AWAS', 'SIAGA', 'WASPADA'];

// What the message carries: each code once, at its highest level (two zone names, "JEMBER" and
// "JEMBER PULAU NUSABARUNG", are one kabupaten). A bulletin that only drops such a duplicate name
// would otherwise become an Update that changes nothing for anyone.
function zonesAsSent(zones: readonly { level: TsunamiLevel; code: string }[]): string[] {
  const best = new Map<string, TsunamiLevel>();
  for (const z of zones) {
    const had = best.get(z.code);
    if (had === undefined || LEVELS.indexOf(z.level) < LEVELS.indexOf(had)) best.set(z.code, z.level);
  }
  return [...best].map(([code, level]) => `${level}:${code}`).sort();
}

/** The bulletin's contradictory times: BMKG's send and quake times, and (for a warning) the zones' expected arrivals. */
function timeAlarmsOf(bulletin: InatewsBulletin, times: ReportTimes, sent: Date, at: string) {
  if (bulletin.kind !== 'tsunami-warning') return times.alarms;
  return [
    ...times.alarms,
    ...arrivalAlarms(bulletin, { eventMs: times.eventMs, expiresMs: sent.getTime() + TSUNAMI_MESSAGE_LIFETIME_MS }, `tsunami ${at}`),
  ];
}
