// Planning village tasks, set-based: the villages and households a warning's standing message
// reaches come from the same targeting query that counted them at ingest (TARGET_CTE); one
// statement upserts a task per affected village for the team covering it, stands down the tasks of
// villages that left the area, and records every change as an event. Keyed by (group, village), so
// an Update changes tasks in place and planning the same message twice changes nothing.
//
// Counts are of households inside the hazard area (not those reached only through the margin,
// which are counted apart), and the vulnerable households are listed with their locations, most
// vulnerable first. A village no team covers gets no task; the caller reports it.
import type { TargetSpec } from '../cap/build-target-spec.ts';
import { TARGET_CTE } from './alert-targeting.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';
import { readStoredTargetSpec } from './stored-target-spec.ts';
import { teamOfVillageSql } from './tagana-team-cover.ts';

// Columns compared to decide whether an existing task changed (an `updated` event).
const COMPARED = [
  'team_code',
  'priority',
  'severity',
  'urgency',
  'certainty',
  'households',
  'people',
  'margin_households',
  'vulnerable_households',
  'vulnerable',
  'elderly',
  'disabled',
  'infant',
  'pregnant',
  'ill',
  'vulnerable_list',
];
const cols = (alias: string) => COMPARED.map((c) => `${alias}.${c}`).join(', ');

