// bmkg-nowcast: BMKG's nowcast warnings. The RSS index (Indonesian and English) lists one CAP
// document per warning; each document that is new or changed goes through the CAP engine, where
// the id and en documents of one warning merge into one alert.
//   fetch index → log → read items → for each new/changed item: fetch CAP → log → ingest → remember
import type { Config } from '../src/config.ts';
import { readNowcastIndex } from '../src/bmkg/nowcast/read-nowcast-index.ts';
import { cronCadenceMs } from '../src/feeds/cron-cadence.ts';
import { emptySummary, type FeedDeps, type FeedJob, type FeedRunContext, type FeedRunSummary } from '../src/feeds/feed-job.ts';
import { ingestFetchedCap, ingestIntoLog } from '../src/feeds/ingest-fetched-cap.ts';
import { openFetch, type ItemCounts } from '../src/feeds/logged-fetch.ts';

export const NOWCAST_FEED = 'bmkg-nowcast';

export function createNowcastJob(config: Config): FeedJob {
  const { nowcastUrls, nowcastSchedule, maxBytes } = config.feeds;
  return {
    name: NOWCAST_FEED,
    description: 'BMKG nowcast warnings: RSS index (id, en), then each new or changed CAP document',
    schedule: nowcastSchedule,
    cadenceMs: cronCadenceMs(nowcastSchedule),
    urls: nowcastUrls,
    async run(deps: FeedDeps, ctx: FeedRunContext): Promise<FeedRunSummary> {
      const summary = emptySummary();
      for (const indexUrl of ctx.urlOverride ? [ctx.urlOverride] : nowcastUrls) {
        const index = await openFetch(deps, ctx, summary, NOWCAST_FEED, indexUrl, 'xml');
        if (!index.body) continue;

        // An archived CAP document (backfill, or a document URL given to `feeds run`) is ingested as it is.
        if (isCapDocument(index.body.bytes)) {
          await ingestIntoLog(deps, index, indexUrl, index.body);
          continue;
        }

        const read = readNowcastIndex(index.body.bytes, { maxBytes, baseUrl: indexUrl });
        if (read.refused) {
          await index.fail('invalid_payload', `the RSS index could not be read: ${read.issues.map((i) => i.message).join('; ')}`, [
            { item: indexUrl, problems: read.issues, bytes: index.body.bytes, contentType: index.body.contentType },
          ]);
          continue;
        }

        const counts: ItemCounts = { seen: read.items.length, new: 0, updated: 0, invalid: 0 };
        for (const item of read.items) {
          const outcome = await ingestFetchedCap(deps, ctx, summary, NOWCAST_FEED, item.capUrl, item.key);
          if (outcome === 'new') counts.new += 1;
          else if (outcome === 'updated') counts.updated += 1;
          else if (outcome === 'invalid') counts.invalid += 1;
        }
        await index.finish(counts);
      }
      return summary;
    },
  };
}

/** A CAP `<alert>` root (any prefix) in the CAP namespace, rather than an RSS or Atom index. */
function isCapDocument(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<(?:[A-Za-z_][\w.-]*:)?alert[\s>]/.test(head) && head.includes('urn:oasis:names:tc:emergency:cap:');
}
