// The ledger's state machine as SQL: claim rows before sending (queued → sending, with a lease and
// a claim token), record what the channel answered (sent / failed), apply receipts and
// acknowledgements, expire what is too late. Leases that run out (a worker died or lost the
// database) are settled in src/db/delivery-leases.ts.
//
// A row is claimed in small batches right before its request goes out, one batch at a time per
// worker and channel, so at most one batch per worker is ever uncertain.
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

export type DeliveryChannel = 'push' | 'sms';

interface ClaimedRow {
  id: string;
  group_id: string;
  alert_id: string;
  language: 'id' | 'en';
  /** The level of a multi-level message this household was told (null: the message's own). */
  severity: string | null;
  /** The household's village now (null once its data was deleted, and for members): its time zone. */
  village_code: string | null;
}

/** A warning, update or all-clear to a household. */
export interface ClaimedWarning extends ClaimedRow {
  kind: 'warning' | 'update' | 'all_clear';
  household_id: string;
  member_id: null;
  task_event_id: null;
  task_event_ids: null;
}

/** A notice to a Tagana member about a task event (src/db/tagana-task-notices.ts). */
export interface ClaimedTaskNotice extends ClaimedRow {
  kind: 'task';
  household_id: null;
  member_id: string;
  /** The lead (most urgent) event, and every event the notice announces, most urgent first. */
  task_event_id: string;
  task_event_ids: string[];
}

export type ClaimedDelivery = ClaimedWarning | ClaimedTaskNotice;

export interface DeliveryOutcome {
  id: string;
  /**
   * `retry`: a passing failure (gateway unreachable); the row is queued again after a backoff.
   * `unknown`: the request reached the channel and no answer came; kept as sent with its outcome
   * unknown, never sent again.
   */
  state: 'sent' | 'failed' | 'retry' | 'unknown';
  reason?: string;
  providerIds?: string[];
  segments?: number;
}

const EXPIRE_LATE = `
UPDATE deliveries SET state = 'expired', expired_at = $2
WHERE id = ANY($1::bigint[]) AND state = 'queued' AND expires_at <= $2`;

const CLAIM = `
UPDATE deliveries SET state = 'sending', sending_at = $2, claimed_until = $2::timestamptz + make_interval(secs => $3), attempts = attempts + 1,
  claim_token = $5, request_started_at = NULL, outcome_unknown = false
WHERE id = ANY($1::bigint[]) AND state = 'queued' AND channel = $4
  AND (not_before IS NULL OR not_before <= $2) AND (expires_at IS NULL OR expires_at > $2)
RETURNING id::text, group_id::text, alert_id::text, household_id, member_id, task_event_id::text, task_event_ids::text[], kind, language, severity,
  (SELECT h.village_code FROM households h WHERE h.id = deliveries.household_id AND h.valid_to IS NULL) AS village_code`;

// A retry goes back to `queued` with a growing wait (30 s, 1, 2, 4 … min) until MAX_ATTEMPTS,
// then ends `failed` saying how often it was tried.
const RECORD = `
WITH r AS (
  SELECT r.*, CASE WHEN r.state = 'retry' AND d.attempts >= $3 THEN 'failed' WHEN r.state = 'retry' THEN 'queued' WHEN r.state = 'unknown' THEN 'sent' ELSE r.state END AS next,
         d.attempts
  FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, state text, reason text, ids text[], segments smallint)
  JOIN deliveries d ON d.id = r.id
)
UPDATE deliveries d SET
  state = r.next,
  sent_at = CASE WHEN r.next = 'sent' THEN $2::timestamptz END,
  failed_at = CASE WHEN r.next = 'failed' THEN $2::timestamptz END,
  failure_reason = CASE WHEN r.next = 'failed' THEN coalesce(r.reason, 'unknown') || CASE WHEN r.state = 'retry' THEN ' (gave up after ' || r.attempts || ' attempts)' ELSE '' END END,
  not_before = CASE WHEN r.next = 'queued' THEN $2::timestamptz + make_interval(secs => 30 * power(2, r.attempts - 1)) ELSE d.not_before END,
  dispatched_at = CASE WHEN r.next = 'queued' THEN NULL ELSE d.dispatched_at END,
  provider_ids = coalesce(r.ids, '{}'),
  segments = r.segments,
  claimed_until = NULL,
  outcome_unknown = r.state = 'unknown'
FROM r
-- Only this claim's rows; also those a sweep already settled as 'outcome unknown' (the answer came
-- back late, e.g. after a database outage): the real answer replaces the guess.
WHERE d.id = r.id AND d.claim_token = $4 AND (d.state = 'sending' OR (d.state = 'sent' AND d.outcome_unknown))`;

