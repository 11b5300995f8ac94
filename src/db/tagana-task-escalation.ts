// Escalation of unacknowledged tasks, set-based. A task still `open` climbs one level per deadline
// (the policy tier for its priority) counted from when it was opened: level 1 at opened + d, to the
// team's coordinator; level 2 at opened + 2d, to a team covering the village's province (other than
// the task's own). Levels are computed from the clock, not counted per run, so a late or repeated
// sweep records each step exactly once. Tasks of ended groups (cancelled, expired) never escalate.
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

const ESCALATE_DUE = `
WITH due AS (
  SELECT t.id, t.team_code, t.village_code, t.escalation_level AS from_level, t.opened_at, tier.secs,
         least(2, floor(extract(epoch FROM ($1::timestamptz - t.opened_at)) / tier.secs))::int AS to_level
  FROM tagana_tasks t JOIN alert_groups g ON g.id = t.group_id
  CROSS JOIN LATERAL (
    SELECT (x->>'seconds')::float8 AS secs FROM jsonb_array_elements($2::jsonb) AS x
    WHERE t.priority >= (x->>'minPriority')::float8 ORDER BY (x->>'minPriority')::float8 DESC LIMIT 1
  ) AS tier
  WHERE t.state = 'open' AND t.escalation_level < 2 AND g.state = 'active' AND (g.expires IS NULL OR g.expires > $1)
),
target AS (
  SELECT d.*, c.id AS coordinator_id, c.name AS coordinator_name, c.phone AS coordinator_phone,
         p.code AS province_team, p.name AS province_team_name
  FROM due d
  LEFT JOIN LATERAL (
    SELECT m.id, m.name, m.phone FROM tagana_members m WHERE m.team_code = d.team_code AND m.role = 'coordinator' AND m.active ORDER BY m.id LIMIT 1
  ) AS c ON true
  LEFT JOIN LATERAL (
    SELECT tt.code, tt.name FROM tagana_team_areas ta JOIN tagana_teams tt ON tt.code = ta.team_code
    WHERE ta.area_code = left(d.village_code, 2) AND ta.team_code <> d.team_code ORDER BY tt.code LIMIT 1
  ) AS p ON true
  WHERE d.to_level > d.from_level
),
updated AS (
  UPDATE tagana_tasks t SET escalation_level = x.to_level, escalated_at = $1, updated_at = $1,
    escalated_member_id = coalesce(x.coordinator_id, t.escalated_member_id),
    escalated_team_code = CASE WHEN x.to_level >= 2 THEN x.province_team ELSE t.escalated_team_code END
  FROM target x WHERE t.id = x.id
  RETURNING t.id
),
step AS (
  SELECT x.*, s.level,
         CASE s.level
           WHEN 1 THEN CASE WHEN x.coordinator_id IS NULL THEN 'level 1: team ' || x.team_code || ' has no active coordinator'
                       ELSE 'level 1: to coordinator ' || x.coordinator_id || ' ' || x.coordinator_name || coalesce(' (' || x.coordinator_phone || ')', '') END
           ELSE CASE WHEN x.province_team IS NULL THEN 'level 2: no other team covers province ' || left(x.village_code, 2)
                ELSE 'level 2: to province team ' || x.province_team || ' (' || x.province_team_name || ')' END
         END AS note
  FROM target x CROSS JOIN LATERAL generate_series(x.from_level + 1, x.to_level) AS s(level)
),
events AS (
  INSERT INTO tagana_task_events (task_id, at, actor, action, from_state, to_state, note, escalation_level)
  SELECT id, $1, 'system', 'escalated', 'open', 'open', note, level FROM step ORDER BY id, level
  RETURNING task_id
)
-- (updated and events run to completion although unread: PostgreSQL always executes data-modifying CTEs.)
SELECT id::int AS task_id, team_code, level, CASE level WHEN 1 THEN coordinator_id ELSE province_team END AS escalated_to, note,
       opened_at + make_interval(secs => secs * level) AS due_at
FROM step ORDER BY id, level`;

export interface EscalationStep {
  task_id: number;
  team_code: string;
  level: 1 | 2;
  /** The coordinator's member id (level 1) or the province team's code (level 2); null when there is none. */
  escalated_to: string | null;
  note: string;
  due_at: Date;
}

export async function escalateDueTasks(
  tx: Queryable,
  now: Date,
  tiers: { minPriority: number; seconds: number }[],
): Promise<EscalationStep[]> {
  return many<EscalationStep>(tx, ESCALATE_DUE, [now, JSON.stringify(tiers)]);
}
