// The periodic pass that keeps Tagana work moving without anyone watching, run with the delivery
// sweep (before its dispatch, so notices planned here go out in the same pass):
//   stand down the tasks of warnings that ended → escalate unacknowledged tasks → door knocks for
//   the unreached and those who asked for help → notices of every new task event to the members.
// Every step is idempotent and computed from the clock, so a late, repeated or parallel sweep
// records each step once.
import type { Db } from '../db/db.ts';
import { planTaskNotices, type TaskNoticeCounts } from '../db/tagana-task-notices.ts';
import { escalateDue } from './escalate-due.ts';
import type { EscalationPolicy } from '../policy/escalation-policy.ts';
import { planDoorKnocks } from './plan-door-knocks.ts';
import { planTasks, standDownEnded, type TaskPlan } from './plan-tasks.ts';

export interface TaganaOptions {
  escalation: EscalationPolicy;
  doorKnockAfterSeconds: number;
}

export interface TaganaSweepSummary {
  stoodDown: number;
  escalations: number;
  doorKnocks: number;
  notices: TaskNoticeCounts;
}

export async function sweepTagana(db: Db, now: Date, options: TaganaOptions): Promise<TaganaSweepSummary> {
  const ended = await standDownEnded(db, now);
  const escalations = await escalateDue(db, now, options.escalation);
  const knocks = await planDoorKnocks(db, now, options.doorKnockAfterSeconds);
  const notices = await db.transaction((tx) => planTaskNotices(tx, now));
  return {
    stoodDown: ended.reduce((n, g) => n + g.stoodDown, 0),
    escalations: escalations.length,
    doorKnocks: knocks.reduce((n, g) => n + g.knocks.filter((k) => k.created).length, 0),
    notices,
  };
}

/** After a message is handed on: its group's tasks follow it, and the teams concerned are told. */
export async function planTasksAndNotices(
  db: Db,
  alertId: number | string,
  now: Date,
): Promise<{ plan: TaskPlan; notices: TaskNoticeCounts }> {
  const plan = await planTasks(db, alertId, now);
  const notices = await db.transaction((tx) => planTaskNotices(tx, now));
  return { plan, notices };
}
