// Statements on cap_senders and cap_intake_log (migrations/0014_cap_senders.sql): the other
// authorities allowed to post CAP, kept with the SHA-256 of their token only, and what they posted.
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export interface CapSender {
  name: string;
  pattern: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface CapSenderSummary extends CapSender {
  posts: number;
  stored: number;
  refused: number;
  last_post_at: Date | null;
}

export interface IntakeLogEntry {
  senderName: string;
  receivedAt: Date;
  status: number;
  outcome: string;
  capSender: string | null;
  identifier: string | null;
  alertId: number | null;
  bytes: number | null;
  error: string | null;
}

const INSERT_SENDER = `
INSERT INTO cap_senders (name, pattern, token_sha256, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (name) DO NOTHING
RETURNING name`;

const SENDER_OF_TOKEN = `SELECT name, pattern, created_at, revoked_at FROM cap_senders WHERE token_sha256 = $1`;

const LIST_SENDERS = `
SELECT s.name, s.pattern, s.created_at, s.revoked_at,
       count(l.id)::int AS posts,
       count(l.id) FILTER (WHERE l.status IN (200, 201))::int AS stored,
       count(l.id) FILTER (WHERE l.status NOT IN (200, 201))::int AS refused,
       max(l.received_at) AS last_post_at
FROM cap_senders s LEFT JOIN cap_intake_log l ON l.sender_name = s.name
GROUP BY s.name ORDER BY s.name`;

const REVOKE_SENDER = `UPDATE cap_senders SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL RETURNING name`;

const SENDER_EXISTS = `SELECT name, pattern, created_at, revoked_at FROM cap_senders WHERE name = $1`;

const INSERT_LOG = `
INSERT INTO cap_intake_log (sender_name, received_at, status, outcome, cap_sender, identifier, alert_id, bytes, error)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

const LIST_LOG = `
SELECT sender_name, received_at, status, outcome, cap_sender, identifier, alert_id::text, bytes, error
FROM cap_intake_log WHERE ($1::text IS NULL OR sender_name = $1) ORDER BY received_at DESC, id DESC LIMIT $2`;

/** Stores a sender with its token's hash; false when the name is taken. */
export async function insertCapSender(
  db: Queryable,
  s: { name: string; pattern: string; tokenSha256: string },
  now: Date,
): Promise<boolean> {
  return (await many(db, INSERT_SENDER, [s.name, s.pattern, s.tokenSha256, now])).length === 1;
}

/** The sender a token belongs to, revoked or not (the caller says which). */
export async function capSenderForToken(db: Queryable, tokenSha256: string): Promise<CapSender | undefined> {
  return maybeOne<CapSender>(db, SENDER_OF_TOKEN, [tokenSha256]);
}

export async function findCapSender(db: Queryable, name: string): Promise<CapSender | undefined> {
  return maybeOne<CapSender>(db, SENDER_EXISTS, [name]);
}

export async function listCapSenders(db: Queryable): Promise<CapSenderSummary[]> {
  return many<CapSenderSummary>(db, LIST_SENDERS);
}

/** Revokes a sender's token; false when there is no such sender or it was revoked already. */
export async function revokeCapSender(db: Queryable, name: string, now: Date): Promise<boolean> {
  return (await many(db, REVOKE_SENDER, [name, now])).length === 1;
}

export async function logCapIntake(db: Queryable, e: IntakeLogEntry): Promise<void> {
  await db.query(INSERT_LOG, [e.senderName, e.receivedAt, e.status, e.outcome, e.capSender, e.identifier, e.alertId, e.bytes, e.error]);
}

export interface CapIntakeRow {
  sender_name: string;
  received_at: Date;
  status: number;
  outcome: string;
  cap_sender: string | null;
  identifier: string | null;
  alert_id: string | null;
  bytes: number | null;
  error: string | null;
}

/** Posts, newest first; all senders' when `senderName` is null. */
export async function listCapIntakes(db: Queryable, senderName: string | null, limit: number): Promise<CapIntakeRow[]> {
  return many<CapIntakeRow>(db, LIST_LOG, [senderName, limit]);
}
