// Statements on alert_references: an Update or Cancel names earlier messages by identity. A
// reference to a message not stored yet stays unresolved and is matched when that message arrives.
import type { CapReference } from '../cap/cap-types.ts';
import type { Identity } from './alerts.ts';
import type { Queryable } from './db.ts';
import { many, one } from './sql.ts';

// Resolved now where the referenced message is stored; NULL (pending) otherwise.
const INSERT_REFERENCES = `
INSERT INTO alert_references (alert_id, position, sender, identifier, sent, sent_raw, resolved_alert_id)
SELECT $1, r.position, r.sender, r.identifier, r.sent, r.sent_raw,
  (SELECT a.id FROM alerts a WHERE a.sender = r.sender AND a.identifier = r.identifier AND a.sent = r.sent)
FROM jsonb_to_recordset($2::jsonb) AS r(position int, sender text, identifier text, sent timestamptz, sent_raw text)
RETURNING resolved_alert_id::int`;

const GROUPS_OF_ALERTS = `SELECT DISTINCT group_id::int FROM alerts WHERE id = ANY($1::bigint[]) ORDER BY 1`;

// Messages that were waiting for this identity: link them, and return their groups to join.
const RESOLVE_PENDING = `
WITH resolved AS (
  UPDATE alert_references SET resolved_alert_id = $1
  WHERE resolved_alert_id IS NULL AND sender = $2 AND identifier = $3 AND sent = $4::timestamptz
  RETURNING alert_id
)
SELECT DISTINCT a.group_id::int FROM resolved r JOIN alerts a ON a.id = r.alert_id ORDER BY 1`;

// Before the message exists: which stored groups reference its identity (still pending).
const GROUPS_WAITING_FOR = `
SELECT DISTINCT a.group_id::int FROM alert_references r JOIN alerts a ON a.id = r.alert_id
WHERE r.resolved_alert_id IS NULL AND r.sender = $1 AND r.identifier = $2 AND r.sent = $3::timestamptz ORDER BY 1`;

const GROUPS_REFERENCED = `
SELECT DISTINCT a.group_id::int FROM jsonb_to_recordset($1::jsonb) AS r(sender text, identifier text, sent timestamptz)
JOIN alerts a ON a.sender = r.sender AND a.identifier = r.identifier AND a.sent = r.sent ORDER BY 1`;

const COUNT_REFERENCES = `
SELECT count(resolved_alert_id)::int AS resolved, (count(*) - count(resolved_alert_id))::int AS pending
FROM alert_references WHERE alert_id = $1`;

export interface ReferenceCount {
  resolved: number;
  pending: number;
}

/** Groups of stored messages that `references` names (those not stored yet are not counted here). */
export async function groupsReferenced(db: Queryable, references: readonly CapReference[]): Promise<number[]> {
  if (references.length === 0) return [];
  const rows = await many<{ group_id: number }>(db, GROUPS_REFERENCED, [JSON.stringify(references.map(referenceRow))]);
  return rows.map((r) => r.group_id);
}

export async function groupsWaitingFor(db: Queryable, id: Identity): Promise<number[]> {
  const rows = await many<{ group_id: number }>(db, GROUPS_WAITING_FOR, [id.sender, id.identifier, id.sent]);
  return rows.map((r) => r.group_id);
}

export async function insertReferences(tx: Queryable, alertId: number, references: readonly CapReference[]): Promise<ReferenceCount> {
  if (references.length === 0) return { resolved: 0, pending: 0 };
  const rows = references.map((r, position) => ({ position, ...referenceRow(r), sent_raw: r.sent.raw }));
  const inserted = await many<{ resolved_alert_id: number | null }>(tx, INSERT_REFERENCES, [alertId, JSON.stringify(rows)]);
  const resolved = inserted.filter((r) => r.resolved_alert_id !== null).length;
  return { resolved, pending: inserted.length - resolved };
}

/** How many of the alert's references point at stored messages, and how many still wait. */
export async function countReferences(db: Queryable, alertId: number): Promise<ReferenceCount> {
  return one<ReferenceCount>(db, COUNT_REFERENCES, [alertId]);
}

export async function resolvePendingReferences(tx: Queryable, alertId: number, id: Identity): Promise<number[]> {
  const rows = await many<{ group_id: number }>(tx, RESOLVE_PENDING, [alertId, id.sender, id.identifier, id.sent]);
  return rows.map((r) => r.group_id);
}

export async function groupsOfAlerts(db: Queryable, alertIds: readonly number[]): Promise<number[]> {
  const rows = await many<{ group_id: number }>(db, GROUPS_OF_ALERTS, [alertIds]);
  return rows.map((r) => r.group_id);
}

function referenceRow(r: CapReference): { sender: string; identifier: string; sent: string } {
  // Validation refuses a message whose references cannot be read, so sent.epochMs is set here.
  return { sender: r.sender, identifier: r.identifier, sent: new Date(r.sent.epochMs ?? Number.NaN).toISOString() };
}
