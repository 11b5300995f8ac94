// bmkg-forecast: BMKG's 3-hourly village forecasts, for the villages where people are registered,
// most households first and within the shared rate budget. Heavy rain and thunderstorms in the
// coming 24 h become advisories for the village (a CAP message Siaga issues, targeting the village
// by its code); a changed advisory is sent as an Update of the earlier one.
//   pick villages → fetch forecast → log → parse → derive advisories → CAP engine → remember
import type { Config } from '../src/config.ts';
import { deriveForecastAdvisories } from '../src/bmkg/forecast/derive-forecast-advisories.ts';
import { forecastAdvisoryToCap } from '../src/bmkg/forecast/forecast-advisory-to-cap.ts';
import { forecastTimeAlarms } from '../src/bmkg/forecast/forecast-time-alarms.ts';
import { parseForecastJson } from '../src/bmkg/forecast/parse-forecast-json.ts';
import { writeCap } from '../src/cap/write-cap.ts';
import type { FetchAlarm } from '../src/db/feed-log.ts';
import { forecastVillagesDue } from '../src/db/forecast-villages.ts';
import { getFeedItem, putFeedItem } from '../src/db/feed-state.ts';
import { cronCadenceMs } from '../src/feeds/cron-cadence.ts';
import { emptySummary, type FeedDeps, type FeedJob, type FeedRunContext, type FeedRunSummary } from '../src/feeds/feed-job.ts';
import { openFetch, type ItemCounts } from '../src/feeds/logged-fetch.ts';

export const FORECAST_FEED = 'bmkg-forecast';
/** A village code BMKG does not know is asked again after this long, not on every run. */
const UNKNOWN_RETRY_MS = 7 * 24 * 3600 * 1000;

export function createForecastJob(config: Config): FeedJob {
  const { forecastUrl, forecastSchedule, forecastVillagesPerRun, maxBytes } = config.feeds;
  return {
    name: FORECAST_FEED,
    description: `BMKG village forecasts (${forecastVillagesPerRun} villages a run, most households first): heavy rain and thunderstorm advisories for the next 24 h`,
    schedule: forecastSchedule,
    cadenceMs: cronCadenceMs(forecastSchedule),
    urls: [forecastUrl],
    async run(deps: FeedDeps, ctx: FeedRunContext): Promise<FeedRunSummary> {
      const summary = emptySummary();
      const villages = ctx.urlOverride
        ? [{ code: new URL(ctx.urlOverride, 'http://x').searchParams.get('adm4') ?? '', url: ctx.urlOverride }]
        : (await forecastVillagesDue(deps.db, FORECAST_FEED, deps.now(), forecastVillagesPerRun)).map((v) => ({
            code: v.code,
            url: forecastUrl.replace('{code}', v.code),
          }));

      for (const village of villages) {
        const villageKey = `village:${village.code}`;
        const fetch = await openFetch(deps, ctx, summary, FORECAST_FEED, village.url, 'json');
        if (fetch.error?.status === 404) {
          await putFeedItem(deps.db, FORECAST_FEED, {
            key: villageKey,
            contentHash: '',
            state: 'unknown',
            detail: { reason: 'BMKG answered 404: it has no forecast for this village code' },
            retryAfter: new Date(deps.now().getTime() + UNKNOWN_RETRY_MS),
          });
          continue;
        }
        if (!fetch.body) {
          if (!fetch.error) await putFeedItem(deps.db, FORECAST_FEED, { key: villageKey, contentHash: 'not-modified' });
          continue;
        }

        const forecast = parseForecastJson(fetch.body.bytes, { maxBytes, adm4: village.code || undefined });
        if (!forecast.ok) {
          await fetch.fail('invalid_payload', `the forecast could not be read: ${forecast.issues.map((i) => i.message).join('; ')}`, [
            { item: village.url, problems: forecast.issues, bytes: fetch.body.bytes, contentType: fetch.body.contentType },
          ]);
          continue;
        }

        const advisories = deriveForecastAdvisories(forecast, { now: deps.now(), horizonHours: 24 });
        const counts: ItemCounts = { seen: advisories.length, new: 0, updated: 0, invalid: 0 };
        const timeAlarms = forecastTimeAlarms(forecast, deps.now(), `forecast ${forecast.location.adm4}`);
        const alarms: FetchAlarm[] = timeAlarms.map((a) => ({ item: village.url, ...a }));
        for (const advisory of advisories) {
          const key = `advisory:${forecast.location.adm4}:${advisory.kind}:${advisory.validFrom}`;
          const hash = `${advisory.validTo}|${advisory.worstCode}|${advisory.steps}`;
          const known = await getFeedItem(deps.db, FORECAST_FEED, key);
          if (known?.content_hash === hash) continue;
          const previous = known ? { identifier: String(known.detail.identifier), sent: new Date(String(known.detail.sent)) } : undefined;
          const draft = forecastAdvisoryToCap(advisory, forecast.location, { sender: deps.sender, now: deps.now(), previous });
          const result = await deps.ingestCap({ source: village.url, bytes: writeCap(draft), timeAlarms });
          // The forecast's own alarms are on the fetch once; the engine's about this message too.
          alarms.push(...result.timeAlarms.slice(timeAlarms.length).map((a) => ({ item: draft.identifier, ...a })));
          if (result.outcome === 'rejected') {
            counts.invalid += 1;
            deps.logger.error({ key, errors: result.errors }, 'an advisory Siaga wrote was refused by its own CAP engine');
            continue;
          }
          await putFeedItem(deps.db, FORECAST_FEED, {
            key,
            contentHash: hash,
            detail: { identifier: draft.identifier, sent: draft.sent.toISOString(), alertId: result.alertId },
          });
          if (previous) counts.updated += 1;
          else counts.new += 1;
        }
        await fetch.finish(counts, [], alarms);
        await putFeedItem(deps.db, FORECAST_FEED, { key: villageKey, contentHash: forecast.analysisTime ?? '' });
      }
      return summary;
    },
  };
}
