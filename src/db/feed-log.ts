// Statements on feed_fetches and feed_payloads: the ingestion log the BMKG liaison reads.
import { gzipSync } from 'node:zlib';
import type { Queryable } from './db.ts';
import type { FetchOutcome } from './fetch-outcomes.ts';
import { many, one } from './sql.ts';
import { readStoredFetchAlarms, type FetchAlarm } from './stored-time-alarms.ts';

/** A time alarm of something a fetch brought, with the item (message identifier) it concerns. */
export type { FetchAlarm } from './stored-time-alarms.ts';

export interface FetchLogEntry {
  feed: string;
  url: string;
  slot: string;
  backfill: boolean;
  startedAt: Date;
  durationMs: number;
  attempts: number;
  httpStatus: number | null;
  bytes: number | null;
  etag: string | null;
  lastModified: string | null;
  outcome: FetchOutcome;
  itemsSeen: number;
  itemsNew: number;
  itemsUpdated: number;
  itemsInvalid: number;
  errorClass: string | null;
  errorMessage: string | null;
  /** Contradictory times in what the fetch brought (none when absent). */
  timeAlarms?: readonly FetchAlarm[];
}

const INSERT_FETCH = `
INSERT INTO feed_fetches (feed, url, slot, backfill, started_at, duration_ms, attempts, http_status, bytes, etag,
  last_modified, outcome, items_seen, items_new, items_updated, items_invalid, error_class, error_message, time_alarms)
VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb)
RETURNING id::int`;

const INSERT_PAYLOAD = `
INSERT INTO feed_payloads (fetch_id, item, problems, content_type, body_gzip, bytes, keep_until)
VALUES ($1, $2, $3::jsonb, $4, $5, $6, now() + make_interval(days => $7))`;

const PURGE_PAYLOADS = `DELETE FROM feed_payloads WHERE keep_until < now()`;

export async function insertFetch(db: Queryable, e: FetchLogEntry): Promise<number> {
  const row = await one<{ id: number }>(db, INSERT_FETCH, [
    e.feed,
    e.url,
    e.slot,
    e.backfill,
    e.startedAt.toISOString(),
    Math.round(e.durationMs),
    e.attempts,
    e.httpStatus,
    e.bytes,
    e.etag,
    e.lastModified,
    e.outcome,
    e.itemsSeen,
    e.itemsNew,
    e.itemsUpdated,
    e.itemsInvalid,
    e.errorClass,
    e.errorMessage,
    JSON.stringify(e.timeAlarms ?? []),
  ]);
  return row.id;
}

/** Keeps the raw bytes of something that could not be used, compressed, for `retentionDays`. */
export async function keepPayload(
  db: Queryable,
  fetchId: number,
  p: { item: string; problems: { path: string; message: string }[]; contentType: string | null; body: Uint8Array; retentionDays: number },
): Promise<void> {
  await db.query(INSERT_PAYLOAD, [
    fetchId,
    p.item,
    JSON.stringify(p.problems),
    p.contentType,
    gzipSync(p.body),
    p.body.byteLength,
    p.retentionDays,
  ]);
}

export async function purgeExpiredPayloads(db: Queryable): Promise<number> {
  return (await db.query(PURGE_PAYLOADS)).rowCount;
}

export interface FetchLogRow {
  id: number;
  feed: string;
  url: string;
  slot: string;
  backfill: boolean;
  started_at: string;
  duration_ms: number;
  attempts: number;
  http_status: number | null;
  bytes: number | null;
  etag: string | null;
  outcome: FetchOutcome;
  items_seen: number;
  items_new: number;
  items_updated: number;
  items_invalid: number;
  error_class: string | null;
  error_message: string | null;
  /** Contradictory times in what the fetch brought: alarms, whatever the outcome says. */
  time_alarms: FetchAlarm[];
  payloads: number;
}

const LIST_FETCHES = `
SELECT f.id::int, f.feed, f.url, f.slot, f.backfill, to_json(f.started_at)#>>'{}' AS started_at, f.duration_ms, f.attempts,
  f.http_status, f.bytes, f.etag, f.outcome, f.items_seen, f.items_new, f.items_updated, f.items_invalid,
  f.error_class, f.error_message, f.time_alarms, (SELECT count(*)::int FROM feed_payloads p WHERE p.fetch_id = f.id) AS payloads
FROM feed_fetches f
WHERE ($1::text IS NULL OR f.feed = $1) AND ($2::timestamptz IS NULL OR f.started_at >= $2)
  AND ($3::text IS NULL OR f.outcome = $3 OR ($3 = 'alarm' AND jsonb_array_length(f.time_alarms) > 0))
ORDER BY f.started_at DESC, f.id DESC
LIMIT $4`;

/** A row as it comes from the database, before its jsonb is parsed. */
export type StoredFetchLogRow = Omit<FetchLogRow, 'time_alarms'> & { time_alarms: unknown };

export function readFetchLogRow(row: StoredFetchLogRow): FetchLogRow {
  return { ...row, time_alarms: readStoredFetchAlarms(row.time_alarms, row.id) };
}

/** `outcome` may also be `alarm`: the fetches that brought contradictory times, whatever their outcome. */
export async function listFetches(
  db: Queryable,
  filter: { feed?: string; since?: Date; outcome?: string; limit?: number },
): Promise<FetchLogRow[]> {
  const rows = await many<StoredFetchLogRow>(db, LIST_FETCHES, [
    filter.feed ?? null,
    filter.since?.toISOString() ?? null,
    filter.outcome ?? null,
    filter.limit ?? 200,
  ]);
  return rows.map(readFetchLogRow);
}

export interface FeedHealthRow {
  feed: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
}

// Backfill rows say nothing about whether the live feed works, so they are left out.
const FEED_HEALTH = `
SELECT f.feed,
  to_json(max(f.started_at))#>>'{}' AS last_attempt_at,
  to_json(max(f.started_at) FILTER (WHERE f.outcome <> 'error'))#>>'{}' AS last_success_at,
  to_json(max(f.started_at) FILTER (WHERE f.outcome = 'error'))#>>'{}' AS last_error_at,
  (SELECT e.error_class || ': ' || e.error_message FROM feed_fetches e
   WHERE e.feed = f.feed AND NOT e.backfill AND e.outcome = 'error' ORDER BY e.started_at DESC, e.id DESC LIMIT 1) AS last_error,
  count(*) FILTER (WHERE f.outcome = 'error' AND f.started_at > coalesce(
    (SELECT max(s.started_at) FROM feed_fetches s WHERE s.feed = f.feed AND NOT s.backfill AND s.outcome <> 'error'), '-infinity'))::int AS consecutive_failures
FROM feed_fetches f WHERE NOT f.backfill AND f.feed = ANY($1::text[])
GROUP BY f.feed`;

export async function feedHealthRows(db: Queryable, feeds: readonly string[]): Promise<FeedHealthRow[]> {
  return many<FeedHealthRow>(db, FEED_HEALTH, [feeds]);
}
