// From a warning to Tagana work: the tasks of an alert's group follow the group's standing message.
//   load the message's group and head → decide → plan (one transaction)
// An Alert or Update that stands gives one task per affected village to the team covering it (new
// villages get tasks, villages that left are stood down, the rest are updated in place); a group
// that was cancelled or whose standing message expired stands all its tasks down. Idempotent: the
// same standing message planned twice changes nothing. Only Actual messages make work for teams.
import type { Db } from '../db/db.ts';
import { endedGroupsWithTasks, loadTaskSource, planVillageTasks, standDownGroupTasks } from '../db/tagana-tasks.ts';
import { hazardScore } from './task-priority.ts';

export interface TaskPlan {
  alertId: number;
  groupId?: number;
  action: 'planned' | 'stood_down' | 'skipped';
  reason?: string;
  villages?: number;
  created?: number;
  updated?: number;
  reopened?: number;
  stoodDown?: number;
  /** Affected villages no Tagana team covers (no task could be given). */
  uncovered?: string[];
  hazard?: number;
}

export async function planTasks(db: Db, alertId: number | string, now: Date): Promise<TaskPlan> {
  const id = Number(alertId);
  const src = await loadTaskSource(db, alertId);
  if (!src) return { alertId: id, action: 'skipped', reason: 'no such message' };
  const base = { alertId: id, groupId: src.group_id };
  const standDown = async (note: string): Promise<TaskPlan> => ({
    ...base,
    action: 'stood_down',
    reason: note,
    stoodDown: await db.transaction((tx) => standDownGroupTasks(tx, src.group_id, now, note)),
  });

  if (src.group_state === 'cancelled' || src.head_msg_type === 'Cancel')
    return standDown(`the warning was cancelled (message ${src.head_id ?? id})`);
  if (src.group_expires && src.group_expires <= now) return standDown(`the warning expired at ${src.group_expires.toISOString()}`);
  if (src.head_id === null) return { ...base, action: 'skipped', reason: 'the group has no standing message yet' };
  if (src.head_status !== 'Actual') return { ...base, action: 'skipped', reason: `a ${src.head_status} message makes no work for teams` };
  if (src.head_msg_type !== 'Alert' && src.head_msg_type !== 'Update')
    return { ...base, action: 'skipped', reason: `a ${src.head_msg_type} message makes no work for teams` };
  const spec = src.head_target_spec;
  if (!spec) return { ...base, action: 'skipped', reason: 'the standing message has no targeting' };

  const hazard = hazardScore(src.severity, src.urgency, src.certainty);
  const counts = await db.transaction((tx) =>
    planVillageTasks(tx, {
      spec,
      groupId: src.group_id,
      headAlertId: src.head_id as number,
      now,
      hazard,
      severity: src.severity,
      urgency: src.urgency,
      certainty: src.certainty,
    }),
  );
  return {
    ...base,
    action: 'planned',
    villages: counts.villages,
    created: counts.created,
    updated: counts.updated,
    reopened: counts.reopened,
    stoodDown: counts.stood_down,
    uncovered: counts.uncovered,
    hazard,
  };
}

/** Stands down the tasks of every group that ended (cancelled or expired) since; for a periodic sweep. */
export async function standDownEnded(db: Db, now: Date): Promise<{ groupId: number; stoodDown: number }[]> {
  const out = [];
  for (const g of await endedGroupsWithTasks(db, now)) {
    const note = g.state === 'cancelled' ? 'the warning was cancelled' : 'the warning expired';
    out.push({ groupId: g.group_id, stoodDown: await db.transaction((tx) => standDownGroupTasks(tx, g.group_id, now, note)) });
  }
  return out;
}
