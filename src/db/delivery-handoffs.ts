// The hand-off of stored messages to delivery (migrations/0011_delivery_handoffs.sql): recorded in
// the transaction that stores the message, claimed by a delivery runtime with a lease, settled
// with what planning found. Every statement is idempotent or guarded by the row's version, so any
// number of runtimes may run them, and a runtime that dies leaves nothing half-decided.
import type { Queryable } from './db.ts';
import { readStoredObject } from './read-stored-json.ts';
import { many, maybeOne } from './sql.ts';

export type HandoffState = 'awaiting' | 'held' | 'planned' | 'not_for_residents' | 'reaches_nobody';

/** How an intake path hands a stored message on. */
export interface HandoffIntake {
  /** feed:<name>, cli, api:<sender>, hazard, backfill … (shown to the liaison). */
  intake: string;
  /**
   * `deliver`: residents are told once delivery has planned it; `hold`: kept until someone releases
   * it (`siaga alerts release`); `store`: history (a backfill), never sent unless released.
   */
  mode: 'deliver' | 'hold' | 'store';
  /** Seconds before a runtime may take it (a feed run's other language merges first); 0: at once. */
  graceSeconds: number;
}

export interface Handoff {
  alert_id: string;
  state: HandoffState;
  reason: string | null;
  intake: string;
  ready_at: Date;
  awaiting_since: Date;
  claimed_by: string | null;
  claimed_until: Date | null;
  attempts: number;
  last_error: string | null;
  decided_at: Date | null;
  plan: Record<string, unknown> | null;
  version: number;
}

const HELD_REASON = (intake: string) => `held at intake (${intake}): \`siaga alerts release\` sends it`;
const STORED_REASON = 'history stored without telling residents (a backfill); `siaga alerts release` sends it if it still stands';

// A translation of a stored message sends it round again (planning is idempotent, so nobody is
// told twice), except one that someone is holding back; a translation that is only history (a
// backfill) leaves a message already on its way as it is.
const RECORD = `
INSERT INTO delivery_handoffs AS d (alert_id, state, reason, intake, ready_at, awaiting_since, updated_at)
VALUES ($1, $2, $3, $4, $5::timestamptz + make_interval(secs => $6), $5, $5)
ON CONFLICT (alert_id) DO UPDATE SET
  state = CASE WHEN d.state = 'held' THEN 'held' WHEN EXCLUDED.state = 'awaiting' THEN 'awaiting'
               WHEN d.state IN ('awaiting', 'planned') THEN d.state ELSE EXCLUDED.state END,
  reason = CASE WHEN d.state = 'held' THEN d.reason WHEN EXCLUDED.state = 'awaiting' THEN NULL
                WHEN d.state IN ('awaiting', 'planned') THEN d.reason ELSE EXCLUDED.reason END,
  ready_at = CASE WHEN d.state = 'awaiting' THEN least(d.ready_at, EXCLUDED.ready_at) ELSE EXCLUDED.ready_at END,
  awaiting_since = CASE WHEN d.state = 'awaiting' THEN d.awaiting_since ELSE EXCLUDED.awaiting_since END,
  version = d.version + 1,
  updated_at = EXCLUDED.updated_at
RETURNING state, reason`;

/** Records, in the caller's transaction, that a stored message awaits delivery (or is held, or not for residents). */
export async function recordHandoff(
  tx: Queryable,
  alertId: number,
  intake: HandoffIntake,
  facts: { deliverable: boolean; notDeliverableReason: string },
  now: Date,
): Promise<{ state: HandoffState; reason: string | null }> {
  const [state, reason]: [HandoffState, string | null] = !facts.deliverable
    ? ['not_for_residents', facts.notDeliverableReason]
    : intake.mode === 'hold'
      ? ['held', HELD_REASON(intake.intake)]
      : intake.mode === 'store'
        ? ['not_for_residents', STORED_REASON]
        : ['awaiting', null];
  const row = await maybeOne<{ state: HandoffState; reason: string | null }>(tx, RECORD, [
    alertId,
    state,
    reason,
    intake.intake,
    now,
    intake.graceSeconds,
  ]);
  return row ?? { state, reason };
}

