// Which villages the forecast feed fetches next: those with registered households, never fetched
// first (most households first), then the longest unfetched. Villages BMKG answered 404 for wait
// until their retry time instead of spending the rate budget on every run.
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

const VILLAGES_DUE = `
SELECT h.village_code AS code, count(*)::int AS households
FROM households h
LEFT JOIN feed_items f ON f.feed = $1 AND f.item_key = 'village:' || h.village_code
WHERE h.valid_to IS NULL
  AND NOT (f.state IS NOT DISTINCT FROM 'unknown' AND f.retry_after > $2::timestamptz)
GROUP BY h.village_code, f.last_seen
ORDER BY f.last_seen IS NOT NULL, f.last_seen, count(*) DESC, h.village_code
LIMIT $3`;

export async function forecastVillagesDue(
  db: Queryable,
  feed: string,
  now: Date,
  limit: number,
): Promise<{ code: string; households: number }[]> {
  return many(db, VILLAGES_DUE, [feed, now.toISOString(), limit]);
}
