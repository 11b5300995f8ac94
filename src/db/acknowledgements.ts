// A resident's answer to a warning: `received`, `safe` or `need_help`. It moves the row to
// `acknowledged` (from sent or delivered; also from failed, since an answer proves it arrived by
// some way) and keeps the most serious answer: a later `received` does not hide an earlier
// `need_help`, while `safe` does. `delivered` is the device's own confirmation (service worker).
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export type AckResponse = 'received' | 'safe' | 'need_help';

export async function acknowledgeDelivery(
  db: Queryable,
  deliveryId: string,
  response: AckResponse,
  now: Date,
  householdId?: string,
): Promise<{ id: string; state: string; response: string } | undefined> {
  return maybeOne<{ id: string; state: string; response: string }>(
    db,
    `
    UPDATE deliveries SET state = 'acknowledged', acknowledged_at = $3,
      delivered_at = coalesce(delivered_at, $3),
      failure_reason = NULL, failed_at = NULL, outcome_unknown = false,
      response = CASE WHEN response = 'need_help' AND $2 = 'received' THEN response ELSE $2 END
    WHERE id = $1 AND state IN ('sent', 'delivered', 'acknowledged', 'failed') AND ($4::text IS NULL OR household_id = $4)
    RETURNING id::text, state, response`,
    [deliveryId, response, now, householdId ?? null],
  );
}

/**
 * The devices showed these pushes (each service worker says so with its payload's ack token):
 * `delivered`, whatever Siaga knew of them. Also from `sending` (the device can answer before the
 * worker records the push service's answer, or instead of a worker that died), from `queued` (a
 * copy of unknown outcome waiting to be sent again: it is not) and from `failed` (the push
 * service's answer was lost). Returns the ids marked.
 */
export async function markPushDelivered(db: Queryable, deliveryIds: readonly string[], now: Date): Promise<string[]> {
  if (deliveryIds.length === 0) return [];
  const marked = await many<{ id: string }>(
    db,
    `UPDATE deliveries SET state = 'delivered', delivered_at = $2, sent_at = coalesce(sent_at, request_started_at, $2),
       outcome_unknown = false, failure_reason = NULL, failed_at = NULL, claimed_until = NULL, dispatched_at = NULL
     WHERE id = ANY($1::bigint[]) AND channel = 'push' AND state IN ('queued', 'sending', 'sent', 'failed') RETURNING id::text`,
    [deliveryIds, now],
  );
  return marked.map((r) => r.id);
}

/** The household's rows of one alert (any channel), newest first: what a management-token acknowledgement answers. */
export async function householdDeliveriesOf(db: Queryable, householdId: string, alertId: string): Promise<string[]> {
  const rows = await many<{ id: string }>(
    db,
    `SELECT id::text FROM deliveries WHERE household_id = $1 AND alert_id = $2 ORDER BY id DESC`,
    [householdId, alertId],
  );
  return rows.map((r) => r.id);
}
