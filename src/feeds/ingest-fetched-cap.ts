// One CAP document linked from a feed index: fetched (its own log row), handed to the CAP engine,
// and remembered under the index's key (guid + pubDate) so that an unchanged item is not fetched
// again. A document that will not parse or validate is kept (compressed) for the liaison.
import { getFeedItem, putFeedItem } from '../db/feed-state.ts';
import type { FeedDeps, FeedRunContext, FeedRunSummary } from './feed-job.ts';
import { openFetch, type OpenedFetch } from './logged-fetch.ts';

export type ItemOutcome = 'new' | 'updated' | 'unchanged' | 'invalid' | 'error';

export async function ingestFetchedCap(
  deps: FeedDeps,
  ctx: FeedRunContext,
  summary: FeedRunSummary,
  feed: string,
  url: string,
  key: string,
): Promise<ItemOutcome> {
  const itemKey = `cap:${url}`;
  const known = await getFeedItem(deps.db, feed, itemKey);
  if (known && known.content_hash === key && known.state === 'ok' && ctx.slot !== 'backfill') return 'unchanged';

  const doc = await openFetch(deps, ctx, summary, feed, url, 'xml', { conditional: known?.state === 'ok' });
  if (!doc.body) return known ? 'unchanged' : 'error';
  const outcome = await ingestIntoLog(deps, doc, url, doc.body);
  if (outcome === 'error') return outcome;
  await putFeedItem(deps.db, feed, { key: itemKey, contentHash: key, state: outcome === 'invalid' ? 'invalid' : 'ok' });
  return outcome;
}

/** Hands a fetched CAP document to the CAP engine and writes the fetch's log row from the outcome. */
export async function ingestIntoLog(
  deps: FeedDeps,
  fetch: OpenedFetch,
  url: string,
  body: { bytes: Uint8Array; contentType?: string },
): Promise<ItemOutcome> {
  let result;
  try {
    result = await deps.ingestCap({ source: url, bytes: body.bytes });
  } catch (err) {
    // The database failed, not the document (a document's own faults come back as a refusal): log
    // the fetch as an error and leave the item unremembered, so the next run tries it again.
    await fetch.fail(
      'ingest_error',
      `the CAP document could not be stored now and will be tried again: ${err instanceof Error ? err.message : String(err)}`,
    );
    return 'error';
  }
  if (result.outcome === 'rejected') {
    const why = result.errors
      .slice(0, 3)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ');
    await fetch.fail(
      'invalid_cap',
      `the CAP document was refused: ${why}${result.errors.length > 3 ? ` (and ${result.errors.length - 3} more)` : ''}`,
      [{ item: url, problems: result.errors, bytes: body.bytes, contentType: body.contentType }],
    );
    return 'invalid';
  }
  const isNew = result.outcome === 'new' || result.outcome === 'translation';
  const isUpdate = result.outcome === 'update' || result.outcome === 'cancel';
  const alarms = result.timeAlarms.map((a) => ({ item: result.identity?.identifier ?? url, ...a }));
  await fetch.finish({ seen: 1, new: isNew ? 1 : 0, updated: isUpdate ? 1 : 0, invalid: 0 }, [], alarms);
  return isNew ? 'new' : isUpdate ? 'updated' : 'unchanged';
}
