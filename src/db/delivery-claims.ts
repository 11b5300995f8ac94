// The ledger's state machine as SQL: claim rows before sending (queued → sending, with a lease),
// record what the channel answered (sent / failed), apply receipts and acknowledgements, expire
// what is too late, and recover rows a stopped worker left behind.
//
// A row is claimed in small batches right before its request goes out, so at most one batch per
// worker is in flight. If a worker dies mid-batch, whether those requests reached the push service
// or SMSC is unknown: resending could message a household twice, so once the lease has run out such
// rows end `failed` ('interrupted'), and the SMS fallback and the Tagana door-knock rules (which
// look for households without a `delivered` row) take over.
import type { Queryable } from './db.ts';

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
  /** `retry`: a passing failure (gateway unreachable); the row is queued again after a backoff. */
  state: 'sent' | 'failed' | 'retry';
  reason?: string;
  providerIds?: string[];
  segments?: number;
}

const EXPIRE_LATE = `
UPDATE deliveries SET state = 'expired', expired_at = $2
WHERE id = ANY($1::bigint[]) AND state = 'queued' AND expires_at <= $2`;

const CLAIM = `
UPDATE deliveries SET state = 'sending', sending_at = $2, claimed_until = $2::timestamptz + make_interval(secs => $3), attempts = attempts + 1
WHERE id = ANY($1::bigint[]) AND state = 'queued' AND channel = $4
  AND (not_before IS NULL OR not_before <= $2) AND (expires_at IS NULL OR expires_at > $2)
RETURNING id::text, group_id::text, alert_id::text, household_id, member_id, task_event_id::text, task_event_ids::text[], kind, language, severity,
  (SELECT h.village_code FROM households h WHERE h.id = deliveries.household_id AND h.valid_to IS NULL) AS village_code`;

// A retry goes back to `queued` with a growing wait (30 s, 1, 2, 4 … min) until MAX_ATTEMPTS,
// then ends `failed` saying how often it was tried.
const RECORD = `
WITH r AS (
  SELECT r.*, CASE WHEN r.state = 'retry' AND d.attempts >= $3 THEN 'failed' WHEN r.state = 'retry' THEN 'queued' ELSE r.state END AS next,
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
  claimed_until = NULL
FROM r
WHERE d.id = r.id AND d.state = 'sending'`;

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
INSERT INTO sms_receipts (message_id, state, reason, received_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (message_id) DO NOTHING`;

const APPLY_RECEIPT = `
UPDATE deliveries SET
  state = CASE WHEN $2 = 'delivered' THEN 'delivered' ELSE 'failed' END,
  delivered_at = CASE WHEN $2 = 'delivered' THEN $4::timestamptz END,
  failed_at = CASE WHEN $2 <> 'delivered' THEN $4::timestamptz END,
  failure_reason = CASE WHEN $2 <> 'delivered' THEN 'SMS receipt: ' || $2 || coalesce(' (' || $3 || ')', '') END
WHERE channel = 'sms' AND provider_ids @> ARRAY[$1::text] AND state = 'sent'
RETURNING id`;

const RELEASE_INTERRUPTED = `
UPDATE deliveries SET state = 'failed', failed_at = $1, claimed_until = NULL,
  failure_reason = 'interrupted: the worker stopped while sending; whether it arrived is unknown, so it is not resent on this channel'
WHERE state = 'sending' AND claimed_until < $1
RETURNING id`;

// Due queued rows not dispatched recently (never, or a lost job / a restart): marked dispatched
// and returned in one statement; SKIP LOCKED lets two replicas sweep at once without overlap.
const TAKE_DUE = `
UPDATE deliveries d SET dispatched_at = $1 FROM (
  SELECT id FROM deliveries
  WHERE state = 'queued' AND (not_before IS NULL OR not_before <= $1)
    AND (dispatched_at IS NULL OR dispatched_at < $1::timestamptz - make_interval(secs => $2))
  ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
) due
WHERE d.id = due.id
RETURNING d.id::text, d.channel`;

const EXPIRE_ALL_LATE = `
UPDATE deliveries SET state = 'expired', expired_at = $1, claimed_until = NULL
WHERE state = 'queued' AND expires_at <= $1
RETURNING id`;

/** Claims the queued rows among `ids` that may go now; rows past their expiry become `expired` first. */
export async function claimDeliveries(db: Queryable, channel: DeliveryChannel, ids: readonly string[], now: Date, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  await db.query(EXPIRE_LATE, [ids, now]);
  return (await db.query<ClaimedDelivery>(CLAIM, [ids, now, leaseSeconds, channel])).rows;
}

/** Records what the channel answered for claimed rows, in one statement. */
export async function recordOutcomes(db: Queryable, outcomes: readonly DeliveryOutcome[], now: Date): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((o) => ({ id: o.id, state: o.state, reason: o.reason ?? null, ids: o.providerIds ?? [], segments: o.segments ?? null }));
  await db.query(RECORD, [JSON.stringify(rows), now, MAX_ATTEMPTS]);
  const sms = outcomes.filter((o) => o.state === 'sent' && (o.providerIds?.length ?? 0) > 0).map((o) => o.id);
  if (sms.length > 0) await db.query(APPLY_EARLY_RECEIPTS, [sms]);
}

export interface ReceiptInput {
  messageId: string;
  state: 'delivered' | 'failed' | 'expired' | 'rejected' | 'unknown';
  reason?: string;
  at: Date;
}

/** Stores an SMS receipt and applies it to its row; returns the row ids changed (none yet when the send is not recorded). */
export async function applySmsReceipt(db: Queryable, receipt: ReceiptInput): Promise<string[]> {
  await db.query(STORE_RECEIPT, [receipt.messageId, receipt.state, receipt.reason ?? null, receipt.at]);
  if (receipt.state === 'unknown') return [];
  const { rows } = await db.query<{ id: string }>(APPLY_RECEIPT, [receipt.messageId, receipt.state, receipt.reason ?? null, receipt.at]);
  return rows.map((r) => String(r.id));
}

/** Rows whose worker stopped mid-send (lease over) end `failed`, never resent on the same channel. */
export async function releaseInterrupted(db: Queryable, now: Date): Promise<number> {
  return (await db.query(RELEASE_INTERRUPTED, [now])).rows.length;
}

/** Takes up to `limit` due queued rows for dispatch (not dispatched within `redispatchSeconds`), in id order. */
export async function takeDueForDispatch(db: Queryable, now: Date, redispatchSeconds: number, limit: number): Promise<{ id: string; channel: DeliveryChannel }[]> {
  const rows = (await db.query<{ id: string; channel: DeliveryChannel }>(TAKE_DUE, [now, redispatchSeconds, limit])).rows;
  return rows.sort((x, y) => Number(x.id) - Number(y.id));
}

/** Every queued row past its message's expiry becomes `expired`. */
export async function expireLate(db: Queryable, now: Date): Promise<number> {
  return (await db.query(EXPIRE_ALL_LATE, [now])).rows.length;
}
