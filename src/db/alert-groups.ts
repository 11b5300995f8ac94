// Statements on alert_groups: one warning through its Alert → Update → Cancel chain.
import type { GroupMessage, GroupStanding } from '../cap/resolve-group-standing.ts';
import type { TargetSpec } from '../cap/build-target-spec.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';
import { readStoredTargetSpec } from './stored-target-spec.ts';

const CREATE_GROUP = `INSERT INTO alert_groups DEFAULT VALUES RETURNING id::int`;

// The absorbed groups keep their rows (pointing to the survivor) so that anything already recorded
// against them (deliveries, tasks) can still be traced.
const MOVE_ALERTS = `UPDATE alerts SET group_id = $1 WHERE group_id = ANY($2::bigint[])`;
const MARK_MERGED = `
UPDATE alert_groups SET merged_into = $1, head_alert_id = NULL, updated_at = now() WHERE id = ANY($2::bigint[])`;

// A message sent "in the future" counts as sent on arrival (sent_used, see read-alert-times.ts).
const GROUP_MESSAGES = `
SELECT a.id::int, a.msg_type AS "msgType", (extract(epoch FROM coalesce(a.sent_used, a.sent)) * 1000)::float8 AS "sentMs",
  (extract(epoch FROM a.expires) * 1000)::float8 AS "expiresMs",
  ARRAY(SELECT r.resolved_alert_id::int FROM alert_references r WHERE r.alert_id = a.id AND r.resolved_alert_id IS NOT NULL) AS "references"
FROM alerts a WHERE a.group_id = $1 ORDER BY a.sent, a.id`;

const SET_STANDING = `
UPDATE alert_groups SET head_alert_id = $2, state = $3, ended_at = $4::timestamptz, expires = $5::timestamptz, updated_at = now()
WHERE id = $1`;

const HEAD_OF_GROUP = `
SELECT g.head_alert_id::int AS id, a.target_spec FROM alert_groups g JOIN alerts a ON a.id = g.head_alert_id WHERE g.id = $1`;

export async function createGroup(tx: Queryable): Promise<number> {
  return (await one<{ id: number }>(tx, CREATE_GROUP)).id;
}

/** Moves every message of `others` into `survivor`. */
export async function mergeGroups(tx: Queryable, survivor: number, others: readonly number[]): Promise<void> {
  if (others.length === 0) return;
  await tx.query(MOVE_ALERTS, [survivor, others]);
  await tx.query(MARK_MERGED, [survivor, others]);
}

export async function groupMessages(db: Queryable, groupId: number): Promise<GroupMessage[]> {
  const rows = await many<GroupMessage>(db, GROUP_MESSAGES, [groupId]);
  return rows.map((r) => ({ ...r, sentMs: Number(r.sentMs), expiresMs: r.expiresMs === null ? null : Number(r.expiresMs) }));
}

export async function setGroupStanding(tx: Queryable, groupId: number, s: GroupStanding): Promise<void> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  await tx.query(SET_STANDING, [groupId, s.headId, s.state, iso(s.endedAtMs), iso(s.expiresMs)]);
}

/** The message standing for the group now, with what it targets; undefined for a group not yet settled. */
export async function groupHead(db: Queryable, groupId: number): Promise<{ id: number; target_spec: TargetSpec | null } | undefined> {
  const head = await maybeOne<{ id: number; target_spec: unknown }>(db, HEAD_OF_GROUP, [groupId]);
  return head && { id: head.id, target_spec: readStoredTargetSpec(head.target_spec, head.id) };
}
