// Claims whose worker went away, and the worker's own hand-back. A claim (src/db/delivery-claims.ts)
// carries a token and a lease; before any request leaves, the rows about to go are marked started
// (committed first). So when a lease runs out, what is known decides:
//   - never started: provably unsent → queued again and re-dispatched (attempts bound the loop);
//   - started, no answer recorded: the request may have arrived → `sent` with outcome_unknown, not
//     sent again at once (no household is messaged twice); the channel's confirmation settles it (an
//     SMS receipt naming its reference, the push device's "shown" report), and a row left
//     unconfirmed for a while is queued again (REQUEUE_UNCONFIRMED).
// A worker that is alive but lost the database keeps its answers and records them when it is back
// (with its token, also over an outcome_unknown guess), and gives back claims it did not send.
import type { Queryable } from './db.ts';
import { MAX_ATTEMPTS, type DeliveryChannel } from './delivery-claims.ts';
import { many } from './sql.ts';

const MARK_STARTED = `
UPDATE deliveries SET request_started_at = $3, claimed_until = $3::timestamptz + make_interval(secs => $4)
WHERE id = ANY($1::bigint[]) AND claim_token = $2 AND state = 'sending'
RETURNING id::text`;

const RELEASE_OWN = `
UPDATE deliveries SET state = 'queued', request_started_at = NULL, claimed_until = NULL, dispatched_at = NULL, sent_at = NULL, outcome_unknown = false
WHERE id = ANY($1::bigint[]) AND claim_token = $2 AND (state = 'sending' OR (state = 'sent' AND outcome_unknown))
RETURNING id`;

const SETTLE_EXPIRED = `
UPDATE deliveries SET
  state = CASE WHEN request_started_at IS NOT NULL THEN 'sent' WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END,
  sent_at = request_started_at,
  outcome_unknown = request_started_at IS NOT NULL,
  failed_at = CASE WHEN request_started_at IS NULL AND attempts >= $2 THEN $1::timestamptz END,
  failure_reason = CASE WHEN request_started_at IS NULL AND attempts >= $2
    THEN 'claimed ' || attempts || ' times by workers that stopped before sending it' END,
  dispatched_at = NULL,
  claimed_until = NULL
WHERE state = 'sending' AND (claimed_until < $1 OR split_part(claim_token, ' ', 1) = ANY($3::text[]))
RETURNING state`;

// Receipts kept before their row was settled as `sent` with its outcome unknown (the worker died,
// the receipt came, then the sweep noticed): applied by the reference they carry.
const APPLY_KEPT_RECEIPTS_BY_REFERENCE = `
UPDATE deliveries d SET
  state = CASE WHEN r.state = 'delivered' THEN 'delivered' ELSE 'failed' END,
  delivered_at = CASE WHEN r.state = 'delivered' THEN r.received_at END,
  failed_at = CASE WHEN r.state <> 'delivered' THEN r.received_at END,
  failure_reason = CASE WHEN r.state <> 'delivered' THEN 'SMS receipt: ' || r.state || coalesce(' (' || r.reason || ')', '') END,
  provider_ids = ARRAY[r.message_id],
  outcome_unknown = false
FROM sms_receipts r
WHERE d.channel = 'sms' AND d.state = 'sent' AND d.outcome_unknown AND r.state <> 'unknown' AND r.reference = 'd' || d.id::text
RETURNING d.id`;

// A row recorded sent with its outcome unknown (its request went unanswered, or its worker died
// mid-request) that nothing has confirmed since: most likely it never arrived. It is queued again,
// once per attempt, while its message stands. Only for a channel whose confirmation would have come
// had it arrived: an SMS gateway whose receipts name Siaga's reference, or the push device's own
// "shown" report (a copy that did arrive meanwhile is replaced by the push service, same Topic, and
// not shown twice by the service worker, same delivery id).
const REQUEUE_UNCONFIRMED = `
UPDATE deliveries SET state = 'queued', outcome_unknown = false, sent_at = NULL, request_started_at = NULL, dispatched_at = NULL,
  claimed_until = NULL
WHERE channel = $4 AND state = 'sent' AND outcome_unknown AND cardinality(provider_ids) = 0
  AND sent_at <= $1::timestamptz - make_interval(secs => $2) AND (expires_at IS NULL OR expires_at > $1) AND attempts < $3
RETURNING id`;

/** Applies receipts kept by reference to the SMS rows of unknown outcome they name; returns how many. */
export async function applyKeptReceiptsByReference(db: Queryable): Promise<number> {
  return (await db.query(APPLY_KEPT_RECEIPTS_BY_REFERENCE)).rowCount ?? 0;
}

/** Queues again the unconfirmed rows of unknown outcome on `channel` older than `afterSeconds`; returns how many. */
export async function requeueUnconfirmed(db: Queryable, channel: DeliveryChannel, now: Date, afterSeconds: number): Promise<number> {
  return (await db.query(REQUEUE_UNCONFIRMED, [now, afterSeconds, MAX_ATTEMPTS, channel])).rowCount ?? 0;
}

/** Marks the claimed rows whose requests go out now; returns those still held by this claim (only they may be sent). */
export async function markRequestsStarted(
  db: Queryable,
  ids: readonly string[],
  token: string,
  now: Date,
  leaseSeconds: number,
): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await many<{ id: string }>(db, MARK_STARTED, [ids, token, now, leaseSeconds])).map((r) => r.id);
}

/** Gives back rows of this claim that were not sent (the worker knows it did not send them). */
export async function releaseClaims(db: Queryable, ids: readonly string[], token: string): Promise<number> {
  if (ids.length === 0) return 0;
  return (await many<{ id: string }>(db, RELEASE_OWN, [ids, token])).length;
}

export interface SettledLeases {
  /** Claimed, never started: queued again. */
  requeued: number;
  /** Started, answer lost: sent, outcome unknown. */
  unknown: number;
  /** Claimed too often by workers that died before sending: failed with that reason. */
  failed: number;
}

/**
 * Settles every `sending` row whose lease ran out, or whose claim was made by one of `deadRuntimes`
 * (a claim token starts with its runtime's id), from what is known of it.
 */
export async function settleExpiredClaims(db: Queryable, now: Date, deadRuntimes: readonly string[] = []): Promise<SettledLeases> {
  const rows = await many<{ state: string }>(db, SETTLE_EXPIRED, [now, MAX_ATTEMPTS, deadRuntimes]);
  return {
    requeued: rows.filter((r) => r.state === 'queued').length,
    unknown: rows.filter((r) => r.state === 'sent').length,
    failed: rows.filter((r) => r.state === 'failed').length,
  };
}
