// The statements behind SMS replies: keep every inbound SMS, find the warning SMS a number was
// last sent, record what came of the reply, and take the per-number turn of the help reply.
import type { Queryable } from './db.ts';
import type { AckResponse } from './acknowledgements.ts';
import { maybeOne } from './sql.ts';

export type InboundOutcome = 'acknowledged' | 'not_acknowledged' | 'unknown_keyword' | 'unknown_number' | 'not_a_phone';
export type HelpReplyState = 'none' | 'sent' | 'rate_limited' | 'failed';

export interface InboundSmsRow {
  gateway: 'smpp' | 'http';
  gatewayId: string | undefined;
  sender: string;
  phone: string | undefined;
  recipient: string | undefined;
  text: string;
  receivedAt: Date;
  response: AckResponse | undefined;
}

/** Stores the message as `pending`; undefined when the gateway gave this message id before (a webhook posted twice). */
export async function storeInboundSms(db: Queryable, row: InboundSmsRow): Promise<string | undefined> {
  const stored = await maybeOne<{ id: string }>(
    db,
    `INSERT INTO inbound_sms (gateway, gateway_id, sender, phone, recipient, text, received_at, response, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending')
     ON CONFLICT (gateway, gateway_id) WHERE gateway_id IS NOT NULL DO NOTHING
     RETURNING id::text`,
    [
      row.gateway,
      row.gatewayId ?? null,
      row.sender,
      row.phone ?? null,
      row.recipient ?? null,
      row.text,
      row.receivedAt,
      row.response ?? null,
    ],
  );
  return stored?.id;
}

export interface LatestSms {
  deliveryId: string;
  householdId: string;
  alertId: string;
}

/**
 * The SMS most recently sent to a household whose current phone is `phone`, sent after `since`.
 * Several households may share a number: the latest SMS says which of them the reply answers.
 */
export async function latestSmsToPhone(db: Queryable, phone: string, since: Date): Promise<LatestSms | undefined> {
  return maybeOne<LatestSms>(
    db,
    `SELECT d.id::text AS "deliveryId", d.household_id AS "householdId", d.alert_id::text AS "alertId"
     FROM households h JOIN deliveries d ON d.household_id = h.id
     WHERE h.phone = $1 AND h.valid_to IS NULL AND d.channel = 'sms' AND d.sent_at IS NOT NULL AND d.sent_at >= $2
     ORDER BY d.sent_at DESC, d.id DESC LIMIT 1`,
    [phone, since],
  );
}

export async function settleInboundSms(
  db: Queryable,
  id: string,
  result: { outcome: InboundOutcome; householdId?: string; deliveryId?: string },
): Promise<void> {
  await db.query(`UPDATE inbound_sms SET outcome = $2, household_id = $3, delivery_id = $4 WHERE id = $1`, [
    id,
    result.outcome,
    result.householdId ?? null,
    result.deliveryId ?? null,
  ]);
}

export async function recordHelpReply(db: Queryable, id: string, state: HelpReplyState, error?: string): Promise<void> {
  await db.query(`UPDATE inbound_sms SET help_reply = $2, help_reply_error = $3 WHERE id = $1`, [id, state, error ?? null]);
}

/**
 * Takes the number's turn for a help reply: true when none was taken within `everySeconds` of
 * `now`. One statement, so that two processes receiving SMS at once cannot both answer.
 */
export async function takeHelpReplyTurn(db: Queryable, phone: string, now: Date, everySeconds: number): Promise<boolean> {
  const taken = await maybeOne<{ phone: string }>(
    db,
    `INSERT INTO sms_help_replies (phone, sent_at) VALUES ($1, $2)
     ON CONFLICT (phone) DO UPDATE SET sent_at = excluded.sent_at
       WHERE sms_help_replies.sent_at <= $2::timestamptz - make_interval(secs => $3::float8)
     RETURNING phone`,
    [phone, now, everySeconds],
  );
  return taken !== undefined;
}
