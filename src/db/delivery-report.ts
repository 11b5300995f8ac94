// What `siaga deliveries ALERT` reports: per channel and state, latency percentiles from the CAP
// message's `sent` to our send and to the device's or gateway's confirmation, failures by reason,
// and (for analysts) the households row by row.
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export interface DeliveryReport {
  alert: { id: string; identifier: string; sender: string; sent: string; msg_type: string; group_id: string };
  counts: { channel: string; kind: string; state: string; n: number }[];
  latency: { channel: string; to: 'sent' | 'delivered'; n: number; p50_s: number; p90_s: number; p99_s: number; max_s: number }[];
  failures: { channel: string; reason: string; n: number }[];
  /** `sent` rows whose request started but whose answer was lost (a worker died mid-batch): not resent. */
  outcomeUnknown: { channel: string; n: number }[];
  households?: {
    household_id: string;
    channel: string;
    kind: string;
    state: string;
    sent_at: string | null;
    delivered_at: string | null;
    response: string | null;
    failure_reason: string | null;
  }[];
}

// An id names Siaga's alert; anything else is a CAP identifier (the latest message with it).
const RESOLVE = `
SELECT id::text, identifier, sender, to_char(sent AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS sent, msg_type, group_id::text
FROM alerts WHERE ($1 ~ '^[0-9]{1,18}$' AND id = ($1)::bigint) OR identifier = $1
ORDER BY (identifier = $1) ASC, sent DESC LIMIT 1`;

const COUNTS = `SELECT channel, kind, state, count(*)::int AS n FROM deliveries WHERE alert_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

// Latency is the households' (Tagana members' task notices, kind 'task', are counted apart above).
const LATENCY = `
WITH a AS (SELECT sent FROM alerts WHERE id = $1),
l AS (
  SELECT d.channel, 'sent' AS "to", extract(epoch FROM d.sent_at - a.sent) AS s FROM deliveries d, a WHERE d.alert_id = $1 AND d.member_id IS NULL AND d.sent_at IS NOT NULL
  UNION ALL
  SELECT d.channel, 'delivered', extract(epoch FROM d.delivered_at - a.sent) FROM deliveries d, a WHERE d.alert_id = $1 AND d.member_id IS NULL AND d.delivered_at IS NOT NULL
)
SELECT channel, "to", count(*)::int AS n,
  round(percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::numeric, 3)::float8 AS p50_s,
  round(percentile_cont(0.9) WITHIN GROUP (ORDER BY s)::numeric, 3)::float8 AS p90_s,
  round(percentile_cont(0.99) WITHIN GROUP (ORDER BY s)::numeric, 3)::float8 AS p99_s,
  round(max(s)::numeric, 3)::float8 AS max_s
FROM l GROUP BY 1, 2 ORDER BY 1, 2 DESC`;

const FAILURES = `SELECT channel, failure_reason AS reason, count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND state = 'failed' GROUP BY 1, 2 ORDER BY n DESC, 1, 2`;

const OUTCOME_UNKNOWN = `SELECT channel, count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND state = 'sent' AND outcome_unknown GROUP BY 1 ORDER BY 1`;

const HOUSEHOLDS = `
SELECT household_id, channel, kind, state, sent_at, delivered_at, response, failure_reason
FROM deliveries WHERE alert_id = $1 AND household_id IS NOT NULL ORDER BY household_id, channel, kind`;

export async function deliveryReport(db: Queryable, alert: string, options: { households: boolean }): Promise<DeliveryReport | undefined> {
  const a = await maybeOne<DeliveryReport['alert']>(db, RESOLVE, [alert]);
  if (!a) return undefined;
  return {
    alert: a,
    counts: await many(db, COUNTS, [a.id]),
    latency: await many(db, LATENCY, [a.id]),
    failures: await many(db, FAILURES, [a.id]),
    outcomeUnknown: await many(db, OUTCOME_UNKNOWN, [a.id]),
    ...(options.households && { households: await many(db, HOUSEHOLDS, [a.id]) }),
  };
}
