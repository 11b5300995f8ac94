// One fetch of the ingestion log with the payloads kept for it (what could not be used, with the
// validation problems), for the liaison's page. Bodies are stored gzipped; only the first bytes are
// unpacked, so a huge rejected payload cannot make a page huge.
import { gunzipSync } from 'node:zlib';
import type { Queryable } from './db.ts';
import type { Issue } from '../cap/cap-types.ts';
import { readFetchLogRow, type FetchLogRow, type StoredFetchLogRow } from './feed-log.ts';
import { many, maybeOne } from './sql.ts';
import { readStoredIssues } from './stored-issues.ts';

export interface KeptPayload {
  id: number;
  item: string;
  problems: Issue[];
  content_type: string | null;
  bytes: number;
  keep_until: string;
  text: string;
  truncated: boolean;
}

const FETCH = `
SELECT f.id::int, f.feed, f.url, f.slot, f.backfill, to_json(f.started_at)#>>'{}' AS started_at, f.duration_ms, f.attempts,
  f.http_status, f.bytes, f.etag, f.outcome, f.items_seen, f.items_new, f.items_updated, f.items_invalid,
  f.error_class, f.error_message, f.time_alarms, (SELECT count(*)::int FROM feed_payloads p WHERE p.fetch_id = f.id) AS payloads
FROM feed_fetches f WHERE f.id = $1`;

const PAYLOADS = `
SELECT id::int, item, problems, content_type, bytes, to_json(keep_until)#>>'{}' AS keep_until, body_gzip
FROM feed_payloads WHERE fetch_id = $1 ORDER BY id`;

export async function fetchWithPayloads(
  db: Queryable,
  fetchId: number,
  maxChars: number,
): Promise<{ fetch: FetchLogRow; payloads: KeptPayload[] } | undefined> {
  const stored = await maybeOne<StoredFetchLogRow>(db, FETCH, [fetchId]);
  if (!stored) return undefined;
  const fetch = readFetchLogRow(stored);
  const rows = await many<Omit<KeptPayload, 'text' | 'truncated' | 'problems'> & { problems: unknown; body_gzip: Uint8Array }>(
    db,
    PAYLOADS,
    [fetchId],
  );
  const payloads = rows.map(({ body_gzip, ...row }) => {
    const p = { ...row, problems: readStoredIssues(row.problems, `kept payload ${row.id}: problems`) };
    let text: string;
    try {
      text = gunzipSync(Buffer.from(body_gzip)).toString('utf8');
    } catch (err) {
      text = `(the stored body could not be unpacked: ${err instanceof Error ? err.message : String(err)})`;
    }
    return { ...p, text: text.slice(0, maxChars), truncated: text.length > maxChars };
  });
  return { fetch, payloads };
}
