// One team move on one task (acknowledge, start, done), in the caller's transaction: the task is
// locked, the move checked against the lifecycle, the state changed and the event recorded.
import type { Queryable } from '../db/db.ts';
import { lockTeamTask, moveTask } from '../db/tagana-task-queries.ts';
import type { TaskState } from '../db/tagana-task-queries.ts';
import { allowedFrom, teamTransition, type TeamAction } from './task-lifecycle.ts';

export type MoveResult =
  | { kind: 'moved'; id: number; from: TaskState; state: TaskState }
  | { kind: 'not_found'; id: number }
  | { kind: 'refused'; id: number; state: TaskState; message: string };

export async function moveTeamTask(
  tx: Queryable,
  m: { team: string; id: number; action: TeamAction; actor: string; note: string | null; now: Date },
): Promise<MoveResult> {
  const task = await lockTeamTask(tx, m.team, m.id);
  if (!task) return { kind: 'not_found', id: m.id };
  const next = teamTransition(m.action, task.state);
  if (!next)
    return {
      kind: 'refused',
      id: m.id,
      state: task.state,
      message: `task ${m.id} is ${task.state}; ${m.action} needs it ${allowedFrom(m.action).join(' or ')}`,
    };
  await moveTask(tx, { id: m.id, from: task.state, to: next.to, event: next.event, actor: m.actor, note: m.note, now: m.now });
  return { kind: 'moved', id: m.id, from: task.state, state: next.to };
}
