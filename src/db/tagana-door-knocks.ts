// Door knocks, set-based: per warning group, the households a team must visit in person.
//   - a vulnerable household listed in one of the group's standing village tasks, with no delivery
//     of the group `delivered` or `acknowledged`, once the window since its task opened has passed;
//   - any household that answered `need_help` to one of the group's messages, at once.
// One task per (group, household), for the team covering the household's village; a knock planned
// for "not reached" that later answers need_help is raised in place. Planning twice adds nothing.
import type { Queryable } from './db.ts';
import { many } from './sql.ts';
import { teamOfVillageSql } from './tagana-team-cover.ts';

const PLAN_DOOR_KNOCKS = `
WITH listed AS (
  SELECT DISTINCT e->>'id' AS household_id FROM tagana_tasks t, jsonb_array_elements(t.vulnerable_list) AS e
  WHERE t.group_id = $1 AND t.kind = 'village' AND t.state <> 'stood_down' AND t.opened_at <= $3::timestamptz - make_interval(secs => $4)
),
reached AS (
  SELECT DISTINCT household_id FROM deliveries
  WHERE group_id = $1 AND kind <> 'all_clear' AND state IN ('delivered', 'acknowledged')
),
need_help AS (SELECT DISTINCT household_id FROM deliveries WHERE group_id = $1 AND response = 'need_help'),
candidate AS (
  SELECT household_id, bool_or(need_help) AS need_help FROM (
    SELECT l.household_id, false AS need_help FROM listed l WHERE NOT EXISTS (SELECT 1 FROM reached r WHERE r.household_id = l.household_id)
    UNION ALL
    SELECT household_id, true FROM need_help
  ) AS c GROUP BY household_id
),
knock AS (
  SELECT c.need_help, h.*, ${teamOfVillageSql('h.village_code')} AS team_code
  FROM candidate c JOIN households h ON h.id = c.household_id AND h.valid_to IS NULL
),
prev AS (SELECT id, state, reason FROM tagana_tasks WHERE group_id = $1 AND kind = 'door_knock'),
upserted AS (
  INSERT INTO tagana_tasks (group_id, alert_id, kind, village_code, household_id, reason, team_code, state, priority, severity, urgency, certainty,
    households, people, margin_households, vulnerable_households, vulnerable, elderly, disabled, infant, pregnant, ill,
    vulnerable_list, opened_at, created_at, updated_at)
  SELECT $1, $2, 'door_knock', k.village_code, k.id, CASE WHEN k.need_help THEN 'need_help' ELSE 'not_reached' END, k.team_code, 'open',
    $5::float8 + $6::float8 * k.vulnerable + CASE WHEN k.need_help THEN $7::float8 ELSE 0 END, $8, $9, $10,
    1, k.members, 0, (k.vulnerable > 0)::int, k.vulnerable, k.elderly, k.disabled, k.infant, k.pregnant, k.ill,
    jsonb_build_array(jsonb_build_object('id', k.id, 'lat', round(ST_Y(k.location)::numeric, 6), 'lon', round(ST_X(k.location)::numeric, 6),
      'members', k.members, 'elderly', k.elderly, 'disabled', k.disabled, 'infant', k.infant, 'pregnant', k.pregnant, 'ill', k.ill, 'vulnerable', k.vulnerable)),
    $3, $3, $3
  FROM knock k WHERE k.team_code IS NOT NULL
  ON CONFLICT (group_id, household_id) WHERE kind = 'door_knock' DO UPDATE SET
    reason = excluded.reason, priority = excluded.priority, updated_at = excluded.updated_at
  WHERE excluded.reason = 'need_help' AND tagana_tasks.reason = 'not_reached' AND tagana_tasks.state IN ('open', 'acknowledged', 'in_progress')
  RETURNING id, state, reason, household_id, team_code
),
events AS (
  INSERT INTO tagana_task_events (task_id, at, actor, action, from_state, to_state, note)
  SELECT u.id, $3, 'system', CASE WHEN p.id IS NULL THEN 'created' ELSE 'updated' END, p.state, u.state,
         CASE WHEN u.reason = 'need_help' THEN 'the household answered need_help' ELSE 'no delivery reached this vulnerable household in time' END
  FROM upserted u LEFT JOIN prev p ON p.id = u.id
  RETURNING task_id
)
-- (events runs to completion although unread: PostgreSQL always executes data-modifying CTEs.)
SELECT u.id::int AS task_id, u.household_id, u.reason, u.team_code, (p.id IS NULL) AS created
FROM upserted u LEFT JOIN prev p ON p.id = u.id
ORDER BY u.id`;

// Groups that stand and have village tasks: where door knocks may be due.
const GROUPS_FOR_KNOCKS = `
SELECT g.id::int AS group_id, h.id::int AS head_id, h.severity, h.urgency, h.certainty
FROM alert_groups g JOIN alerts h ON h.id = g.head_alert_id
WHERE g.state = 'active' AND (g.expires IS NULL OR g.expires > $1)
  AND EXISTS (SELECT 1 FROM tagana_tasks t WHERE t.group_id = g.id AND t.kind = 'village' AND t.state <> 'stood_down')
ORDER BY g.id`;

export interface KnockGroup {
  group_id: number;
  head_id: number;
  severity: string | null;
  urgency: string | null;
  certainty: string | null;
}

export interface PlannedKnock {
  task_id: number;
  household_id: string;
  reason: 'need_help' | 'not_reached';
  team_code: string;
  /** False when an existing knock was raised to need_help. */
  created: boolean;
}

export interface PlanGroupKnocksInput {
  group: KnockGroup;
  now: Date;
  windowSeconds: number;
  hazard: number;
  vulnerableWeight: number;
  needHelpBonus: number;
}

export async function groupsForDoorKnocks(db: Queryable, now: Date): Promise<KnockGroup[]> {
  return many<KnockGroup>(db, GROUPS_FOR_KNOCKS, [now]);
}

export async function planGroupDoorKnocks(tx: Queryable, input: PlanGroupKnocksInput): Promise<PlannedKnock[]> {
  const g = input.group;
  return many<PlannedKnock>(tx, PLAN_DOOR_KNOCKS, [
    g.group_id,
    g.head_id,
    input.now,
    input.windowSeconds,
    input.hazard,
    input.vulnerableWeight,
    input.needHelpBonus,
    g.severity,
    g.urgency,
    g.certainty,
  ]);
}
