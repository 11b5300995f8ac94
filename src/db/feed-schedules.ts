// Statements on feed_schedules: when a scheduler last started expecting each feed (migration 0017).
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

const RECORD = `
INSERT INTO feed_schedules (feed, schedule, scheduled_since)
SELECT f.feed, f.schedule, $2 FROM json_to_recordset($1::json) AS f(feed text, schedule text)
ON CONFLICT (feed) DO UPDATE SET schedule = EXCLUDED.schedule, scheduled_since = greatest(feed_schedules.scheduled_since, EXCLUDED.scheduled_since)`;

/** A scheduler starts expecting these feeds now (a later start than the one stored wins). */
export async function recordFeedSchedules(db: Queryable, feeds: readonly { feed: string; schedule: string }[], at: Date): Promise<void> {
  if (feeds.length === 0) return;
  await db.query(RECORD, [JSON.stringify(feeds), at.toISOString()]);
}

export async function feedScheduledSince(db: Queryable, feeds: readonly string[]): Promise<Map<string, Date>> {
  const rows = await many<{ feed: string; scheduled_since: Date }>(
    db,
    `SELECT feed, scheduled_since FROM feed_schedules WHERE feed = ANY($1::text[])`,
    [feeds],
  );
  return new Map(rows.map((r) => [r.feed, new Date(r.scheduled_since)]));
}