const PLAN_VILLAGE_TASKS = `${TARGET_CTE},
inside_hh AS (
  SELECT h.id, h.village_code, h.location, h.members, h.elderly, h.disabled, h.infant, h.pregnant, h.ill, h.vulnerable
  FROM targeted_household t JOIN households h ON h.row_id = t.row_id WHERE NOT t.margin_only
),
village_stat AS (
  SELECT village_code, count(*)::int AS households, sum(members)::int AS people,
         count(*) FILTER (WHERE vulnerable > 0)::int AS vulnerable_households, sum(vulnerable)::int AS vulnerable,
         sum(elderly)::int AS elderly, sum(disabled)::int AS disabled, sum(infant)::int AS infant,
         sum(pregnant)::int AS pregnant, sum(ill)::int AS ill,
         coalesce(jsonb_agg(jsonb_build_object('id', id, 'lat', round(ST_Y(location)::numeric, 6), 'lon', round(ST_X(location)::numeric, 6),
           'members', members, 'elderly', elderly, 'disabled', disabled, 'infant', infant, 'pregnant', pregnant, 'ill', ill, 'vulnerable', vulnerable)
           ORDER BY vulnerable DESC, id) FILTER (WHERE vulnerable > 0), '[]'::jsonb) AS vulnerable_list
  FROM inside_hh GROUP BY village_code
),
margin_stat AS (SELECT village_code, count(*)::int AS n FROM targeted_household WHERE margin_only GROUP BY village_code),
village AS (
  SELECT a.code, ${teamOfVillageSql('a.code')} AS team_code,
         coalesce(s.households, 0) AS households, coalesce(s.people, 0) AS people, coalesce(m.n, 0) AS margin_households,
         coalesce(s.vulnerable_households, 0) AS vulnerable_households, coalesce(s.vulnerable, 0) AS vulnerable,
         coalesce(s.elderly, 0) AS elderly, coalesce(s.disabled, 0) AS disabled, coalesce(s.infant, 0) AS infant,
         coalesce(s.pregnant, 0) AS pregnant, coalesce(s.ill, 0) AS ill, coalesce(s.vulnerable_list, '[]'::jsonb) AS vulnerable_list
  FROM (SELECT DISTINCT code FROM affected_village) a
  LEFT JOIN village_stat s ON s.village_code = a.code
  LEFT JOIN margin_stat m ON m.village_code = a.code
),
prev AS (SELECT * FROM tagana_tasks WHERE group_id = $2 AND kind = 'village'),
upserted AS (
  INSERT INTO tagana_tasks (group_id, alert_id, kind, village_code, team_code, state, priority, severity, urgency, certainty,
    households, people, margin_households, vulnerable_households, vulnerable, elderly, disabled, infant, pregnant, ill,
    vulnerable_list, opened_at, created_at, updated_at)
  SELECT $2, $3, 'village', v.code, v.team_code, 'open', $5::float8 + v.vulnerable, $6, $7, $8,
    v.households, v.people, v.margin_households, v.vulnerable_households, v.vulnerable, v.elderly, v.disabled, v.infant, v.pregnant, v.ill,
    v.vulnerable_list, $4, $4, $4
  FROM village v WHERE v.team_code IS NOT NULL
  ON CONFLICT (group_id, village_code) WHERE kind = 'village' DO UPDATE SET
    alert_id = excluded.alert_id, team_code = excluded.team_code, priority = excluded.priority,
    severity = excluded.severity, urgency = excluded.urgency, certainty = excluded.certainty,
    households = excluded.households, people = excluded.people, margin_households = excluded.margin_households,
    vulnerable_households = excluded.vulnerable_households, vulnerable = excluded.vulnerable,
    elderly = excluded.elderly, disabled = excluded.disabled, infant = excluded.infant, pregnant = excluded.pregnant, ill = excluded.ill,
    vulnerable_list = excluded.vulnerable_list,
    -- A village back inside after a stand-down is work again, with a fresh escalation clock.
    state = CASE WHEN tagana_tasks.state = 'stood_down' THEN 'open' ELSE tagana_tasks.state END,
    opened_at = CASE WHEN tagana_tasks.state = 'stood_down' THEN excluded.opened_at ELSE tagana_tasks.opened_at END,
    escalation_level = CASE WHEN tagana_tasks.state = 'stood_down' THEN 0 ELSE tagana_tasks.escalation_level END,
    stood_down_at = CASE WHEN tagana_tasks.state = 'stood_down' THEN NULL ELSE tagana_tasks.stood_down_at END,
    updated_at = CASE WHEN tagana_tasks.state = 'stood_down' OR (${cols('tagana_tasks')}) IS DISTINCT FROM (${cols('excluded')})
                      THEN excluded.updated_at ELSE tagana_tasks.updated_at END
  RETURNING *
),
-- Tasks of villages no longer inside (and not-reached door knocks there); done work stays done.
stood AS (
  UPDATE tagana_tasks t SET state = 'stood_down', stood_down_at = $4, updated_at = $4
  FROM prev p
  WHERE t.id = p.id AND t.state IN ('open', 'acknowledged', 'in_progress')
    AND NOT EXISTS (SELECT 1 FROM village v WHERE v.code = t.village_code AND v.team_code IS NOT NULL)
  RETURNING t.id, p.state AS from_state
),
stood_knock AS (
  UPDATE tagana_tasks t SET state = 'stood_down', stood_down_at = $4, updated_at = $4
  WHERE t.group_id = $2 AND t.kind = 'door_knock' AND t.reason = 'not_reached' AND t.state IN ('open', 'acknowledged', 'in_progress')
    AND NOT EXISTS (SELECT 1 FROM village v WHERE v.code = t.village_code)
  RETURNING t.id, t.state
),
events AS (
  INSERT INTO tagana_task_events (task_id, at, actor, action, from_state, to_state, note)
  SELECT u.id, $4, 'system',
         CASE WHEN p.id IS NULL THEN 'created' WHEN p.state = 'stood_down' THEN 'reopened' ELSE 'updated' END,
         p.state, u.state,
         CASE WHEN p.id IS NULL THEN 'planned from message ' || $3::text
              WHEN p.state = 'stood_down' THEN 'the village is inside the warning area again (message ' || $3::text || ')'
              ELSE 'changed by message ' || $3::text END
  FROM upserted u LEFT JOIN prev p ON p.id = u.id
  WHERE p.id IS NULL OR p.state = 'stood_down' OR (${cols('p')}) IS DISTINCT FROM (${cols('u')})
  UNION ALL
  SELECT s.id, $4, 'system', 'stood_down', s.from_state, 'stood_down', 'the village left the warning area (message ' || $3::text || ')' FROM stood s
  UNION ALL
  -- The door knock's state before this statement: RETURNING shows the new row, so read it from before.
  SELECT k.id, $4, 'system', 'stood_down', (SELECT x.state FROM tagana_tasks x WHERE x.id = k.id), 'stood_down',
         'the village left the warning area (message ' || $3::text || ')' FROM stood_knock k
  RETURNING action
)
SELECT (SELECT count(*) FROM village)::int AS villages,
       (SELECT count(*) FROM events WHERE action = 'created')::int AS created,
       (SELECT count(*) FROM events WHERE action = 'updated')::int AS updated,
       (SELECT count(*) FROM events WHERE action = 'reopened')::int AS reopened,
       (SELECT count(*) FROM events WHERE action = 'stood_down')::int AS stood_down,
       (SELECT coalesce(jsonb_agg(code ORDER BY code), '[]'::jsonb) FROM village WHERE team_code IS NULL) AS uncovered`;

