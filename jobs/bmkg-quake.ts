// bmkg-quake: BMKG earthquake feeds (autogempa, gempaterkini, gempadirasakan; JSON or XML, the
// pre-2021 lon,lat format included) and InaTEWS (datagempa.json). Each quake becomes one CAP
// message Siaga issues for its felt area (src/bmkg/quake/quake-to-cap.ts); the same quake seen in
// another feed or fetched again is recognised, and a revision (BMKG revises magnitude and location
// minutes later) is sent as an Update of the earlier message. InaTEWS tsunami bulletins become
// their own chain of warnings over the resolved kabupaten/kota (src/feeds/ingest-tsunami-bulletins.ts).
//   fetch → log → parse → match against known quakes → CAP engine → remember → tsunami bulletins
import type { Config } from '../src/config.ts';
import { matchKnownQuake } from '../src/bmkg/quake/match-known-quake.ts';
import { parseInatewsFeed } from '../src/bmkg/quake/parse-inatews-feed.ts';
import { parseQuakeFeed } from '../src/bmkg/quake/parse-quake-feed.ts';
import { QUAKE_MESSAGE_LIFETIME_MS, quakeToCap } from '../src/bmkg/quake/quake-to-cap.ts';
import { readReportTimes } from '../src/bmkg/quake/read-report-times.ts';
import type { InatewsBulletin, InatewsSource, QuakeEvent, QuakeFeedSource } from '../src/bmkg/quake/quake-types.ts';
import { writeCap } from '../src/cap/write-cap.ts';
import type { FetchAlarm } from '../src/db/feed-log.ts';
import { feedItemsWithState, putFeedItem } from '../src/db/feed-state.ts';
import { cronCadenceMs } from '../src/feeds/cron-cadence.ts';
import { emptySummary, type FeedDeps, type FeedJob, type FeedRunContext, type FeedRunSummary } from '../src/feeds/feed-job.ts';
import { ingestTsunamiBulletins } from '../src/feeds/ingest-tsunami-bulletins.ts';
import { readKnownQuake, type KnownQuake } from '../src/feeds/known-quake.ts';
import { openFetch, type ItemCounts } from '../src/feeds/logged-fetch.ts';

export const QUAKE_FEED = 'bmkg-quake';

const QUAKE_SOURCES: QuakeFeedSource[] = ['autogempa', 'gempaterkini', 'gempadirasakan'];
const INATEWS_SOURCES: InatewsSource[] = [
  'datagempa',
  'last30event',
  'last30feltevent',
  'last30tsunamievent',
  'live30event',
  'lastQL',
  'gempaQL',
];