/** Attempts of a row whose channel keeps failing for a passing reason, before it ends `failed`. */
export const MAX_ATTEMPTS = 5;

// Receipts that arrived before the send was recorded (the SMSC can be faster than our UPDATE).
const APPLY_EARLY_RECEIPTS = `
UPDATE deliveries d SET
  state = CASE WHEN r.state = 'delivered' THEN 'delivered' ELSE 'failed' END,
  delivered_at = CASE WHEN r.state = 'delivered' THEN r.received_at END,
  failed_at = CASE WHEN r.state <> 'delivered' THEN r.received_at END,
  failure_reason = CASE WHEN r.state <> 'delivered' THEN 'SMS receipt: ' || r.state || coalesce(' (' || r.reason || ')', '') END
FROM sms_receipts r
WHERE d.id = ANY($1::bigint[]) AND d.state = 'sent' AND d.channel = 'sms' AND r.message_id = ANY(d.provider_ids)`;

const STORE_RECEIPT = `
INSERT INTO sms_receipts (message_id, state, reason, received_at, reference) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (message_id) DO NOTHING`;

const APPLY_RECEIPT = `
UPDATE deliveries SET
  state = CASE WHEN $2 = 'delivered' THEN 'delivered' ELSE 'failed' END,
  delivered_at = CASE WHEN $2 = 'delivered' THEN $4::timestamptz END,
  failed_at = CASE WHEN $2 <> 'delivered' THEN $4::timestamptz END,
  failure_reason = CASE WHEN $2 <> 'delivered' THEN 'SMS receipt: ' || $2 || coalesce(' (' || $3 || ')', '') END,
  provider_ids = CASE WHEN provider_ids @> ARRAY[$1::text] THEN provider_ids ELSE ARRAY[$1::text] END,
  outcome_unknown = false
WHERE channel = 'sms' AND state = 'sent' AND id IN (
  -- Two lookups, each by its own index (an OR of the two read every sent SMS: 1 ms a receipt).
  SELECT id FROM deliveries WHERE channel = 'sms' AND state = 'sent' AND provider_ids @> ARRAY[$1::text]
  UNION ALL
  SELECT id FROM deliveries WHERE id = substring($5::text from '^d([0-9]+)$')::bigint AND channel = 'sms' AND state = 'sent' AND outcome_unknown
)
RETURNING id`;

// Due queued rows whose job is not (or no longer) coming: never dispatched; dispatched more than
// $2 s ago while no row of their channel was claimed for $2 s (the queue lost its jobs with a Redis
// restart, or they used up their attempts while PostgreSQL was away: workers go quiet, yet rows
// wait); or dispatched more than $4 s ago whatever the channel does (a backstop for a job lost
// while others keep the channel busy). A long backlog that is being worked through is left alone,
// so Redis does not fill with copies. Marked dispatched and returned in one statement; SKIP LOCKED
// lets two replicas sweep at once without overlap. A job that runs twice is harmless: the claim.
const TAKE_DUE = `
UPDATE deliveries d SET dispatched_at = $1 FROM (
  SELECT q.id FROM deliveries q
  WHERE q.state = 'queued' AND (q.not_before IS NULL OR q.not_before <= $1)
    AND (q.dispatched_at IS NULL
      OR q.dispatched_at < $1::timestamptz - make_interval(secs => $4)
      OR (q.dispatched_at < $1::timestamptz - make_interval(secs => $2)
        AND NOT EXISTS (SELECT 1 FROM deliveries a WHERE a.channel = q.channel AND a.sending_at > $1::timestamptz - make_interval(secs => $2))))
  ORDER BY q.id LIMIT $3 FOR UPDATE OF q SKIP LOCKED
) due
WHERE d.id = due.id
RETURNING d.id::text, d.channel`;

