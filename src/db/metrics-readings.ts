// What GET /metrics reads from the database at each scrape. Every statement is bounded by what is
// happening now, never by how much history the tables hold, so a scrape stays cheap with millions of
// ledger and fetch-log rows:
//   - feeds: ranges of feed_fetches_feed_idx (feed, started_at DESC) over the last hour or minute,
//     and for the last success a walk down that index that stops at the first success (its length
//     is the current streak of failures);
//   - delivery queue: the partial index deliveries_pending_idx holds only queued and sending rows;
//   - ledger and latencies: the rows of the standing warnings' groups, found through the partial
//     index alert_groups_active_idx (migrations/0021) and then deliveries_group_idx (group_id, …);
//     rows of warnings that ended are never read;
//   - Tagana: the partial index tagana_tasks_open_idx holds only open tasks.
import type { Queryable } from './db.ts';
import type { FetchOutcome } from './fetch-outcomes.ts';
import { many, one } from './sql.ts';

export interface FeedOutcomeCount {
  feed: string;
  outcome: FetchOutcome;
  fetches: number;
  bytes: number;
}

// Backfill rows say nothing about whether the live feed works, so they are left out.
const FEED_OUTCOMES = `
SELECT feed, outcome, count(*)::int AS fetches, coalesce(sum(bytes), 0)::float8 AS bytes
FROM feed_fetches
WHERE feed = ANY($1::text[]) AND started_at > $2::timestamptz - interval '1 hour' AND NOT backfill
GROUP BY feed, outcome`;

/** Fetches of the last hour per feed and outcome, with the bytes they brought. */
export async function feedOutcomesLastHour(db: Queryable, feeds: readonly string[], now: Date): Promise<FeedOutcomeCount[]> {
  return many<FeedOutcomeCount>(db, FEED_OUTCOMES, [feeds, now]);
}

export interface FeedSuccess {
  feed: string;
  /** Seconds since the last fetch that did not fail; null when none ever did. */
  age_s: number | null;
  /** Failed fetches since then (all of them when none succeeded). */
  failures: number;
}

const FEED_SUCCESS = `
SELECT f.feed, extract(epoch FROM $2::timestamptz - s.started_at)::float8 AS age_s,
  (SELECT count(*)::int FROM feed_fetches e
   WHERE e.feed = f.feed AND NOT e.backfill AND e.outcome = 'error' AND e.started_at > coalesce(s.started_at, '-infinity')) AS failures
FROM unnest($1::text[]) AS f (feed)
LEFT JOIN LATERAL (
  SELECT started_at FROM feed_fetches x
  WHERE x.feed = f.feed AND NOT x.backfill AND x.outcome <> 'error'
  ORDER BY x.started_at DESC LIMIT 1
) s ON true`;

export async function feedLastSuccess(db: Queryable, feeds: readonly string[], now: Date): Promise<FeedSuccess[]> {
  return many<FeedSuccess>(db, FEED_SUCCESS, [feeds, now]);
}

// Every attempt (retries included) takes one grant of the shared BMKG budget. The log records a
// fetch when it is over, so a fetch still retrying is counted once it ends: a reading, not the lock.
const BUDGET_USE = `
SELECT coalesce(sum(attempts), 0)::int AS requests
FROM feed_fetches WHERE feed = ANY($1::text[]) AND started_at > $2::timestamptz - interval '1 minute'`;

/** Requests sent to the feeds' hosts in the last minute (backfill included: it spends the same budget). */
export async function budgetRequestsLastMinute(db: Queryable, feeds: readonly string[], now: Date): Promise<number> {
  return (await one<{ requests: number }>(db, BUDGET_USE, [feeds, now])).requests;
}

export interface QueueReading {
  channel: string;
  state: 'queued' | 'sending';
  rows: number;
  /** Seconds the oldest due queued row has waited since it became due (quiet hours do not count); null when none is due. */
  oldest_due_s: number | null;
}

const QUEUE = `
SELECT channel, state, count(*)::int AS rows,
  extract(epoch FROM $1::timestamptz - min(greatest(queued_at, coalesce(not_before, queued_at)))
    FILTER (WHERE state = 'queued' AND (not_before IS NULL OR not_before <= $1::timestamptz)))::float8 AS oldest_due_s
FROM deliveries WHERE state IN ('queued', 'sending')
GROUP BY channel, state`;

export async function deliveryQueue(db: Queryable, now: Date): Promise<QueueReading[]> {
  return many<QueueReading>(db, QUEUE, [now]);
}

// A standing warning: the head of an active group in force, an Alert or Update (as the coverage
// audit counts it).
const STANDING_GROUPS = `
SELECT g.id, a.sent FROM alert_groups g JOIN alerts a ON a.id = g.head_alert_id
WHERE g.state = 'active' AND g.merged_into IS NULL AND (g.expires IS NULL OR g.expires > $1::timestamptz)
  AND a.msg_type IN ('Alert', 'Update')`;

export interface LedgerCount {
  channel: string;
  state: string;
  rows: number;
}

const LEDGER = `
WITH standing AS (${STANDING_GROUPS})
SELECT d.channel, d.state, count(*)::int AS rows
FROM standing s JOIN deliveries d ON d.group_id = s.id
GROUP BY d.channel, d.state`;

/** Ledger rows of the standing warnings' groups (residents' and Tagana's), by channel and state. */
export async function standingLedger(db: Queryable, now: Date): Promise<LedgerCount[]> {
  return many<LedgerCount>(db, LEDGER, [now]);
}

export interface LatencyReading {
  channel: string;
  stage: 'sent' | 'delivered';
  rows: number;
  /** Seconds from the CAP message's `sent` at the 50th, 90th and 99th percentile. */
  p50: number;
  p90: number;
  p99: number;
}

// From the `sent` of the CAP message a row carries to the row's own sent_at / delivered_at.
const LATENCY = `
WITH standing AS (${STANDING_GROUPS}),
rows AS (
  SELECT d.channel, extract(epoch FROM d.sent_at - a.sent)::float8 AS to_sent,
         extract(epoch FROM d.delivered_at - a.sent)::float8 AS to_delivered
  FROM standing s JOIN deliveries d ON d.group_id = s.id JOIN alerts a ON a.id = d.alert_id
  WHERE d.sent_at IS NOT NULL AND d.household_id IS NOT NULL
),
stages AS (
  SELECT channel, 'sent' AS stage, to_sent AS s FROM rows
  UNION ALL SELECT channel, 'delivered', to_delivered FROM rows WHERE to_delivered IS NOT NULL
)
SELECT channel, stage, count(*)::int AS rows,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::float8 AS p50,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY s)::float8 AS p90,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY s)::float8 AS p99
FROM stages GROUP BY channel, stage`;

/** Latency percentiles of the residents' rows of the standing warnings, per channel and stage. */
export async function standingLatencies(db: Queryable, now: Date): Promise<LatencyReading[]> {
  return many<LatencyReading>(db, LATENCY, [now]);
}

export interface TaganaReading {
  open: number;
  /** Open tasks escalated to the team's coordinator (1) and to the province-level team (2). */
  escalated_1: number;
  escalated_2: number;
}

const TAGANA = `
SELECT count(*)::int AS open,
  count(*) FILTER (WHERE escalation_level = 1)::int AS escalated_1,
  count(*) FILTER (WHERE escalation_level = 2)::int AS escalated_2
FROM tagana_tasks WHERE state = 'open'`;

export async function openTaganaTasks(db: Queryable): Promise<TaganaReading> {
  return one<TaganaReading>(db, TAGANA);
}