/** The messages of a finished feed run or CLI batch may be taken at once (their languages are merged). */
export async function makeHandoffsReady(db: Queryable, alertIds: readonly number[], now: Date): Promise<void> {
  if (alertIds.length === 0) return;
  await db.query(`UPDATE delivery_handoffs SET ready_at = least(ready_at, $2) WHERE alert_id = ANY($1::bigint[]) AND state = 'awaiting'`, [
    alertIds,
    now,
  ]);
}

// The most dangerous ready message first (CAP severity, then urgency), oldest first among equals.
const CLAIM = `
UPDATE delivery_handoffs h SET claimed_by = $2, claimed_until = $1::timestamptz + make_interval(secs => $3), attempts = attempts + 1, updated_at = $1
WHERE h.alert_id = (
  SELECT d.alert_id FROM delivery_handoffs d JOIN alerts a ON a.id = d.alert_id
  WHERE d.state = 'awaiting' AND d.ready_at <= $1 AND (d.claimed_until IS NULL OR d.claimed_until < $1 OR d.claimed_by = ANY($4::text[]))
  ORDER BY CASE a.severity WHEN 'Extreme' THEN 0 WHEN 'Severe' THEN 1 WHEN 'Moderate' THEN 2 ELSE 3 END,
           CASE a.urgency WHEN 'Immediate' THEN 0 WHEN 'Expected' THEN 1 ELSE 2 END, d.ready_at, d.alert_id
  LIMIT 1 FOR UPDATE OF d SKIP LOCKED
)
RETURNING h.alert_id::text, h.version, h.attempts`;

/**
 * Takes the next ready message for this runtime, with a lease; undefined when none is ready. A
 * message claimed by one of `deadRuntimes` is free at once, not when that runtime's lease runs out.
 */
export async function claimNextHandoff(
  db: Queryable,
  runtimeId: string,
  now: Date,
  leaseSeconds: number,
  deadRuntimes: readonly string[] = [],
): Promise<{ alert_id: string; version: number; attempts: number } | undefined> {
  return maybeOne(db, CLAIM, [now, runtimeId, leaseSeconds, deadRuntimes]);
}

/** Extends this runtime's lease on messages it is still planning (a national warning takes a while). */
export async function renewHandoffClaims(db: Queryable, runtimeId: string, alertIds: readonly string[], until: Date): Promise<void> {
  if (alertIds.length === 0) return;
  await db.query(
    `UPDATE delivery_handoffs SET claimed_until = $3 WHERE alert_id = ANY($2::bigint[]) AND claimed_by = $1 AND state = 'awaiting'`,
    [runtimeId, alertIds, until],
  );
}

export interface HandoffDecision {
  state: Exclude<HandoffState, 'awaiting' | 'held'>;
  reason: string | null;
  plan: Record<string, unknown>;
}

/**
 * Records what planning decided. Only at the version claimed: a row reopened meanwhile (households
 * registered inside the area, a translation) stays awaiting, and the claim is let go so that it
 * goes round again. Returns whether the decision stood.
 */
export async function settleHandoff(
  db: Queryable,
  alertId: string,
  version: number,
  decision: HandoffDecision,
  now: Date,
): Promise<boolean> {
  const settled = await db.query(
    `UPDATE delivery_handoffs SET state = $3, reason = $4, plan = $5::jsonb, decided_at = $6, claimed_by = NULL, claimed_until = NULL, last_error = NULL, updated_at = $6
     WHERE alert_id = $1 AND version = $2 AND state = 'awaiting'`,
    [alertId, version, decision.state, decision.reason, JSON.stringify(decision.plan), now],
  );
  if (settled.rowCount > 0) return true;
  await db.query(`UPDATE delivery_handoffs SET claimed_by = NULL, claimed_until = NULL WHERE alert_id = $1 AND state = 'awaiting'`, [
    alertId,
  ]);
  return false;
}

