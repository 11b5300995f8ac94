// Web-push subscriptions of households and of Tagana members' devices. One owner may have several
// devices; a subscription the push service reports gone (404/410) is deactivated, never deleted, so
// the ledger keeps its proof.
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export interface StoredSubscription {
  id: string;
  /** The owner: a household, or a Tagana member (the team board's notices). */
  household_id: string | null;
  member_id: string | null;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export async function activeSubscriptions(db: Queryable, householdIds: readonly string[]): Promise<StoredSubscription[]> {
  if (householdIds.length === 0) return [];
  return many(
    db,
    `SELECT id::text, household_id, member_id, endpoint, p256dh, auth FROM push_subscriptions WHERE household_id = ANY($1::text[]) AND active ORDER BY id`,
    [householdIds],
  );
}

export async function activeMemberSubscriptions(db: Queryable, memberIds: readonly string[]): Promise<StoredSubscription[]> {
  if (memberIds.length === 0) return [];
  return many(
    db,
    `SELECT id::text, household_id, member_id, endpoint, p256dh, auth FROM push_subscriptions WHERE member_id = ANY($1::text[]) AND active ORDER BY id`,
    [memberIds],
  );
}

export async function deactivateSubscriptions(db: Queryable, ids: readonly string[], reason: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE push_subscriptions SET active = false, deactivated_at = $3, deactivated_reason = $2 WHERE id = ANY($1::bigint[]) AND active`,
    [ids, reason, now],
  );
}

export type SubscriptionOwner = { household: string } | { member: string };

/**
 * Adds (or re-activates, with fresh keys) the subscription of one endpoint for this owner. An endpoint
 * belongs to the owner who registered it first: another household or member presenting it gets
 * `taken` and nothing changes, so nobody can move a victim's device (and its warnings) to themselves.
 * The guard sits in the conflict clause so that two racing registrations cannot both win.
 */
export async function upsertSubscription(
  db: Queryable,
  owner: SubscriptionOwner,
  s: { endpoint: string; p256dh: string; auth: string },
): Promise<{ id: string } | { taken: true }> {
  const household = 'household' in owner ? owner.household : null;
  const member = 'member' in owner ? owner.member : null;
  const row = await maybeOne<{ id: string }>(
    db,
    `
    INSERT INTO push_subscriptions (household_id, member_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, active = true, deactivated_at = NULL, deactivated_reason = NULL
      WHERE push_subscriptions.household_id IS NOT DISTINCT FROM excluded.household_id AND push_subscriptions.member_id IS NOT DISTINCT FROM excluded.member_id
    RETURNING id::text`,
    [household, member, s.endpoint, s.p256dh, s.auth],
  );
  return row ?? { taken: true };
}

/** The refusal both APIs send when an endpoint is someone else's. */
export const ENDPOINT_TAKEN =
  'endpoint: this push endpoint is already registered to another household or team member; a device subscription cannot be moved (unsubscribe in the browser and subscribe again for a new endpoint)';

export async function removeSubscription(db: Queryable, householdId: string, endpoint: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE push_subscriptions SET active = false, deactivated_at = $3, deactivated_reason = 'removed by the household'
    WHERE household_id = $1 AND endpoint = $2 AND active RETURNING id`,
    [householdId, endpoint, now],
  );
  return rows.length > 0;
}
