// The board's four numbers from its tasks: open, urgent (Immediate, escalated, handed up, need_help), vulnerable people of village tasks.
import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../src/db/tagana-task-queries.ts';
import { boardSummary } from '../../src/web/team-board-summary.ts';

const task = (over: Partial<TaskSummary>): TaskSummary => ({
  id: 1,
  group_id: 1,
  alert_id: 1,
  kind: 'village',
  village_code: '12.07.01.2001',
  village_name: 'X',
  household_id: null,
  reason: null,
  team_code: 'a',
  state: 'open',
  priority: 1,
  severity: 'Severe',
  urgency: 'Expected',
  certainty: 'Likely',
  households: 1,
  people: 1,
  margin_households: 0,
  vulnerable_households: 1,
  vulnerable: 2,
  vulnerable_by_kind: { elderly: 2, disabled: 0, infant: 0, pregnant: 0, ill: 0 },
  escalation_level: 0,
  escalated_member_id: null,
  escalated_team_code: null,
  cluster_id: null,
  opened_at: new Date(0),
  updated_at: new Date(0),
  ...over,
});

describe('team board summary', () => {
  it('counts open and urgent tasks, vulnerable people of village tasks only, and passes the unreached count on', () => {
    const tasks = [
      task({ id: 1 }),
      task({ id: 2, urgency: 'Immediate', vulnerable: 3 }),
      task({ id: 3, escalation_level: 1, vulnerable: 0 }),
      task({ id: 4, team_code: 'b', escalated_team_code: 'a', vulnerable: 1 }),
      task({ id: 5, kind: 'door_knock', reason: 'need_help', vulnerable: 2 }),
    ];
    expect(boardSummary(tasks, 'a', 7)).toEqual({ open: 5, urgent: 4, vulnerable: 6, unreached: 7 });
    expect(boardSummary([], 'a', 0)).toEqual({ open: 0, urgent: 0, vulnerable: 0, unreached: 0 });
  });
});