/** Planning failed: the message stays awaiting, with the error, and is tried again after `retryAt`. */
export async function deferHandoff(db: Queryable, alertId: string, error: string, retryAt: Date, now: Date): Promise<void> {
  await db.query(
    `UPDATE delivery_handoffs SET claimed_by = NULL, claimed_until = $3, last_error = $2, updated_at = $4 WHERE alert_id = $1 AND state = 'awaiting'`,
    [alertId, error.slice(0, 2000), retryAt, now],
  );
}

/**
 * Sends a held (or backfilled) message on: awaiting from now. Returns the state it had, or
 * undefined when the alert has no hand-off.
 */
export async function releaseHandoff(db: Queryable, alertId: number, by: string, now: Date): Promise<HandoffState | undefined> {
  const before = await maybeOne<{ state: HandoffState }>(db, `SELECT state FROM delivery_handoffs WHERE alert_id = $1 FOR UPDATE`, [
    alertId,
  ]);
  if (!before) return undefined;
  if (before.state === 'held' || before.state === 'not_for_residents' || before.state === 'reaches_nobody') {
    await db.query(
      `UPDATE delivery_handoffs SET state = 'awaiting', reason = NULL, ready_at = $2, awaiting_since = $2, claimed_by = NULL, claimed_until = NULL,
         intake = intake || ' · released by ' || $3, version = version + 1, updated_at = $2
       WHERE alert_id = $1`,
      [alertId, now, by],
    );
  }
  return before.state;
}

type StoredHandoff = Omit<Handoff, 'plan'> & { plan: unknown };

function readHandoff<R extends StoredHandoff>(row: R): R & Pick<Handoff, 'plan'> {
  return { ...row, plan: row.plan === null ? null : readStoredObject(row.plan, `hand-off of alert ${row.alert_id}: plan`) };
}

export async function findHandoff(db: Queryable, alertId: number | string): Promise<Handoff | undefined> {
  const row = await maybeOne<StoredHandoff>(
    db,
    `SELECT alert_id::text, state, reason, intake, ready_at, awaiting_since, claimed_by, claimed_until, attempts, last_error, decided_at, plan, version FROM delivery_handoffs WHERE alert_id = $1`,
    [alertId],
  );
  return row && readHandoff(row);
}

/** Hand-offs recorded or reopened by one intake since a time (what a `feeds run` just stored). */
export async function handoffsSince(
  db: Queryable,
  intake: string,
  since: Date,
): Promise<{ alert_id: string; state: HandoffState; reason: string | null }[]> {
  return many(db, `SELECT alert_id::text, state, reason FROM delivery_handoffs WHERE intake = $1 AND updated_at >= $2 ORDER BY alert_id`, [
    intake,
    since,
  ]);
}

/** Messages that have waited for delivery longer than `overdueSeconds` since they were ready. */
export async function overdueHandoffs(
  db: Queryable,
  now: Date,
  overdueSeconds: number,
): Promise<(Handoff & { identifier: string; event: string | null })[]> {
  const rows = await many<StoredHandoff & { identifier: string; event: string | null }>(
    db,
    `SELECT h.alert_id::text, h.state, h.reason, h.intake, h.ready_at, h.awaiting_since, h.claimed_by, h.claimed_until, h.attempts, h.last_error,
            h.decided_at, h.plan, h.version, a.identifier, a.event
     FROM delivery_handoffs h JOIN alerts a ON a.id = h.alert_id
     WHERE h.state = 'awaiting' AND h.ready_at < $1::timestamptz - make_interval(secs => $2)
     ORDER BY h.ready_at`,
    [now, overdueSeconds],
  );
  return rows.map(readHandoff);
}