const STAND_DOWN_GROUP = `
WITH prev AS (SELECT id, state FROM tagana_tasks WHERE group_id = $1 AND state IN ('open', 'acknowledged', 'in_progress')),
stood AS (
  UPDATE tagana_tasks t SET state = 'stood_down', stood_down_at = $2, updated_at = $2
  FROM prev p WHERE t.id = p.id
  RETURNING t.id, p.state AS from_state
),
events AS (
  INSERT INTO tagana_task_events (task_id, at, actor, action, from_state, to_state, note)
  SELECT id, $2, 'system', 'stood_down', from_state, 'stood_down', $3 FROM stood
  RETURNING task_id
)
SELECT count(*)::int AS stood_down FROM events`;

// Groups that ended (cancelled, or past their standing message's expiry) with tasks still standing.
const ENDED_GROUPS_WITH_TASKS = `
SELECT g.id::int AS group_id, g.state FROM alert_groups g
WHERE (g.state = 'cancelled' OR g.expires <= $1)
  AND EXISTS (SELECT 1 FROM tagana_tasks t WHERE t.group_id = g.id AND t.state IN ('open', 'acknowledged', 'in_progress'))
ORDER BY g.id`;

// A message, its group and the group's standing message: what planning decides from.
const TASK_SOURCE = `
SELECT a.id::int AS alert_id, a.group_id::int, g.state AS group_state, g.expires AS group_expires,
       h.id::int AS head_id, h.msg_type AS head_msg_type, h.status AS head_status, h.target_spec AS head_target_spec,
       h.severity, h.urgency, h.certainty
FROM alerts a JOIN alert_groups g ON g.id = a.group_id LEFT JOIN alerts h ON h.id = g.head_alert_id
WHERE a.id = $1`;

export interface TaskSource {
  alert_id: number;
  group_id: number;
  group_state: 'active' | 'cancelled';
  group_expires: Date | null;
  head_id: number | null;
  head_msg_type: string | null;
  head_status: string | null;
  head_target_spec: TargetSpec | null;
  severity: string | null;
  urgency: string | null;
  certainty: string | null;
}

export interface PlanVillageTasksInput {
  spec: TargetSpec;
  groupId: number;
  headAlertId: number;
  now: Date;
  hazard: number;
  severity: string | null;
  urgency: string | null;
  certainty: string | null;
}

export interface PlanVillageTasksCounts {
  villages: number;
  created: number;
  updated: number;
  reopened: number;
  stood_down: number;
  /** Affected villages no team covers. */
  uncovered: string[];
}

export async function loadTaskSource(db: Queryable, alertId: number | string): Promise<TaskSource | undefined> {
  const row = await maybeOne<Omit<TaskSource, 'head_target_spec'> & { head_target_spec: unknown }>(db, TASK_SOURCE, [alertId]);
  return row && { ...row, head_target_spec: readStoredTargetSpec(row.head_target_spec, row.head_id ?? row.alert_id) };
}

/** Upserts the village tasks of a group from its standing message; stands down those whose village left. */
export async function planVillageTasks(tx: Queryable, input: PlanVillageTasksInput): Promise<PlanVillageTasksCounts> {
  return one<PlanVillageTasksCounts>(tx, PLAN_VILLAGE_TASKS, [
    JSON.stringify(input.spec),
    input.groupId,
    input.headAlertId,
    input.now,
    input.hazard,
    input.severity,
    input.urgency,
    input.certainty,
  ]);
}

/** Stands down every task of the group still open or being worked; `note` says why. */
export async function standDownGroupTasks(tx: Queryable, groupId: number, now: Date, note: string): Promise<number> {
  return (await one<{ stood_down: number }>(tx, STAND_DOWN_GROUP, [groupId, now, note])).stood_down;
}

export async function endedGroupsWithTasks(db: Queryable, now: Date): Promise<{ group_id: number; state: string }[]> {
  return many<{ group_id: number; state: string }>(db, ENDED_GROUPS_WITH_TASKS, [now]);
}
