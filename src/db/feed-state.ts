// Statements on feed_url_state (conditional GET validators) and feed_items (what a feed has handled).
import type { Queryable } from './db.ts';
import { readStoredObject } from './read-stored-json.ts';
import { many, maybeOne } from './sql.ts';

export interface UrlState {
  etag: string | null;
  last_modified: string | null;
  body_sha256: string | null;
}

const GET_URL_STATE = `SELECT etag, last_modified, body_sha256 FROM feed_url_state WHERE feed = $1 AND url = $2`;
const SET_URL_STATE = `
INSERT INTO feed_url_state (feed, url, etag, last_modified, body_sha256) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (feed, url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
  body_sha256 = EXCLUDED.body_sha256, updated_at = now()`;

export async function getUrlState(db: Queryable, feed: string, url: string): Promise<UrlState | undefined> {
  return maybeOne<UrlState>(db, GET_URL_STATE, [feed, url]);
}

export async function setUrlState(db: Queryable, feed: string, url: string, s: UrlState): Promise<void> {
  await db.query(SET_URL_STATE, [feed, url, s.etag, s.last_modified, s.body_sha256]);
}

export interface FeedItem {
  item_key: string;
  content_hash: string;
  state: 'ok' | 'invalid' | 'unknown';
  detail: Record<string, unknown>;
  retry_after: string | null;
}

const GET_ITEM = `
SELECT item_key, content_hash, state, detail, to_json(retry_after)#>>'{}' AS retry_after FROM feed_items WHERE feed = $1 AND item_key = $2`;

const PUT_ITEM = `
INSERT INTO feed_items (feed, item_key, content_hash, state, detail, retry_after) VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz)
ON CONFLICT (feed, item_key) DO UPDATE SET content_hash = EXCLUDED.content_hash, state = EXCLUDED.state,
  detail = EXCLUDED.detail, retry_after = EXCLUDED.retry_after, last_seen = now()`;

const ITEMS_WITH_STATE = `
SELECT item_key, content_hash, state, detail, to_json(retry_after)#>>'{}' AS retry_after FROM feed_items WHERE feed = $1 AND state = $2`;

type StoredFeedItem = Omit<FeedItem, 'detail'> & { detail: unknown };

function readFeedItem(feed: string, row: StoredFeedItem): FeedItem {
  return { ...row, detail: readStoredObject(row.detail, `feed item ${feed}/${row.item_key}: detail`) };
}

export async function getFeedItem(db: Queryable, feed: string, key: string): Promise<FeedItem | undefined> {
  const row = await maybeOne<StoredFeedItem>(db, GET_ITEM, [feed, key]);
  return row && readFeedItem(feed, row);
}

export async function putFeedItem(
  db: Queryable,
  feed: string,
  item: { key: string; contentHash: string; state?: FeedItem['state']; detail?: Record<string, unknown>; retryAfter?: Date },
): Promise<void> {
  await db.query(PUT_ITEM, [
    feed,
    item.key,
    item.contentHash,
    item.state ?? 'ok',
    JSON.stringify(item.detail ?? {}),
    item.retryAfter?.toISOString() ?? null,
  ]);
}

export async function feedItemsWithState(db: Queryable, feed: string, state: FeedItem['state']): Promise<FeedItem[]> {
  return (await many<StoredFeedItem>(db, ITEMS_WITH_STATE, [feed, state])).map((row) => readFeedItem(feed, row));
}
