// Households' web-push subscriptions. One household may have several devices; a subscription the
// push service reports gone (404/410) is deactivated, never deleted, so the ledger keeps its proof.
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export interface StoredSubscription {
  id: string;
  household_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export async function activeSubscriptions(db: Queryable, householdIds: readonly string[]): Promise<StoredSubscription[]> {
  if (householdIds.length === 0) return [];
  return many(db, `SELECT id::text, household_id, endpoint, p256dh, auth FROM push_subscriptions WHERE household_id = ANY($1::text[]) AND active ORDER BY id`, [householdIds]);
}

export async function deactivateSubscriptions(db: Queryable, ids: readonly string[], reason: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE push_subscriptions SET active = false, deactivated_at = $3, deactivated_reason = $2 WHERE id = ANY($1::bigint[]) AND active`, [ids, reason, now]);
}

/** Adds (or re-activates, or moves to this household) the subscription of one endpoint. */
export async function upsertSubscription(db: Queryable, householdId: string, s: { endpoint: string; p256dh: string; auth: string }): Promise<string> {
  const row = await maybeOne<{ id: string }>(db, `
    INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)
    ON CONFLICT (endpoint) DO UPDATE SET household_id = excluded.household_id, p256dh = excluded.p256dh, auth = excluded.auth,
      active = true, deactivated_at = NULL, deactivated_reason = NULL
    RETURNING id::text`, [householdId, s.endpoint, s.p256dh, s.auth]);
  if (!row) throw new Error('upsertSubscription: no row returned');
  return row.id;
}

export async function removeSubscription(db: Queryable, householdId: string, endpoint: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(`UPDATE push_subscriptions SET active = false, deactivated_at = $3, deactivated_reason = 'removed by the household'
    WHERE household_id = $1 AND endpoint = $2 AND active RETURNING id`, [householdId, endpoint, now]);
  return rows.length > 0;
}
