// The moves a team makes on a task: open → acknowledged → in_progress → done. Starting may skip
// the acknowledgement (starting is the strongest acknowledgement); `stood_down` and `done` are
// final for the team (only Siaga reopens a stood-down task, when its village is inside again).
import type { TaskState } from '../db/tagana-task-queries.ts';
export type TeamAction = 'acknowledge' | 'start' | 'done';

export const TEAM_ACTIONS: readonly TeamAction[] = ['acknowledge', 'start', 'done'];

const MOVES: Record<TeamAction, { from: readonly TaskState[]; to: TaskState; event: 'acknowledged' | 'started' | 'done' }> = {
  acknowledge: { from: ['open'], to: 'acknowledged', event: 'acknowledged' },
  start: { from: ['open', 'acknowledged'], to: 'in_progress', event: 'started' },
  done: { from: ['acknowledged', 'in_progress'], to: 'done', event: 'done' },
};

/** The state and event name a team action leads to from `from`; undefined when the move is not allowed. */
export function teamTransition(
  action: TeamAction,
  from: TaskState,
): { to: TaskState; event: 'acknowledged' | 'started' | 'done' } | undefined {
  const move = MOVES[action];
  return move.from.includes(from) ? { to: move.to, event: move.event } : undefined;
}

/** The states an action may start from, for messages. */
export function allowedFrom(action: TeamAction): readonly TaskState[] {
  return MOVES[action].from;
}
