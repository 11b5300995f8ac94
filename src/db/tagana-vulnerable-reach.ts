// Whether a warning reached the vulnerable households a team works on, as the team's pages show it:
// per household of a task its phone (the team calls it; shown to the team only) and where the
// group's deliveries stand, and the board's count of vulnerable households not reached. "Reached"
// is what door knocks use (src/db/tagana-door-knocks.ts): a delivery of the group, not an
// all-clear, `delivered` or `acknowledged`. Every statement carries the team, like the task reads.
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export interface VulnerableReach {
  id: string;
  phone: string | null;
  reached: boolean;
  /** The newest delivery's state for this household and group; null: none was planned. */
  last_state: string | null;
}

const TASK_REACH = `
SELECT e->>'id' AS id, h.phone,
  EXISTS (SELECT 1 FROM deliveries d WHERE d.group_id = t.group_id AND d.household_id = e->>'id' AND d.kind <> 'all_clear' AND d.state IN ('delivered', 'acknowledged')) AS reached,
  (SELECT d.state FROM deliveries d WHERE d.group_id = t.group_id AND d.household_id = e->>'id' AND d.kind <> 'all_clear' ORDER BY d.id DESC LIMIT 1) AS last_state
FROM tagana_tasks t CROSS JOIN LATERAL jsonb_array_elements(t.vulnerable_list) AS e
LEFT JOIN households h ON h.id = e->>'id' AND h.valid_to IS NULL
WHERE t.id = $2 AND (t.team_code = $1 OR t.escalated_team_code = $1)`;

export async function vulnerableReach(db: Queryable, team: string, taskId: number): Promise<Map<string, VulnerableReach>> {
  const rows = await many<VulnerableReach>(db, TASK_REACH, [team, taskId]);
  return new Map(rows.map((r) => [r.id, r]));
}

// The board's tasks: the team's own and those escalated to it, still to be worked.
const UNREACHED = `
WITH listed AS (
  SELECT DISTINCT t.group_id, e->>'id' AS household_id
  FROM tagana_tasks t CROSS JOIN LATERAL jsonb_array_elements(t.vulnerable_list) AS e
  WHERE (t.team_code = $1 OR t.escalated_team_code = $1) AND t.state IN ('open', 'acknowledged', 'in_progress')
)
SELECT count(*)::int AS n FROM listed l
WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.group_id = l.group_id AND d.household_id = l.household_id AND d.kind <> 'all_clear' AND d.state IN ('delivered', 'acknowledged'))`;

export async function unreachedVulnerableCount(db: Queryable, team: string): Promise<number> {
  return (await maybeOne<{ n: number }>(db, UNREACHED, [team]))?.n ?? 0;
}

export async function teamName(db: Queryable, team: string): Promise<string | undefined> {
  return (await maybeOne<{ name: string }>(db, `SELECT name FROM tagana_teams WHERE code = $1`, [team]))?.name;
}
