import { isoUtcKeepingMillis } from '../../time/iso-utc.ts';

/**
 * The key under which a nowcast index item is remembered between fetches: the alert (guid, or the
 * CAP link when there is no guid) and when it was published (pubDate as an ISO UTC instant when it
 * reads as a date, else as written). A new key means a new or changed document worth fetching;
 * the same key means the document was already fetched. pubDate is normalised so that BMKG writing
 * the same moment another way ("15:07:00 +0800" or "07:07:00 +0000") does not count as a change.
 */
export function nowcastDocumentKey(item: { guid?: string; capUrl: string; pubDate?: string }): string {
  const published = item.pubDate === undefined ? '' : Date.parse(item.pubDate);
  const when = typeof published === 'number' && Number.isFinite(published) ? isoUtcKeepingMillis(published) : (item.pubDate ?? '');
  return JSON.stringify([item.guid ?? item.capUrl, when]);
}