// A standing warning whose area holds households registered or changed by these writes goes round
// again, so that a household registered after the warning was planned is told too. The test is
// generous (within about a kilometre of the map shape, plus the targeting margin; a degree is at
// most 111 km): an extra pass plans nothing twice, a missed one leaves a household untold.
const STANDING_NEAR = `
  h.state IN ('planned', 'reaches_nobody') AND a.msg_type IN ('Alert', 'Update') AND a.area IS NOT NULL
  AND g.head_alert_id = a.id AND g.state = 'active' AND g.merged_into IS NULL AND (a.expires IS NULL OR a.expires > $1)`;

const REOPEN = (households: string) => `
UPDATE delivery_handoffs h SET state = 'awaiting', reason = NULL, ready_at = $1, awaiting_since = $1, version = h.version + 1, updated_at = $1
FROM alerts a JOIN alert_groups g ON g.id = a.group_id
WHERE h.alert_id = a.id AND ${STANDING_NEAR}
  AND EXISTS (SELECT 1 FROM households hh WHERE ${households} AND ST_DWithin(hh.location, a.area, 0.01 + coalesce((a.target_spec->>'marginM')::float8, 0) / 100000))
RETURNING h.alert_id::text`;

const REOPEN_FOR_HOUSEHOLDS = REOPEN(`hh.valid_to IS NULL AND hh.id = ANY($2::text[])`);
// An import writes its rows with valid_from = now(), the transaction's start.
const REOPEN_FOR_IMPORT = REOPEN(`hh.valid_to IS NULL AND hh.valid_from = now()`);

/** In the transaction that registered or changed these households. */
export async function reopenHandoffsForHouseholds(tx: Queryable, householdIds: readonly string[], now: Date): Promise<string[]> {
  if (householdIds.length === 0) return [];
  return (await many<{ alert_id: string }>(tx, REOPEN_FOR_HOUSEHOLDS, [now, householdIds])).map((r) => r.alert_id);
}

/** In the transaction of a household import, after its rows were merged. */
export async function reopenHandoffsForImport(tx: Queryable, now: Date): Promise<string[]> {
  return (await many<{ alert_id: string }>(tx, REOPEN_FOR_IMPORT, [now])).map((r) => r.alert_id);
}

/**
 * The embedded engine is one process's at a time (its folder is locked): whatever a previous
 * process had claimed died with it, and is free at once rather than when its lease runs out.
 */
export async function clearHandoffClaims(db: Queryable): Promise<void> {
  await db.query(
    `UPDATE delivery_handoffs SET claimed_by = NULL, claimed_until = NULL WHERE state = 'awaiting' AND claimed_by IS NOT NULL`,
  );
}

/** A delivery runtime says it is alive (at start and on every pass). */
export async function touchDeliveryRuntime(
  db: Queryable,
  r: { id: string; host: string; pid: number; engine: string; startedAt: Date },
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO delivery_runtimes (id, host, pid, engine, started_at, seen_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at`,
    [r.id, r.host, r.pid, r.engine, r.startedAt, now],
  );
}

export async function forgetDeliveryRuntime(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM delivery_runtimes WHERE id = $1`, [id]);
}

/** Every registered runtime, with when it last said it was alive. */
export async function deliveryRuntimes(db: Queryable): Promise<{ id: string; host: string; pid: number; seen_at: Date }[]> {
  return many(db, `SELECT id, host, pid, seen_at FROM delivery_runtimes`, []);
}

/** Runtimes seen within `withinSeconds` (and old entries cleared). */
export async function liveDeliveryRuntimes(
  db: Queryable,
  now: Date,
  withinSeconds: number,
): Promise<{ id: string; host: string; pid: number; seen_at: Date }[]> {
  await db.query(`DELETE FROM delivery_runtimes WHERE seen_at < $1::timestamptz - interval '1 day'`, [now]);
  return many(
    db,
    `SELECT id, host, pid, seen_at FROM delivery_runtimes WHERE seen_at >= $1::timestamptz - make_interval(secs => $2) ORDER BY seen_at DESC`,
    [now, withinSeconds],
  );
}