export function createQuakeJob(config: Config): FeedJob {
  const { quakeUrls, quakeSchedule, maxBytes } = config.feeds;
  return {
    name: QUAKE_FEED,
    description: 'BMKG earthquakes (autogempa, gempaterkini, gempadirasakan, InaTEWS): felt-area messages, revisions as Updates',
    schedule: quakeSchedule,
    cadenceMs: cronCadenceMs(quakeSchedule),
    urls: quakeUrls,
    // Quakes and tsunami bulletins are polled every 10 s and must never wait behind a forecast run.
    budgetPriority: 'urgent',
    async run(deps: FeedDeps, ctx: FeedRunContext): Promise<FeedRunSummary> {
      const summary = emptySummary();
      for (const url of ctx.urlOverride ? [ctx.urlOverride] : quakeUrls) {
        const source = sourceOf(url);
        const fetch = await openFetch(deps, ctx, summary, QUAKE_FEED, url, 'any');
        if (!fetch.body) continue;
        if (!source) {
          await fetch.fail(
            'unknown_source',
            `cannot tell which BMKG quake product ${url} is (expected a name like autogempa.json or datagempa.json)`,
          );
          continue;
        }

        const parsed: { events: QuakeEvent[]; issues: { path: string; message: string }[]; bulletins?: InatewsBulletin[] } =
          source.kind === 'quake'
            ? parseQuakeFeed(fetch.body.bytes, source.name, { maxBytes })
            : parseInatewsFeed(fetch.body.bytes, source.name, { maxBytes });
        if (parsed.events.length === 0 && parsed.issues.length > 0) {
          await fetch.fail(
            'invalid_payload',
            `no quake could be read: ${parsed.issues
              .slice(0, 3)
              .map((i) => `${i.path}: ${i.message}`)
              .join('; ')}`,
            [{ item: url, problems: parsed.issues, bytes: fetch.body.bytes, contentType: fetch.body.contentType }],
          );
          continue;
        }

        const known = (await feedItemsWithState(deps.db, QUAKE_FEED, 'ok'))
          .filter((i) => i.item_key.startsWith('quake:'))
          .map((i) => readKnownQuake(i.detail, i.item_key));
        const counts: ItemCounts = { seen: parsed.events.length, new: 0, updated: 0, invalid: 0 };
        const alarms: FetchAlarm[] = [];
        for (const event of parsed.events) {
          const match = matchKnownQuake(
            event,
            known.map((k) => k.event),
          );
          if (match.kind === 'unchanged') continue;
          const previous = match.kind === 'revision' ? known.find((k) => k.event === match.known) : undefined;
          // InaTEWS says when it sent the bulletin; the other feeds give the origin alone.
          const sentAt = parsed.bulletins?.find((b) => b.event === event)?.sentAt;
          const now = deps.now();
          const times = readReportTimes({
            eventAt: event.originTime,
            sentAt,
            now,
            lifetimeMs: QUAKE_MESSAGE_LIFETIME_MS,
            at: `quake ${event.key}`,
          });
          const draft = quakeToCap(event, {
            sender: deps.sender,
            now,
            times,
            previous: previous && { identifier: previous.identifier, sent: new Date(previous.sent) },
            note: match.kind === 'revision' ? `BMKG revised the quake: ${match.changes.join('; ')}` : undefined,
          });
          const result = await deps.ingestCap({ source: url, bytes: writeCap(draft), timeAlarms: times.alarms });
          alarms.push(...result.timeAlarms.map((a) => ({ item: draft.identifier, ...a })));
          if (result.outcome === 'rejected') {
            counts.invalid += 1;
            deps.logger.error({ key: match.key, errors: result.errors }, 'a quake message Siaga wrote was refused by its own CAP engine');
            continue;
          }
          const entry: KnownQuake = { event, identifier: draft.identifier, sent: draft.sent.toISOString() };
          await putFeedItem(deps.db, QUAKE_FEED, {
            key: `quake:${match.key}`,
            contentHash: `${event.magnitude}|${event.depthKm}|${event.lat}|${event.lon}`,
            detail: { ...entry },
          });
          if (previous) {
            counts.updated += 1;
            known.splice(known.indexOf(previous), 1, entry);
          } else {
            counts.new += 1;
            known.push(entry);
          }
        }
        const problems: { path: string; message: string }[] = [];
        if (parsed.bulletins) await ingestTsunamiBulletins(deps, QUAKE_FEED, url, parsed.bulletins, counts, problems, alarms);
        await fetch.finish(
          counts,
          problems.length > 0 ? [{ item: url, problems, bytes: fetch.body.bytes, contentType: fetch.body.contentType }] : [],
          alarms,
        );
      }
      return summary;
    },
  };
}

function sourceOf(url: string): { kind: 'quake'; name: QuakeFeedSource } | { kind: 'inatews'; name: InatewsSource } | undefined {
  const file =
    new URL(url, 'http://x').pathname
      .split('/')
      .pop()
      ?.replace(/\.(json|xml)$/i, '') ?? '';
  const quake = QUAKE_SOURCES.find((s) => s === file);
  if (quake) return { kind: 'quake', name: quake };
  const inatews = INATEWS_SOURCES.find((s) => s === file);
  return inatews ? { kind: 'inatews', name: inatews } : undefined;
}