const EXPIRE_ALL_LATE = `
UPDATE deliveries SET state = 'expired', expired_at = $1, claimed_until = NULL
WHERE state = 'queued' AND expires_at <= $1
RETURNING id`;

/** Claims the queued rows among `ids` that may go now; rows past their expiry become `expired` first. */
export async function claimDeliveries(
  db: Queryable,
  channel: DeliveryChannel,
  ids: readonly string[],
  now: Date,
  leaseSeconds: number,
  token: string,
): Promise<ClaimedDelivery[]> {
  await db.query(EXPIRE_LATE, [ids, now]);
  return many<ClaimedDelivery>(db, CLAIM, [ids, now, leaseSeconds, channel, token]);
}

/** Records what the channel answered for rows of claim `token`, in one statement. */
export async function recordOutcomes(db: Queryable, outcomes: readonly DeliveryOutcome[], now: Date, token: string): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((o) => ({
    id: o.id,
    state: o.state,
    reason: o.reason ?? null,
    ids: o.providerIds ?? [],
    segments: o.segments ?? null,
  }));
  await db.query(RECORD, [JSON.stringify(rows), now, MAX_ATTEMPTS, token]);
  const sms = outcomes.filter((o) => o.state === 'sent' && (o.providerIds?.length ?? 0) > 0).map((o) => o.id);
  if (sms.length > 0) await db.query(APPLY_EARLY_RECEIPTS, [sms]);
}

export interface ReceiptInput {
  messageId: string;
  /** The reference Siaga sent (`d<ledger id>`): finds a row whose send went unanswered (no provider id). */
  reference?: string;
  state: 'delivered' | 'failed' | 'expired' | 'rejected' | 'unknown';
  reason?: string;
  at: Date;
}

/** Stores an SMS receipt and applies it to its row; returns the row ids changed (none yet when the send is not recorded). */
export async function applySmsReceipt(db: Queryable, receipt: ReceiptInput): Promise<string[]> {
  await db.query(STORE_RECEIPT, [receipt.messageId, receipt.state, receipt.reason ?? null, receipt.at, receipt.reference ?? null]);
  if (receipt.state === 'unknown') return [];
  const rows = await many<{ id: string }>(db, APPLY_RECEIPT, [
    receipt.messageId,
    receipt.state,
    receipt.reason ?? null,
    receipt.at,
    receipt.reference ?? null,
  ]);
  return rows.map((r) => String(r.id));
}

export interface RedispatchWindows {
  /** Re-dispatch rows dispatched this long ago when their channel has claimed nothing for as long. */
  idleSeconds: number;
  /** Re-dispatch rows dispatched this long ago in any case. */
  staleSeconds: number;
}

/** Takes up to `limit` due queued rows for dispatch (never dispatched, or their job is presumed lost), in id order. */
export async function takeDueForDispatch(
  db: Queryable,
  now: Date,
  windows: RedispatchWindows,
  limit: number,
): Promise<{ id: string; channel: DeliveryChannel }[]> {
  const rows = await many<{ id: string; channel: DeliveryChannel }>(db, TAKE_DUE, [now, windows.idleSeconds, limit, windows.staleSeconds]);
  return rows.sort((x, y) => Number(x.id) - Number(y.id));
}

/** Every queued row past its message's expiry becomes `expired`. */
export async function expireLate(db: Queryable, now: Date): Promise<number> {
  return (await many<{ id: string }>(db, EXPIRE_ALL_LATE, [now])).length;
}
