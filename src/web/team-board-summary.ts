// The four numbers a team reads before anything else on its board: tasks still to work, the
// urgent ones among them (CAP urgency Immediate, escalated for want of an acknowledgement, handed
// up to this team, or a household that asked for help), the vulnerable people in them, and the
// vulnerable households no warning has reached (counted in the database: src/db/tagana-vulnerable-reach.ts).
import type { TaskSummary } from '../db/tagana-task-queries.ts';

export interface BoardSummary {
  open: number;
  urgent: number;
  vulnerable: number;
  unreached: number;
}

export function isUrgent(t: TaskSummary, team: string): boolean {
  return (
    t.urgency === 'Immediate' ||
    t.escalation_level > 0 ||
    (t.escalated_team_code === team && t.team_code !== team) ||
    t.reason === 'need_help'
  );
}

/** `tasks`: the board's tasks (not done, not stood down). */
export function boardSummary(tasks: readonly TaskSummary[], team: string, unreached: number): BoardSummary {
  return {
    open: tasks.length,
    urgent: tasks.filter((t) => isUrgent(t, team)).length,
    // Village tasks only: a door knock visits a household its village task already counts.
    vulnerable: tasks.reduce((n, t) => n + (t.kind === 'village' ? t.vulnerable : 0), 0),
    unreached,
  };
}
