// Reading and working Tagana tasks. Every statement a team's request runs carries the team code,
// and a task is visible to a team only when it is the team's own or was escalated to it (the
// province-level team): a team token never reads another team's tasks or households.
import type { KindCounts } from '../registry/vulnerable-people.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';
import { readStoredVulnerableList, type VulnerableHousehold } from './stored-vulnerable-list.ts';

/** Where a Tagana task stands; the moves between states are the team's (src/tagana/task-lifecycle.ts). */
export type TaskState = 'open' | 'acknowledged' | 'in_progress' | 'done' | 'stood_down';

export interface TaskSummary {
  id: number;
  group_id: number;
  alert_id: number;
  kind: 'village' | 'door_knock';
  village_code: string;
  village_name: string;
  household_id: string | null;
  reason: string | null;
  team_code: string;
  state: TaskState;
  priority: number;
  severity: string | null;
  urgency: string | null;
  certainty: string | null;
  households: number;
  people: number;
  margin_households: number;
  vulnerable_households: number;
  vulnerable: number;
  vulnerable_by_kind: KindCounts;
  escalation_level: number;
  escalated_member_id: string | null;
  escalated_team_code: string | null;
  /** The cluster the team works this task in, if any (src/tagana/form-cluster.ts). */
  cluster_id: number | null;
  opened_at: Date;
  updated_at: Date;
}

export type { VulnerableHousehold } from './stored-vulnerable-list.ts';

export interface TaskEvent {
  at: Date;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
}

export interface TaskFilter {
  /** Only tasks this team owns or that were escalated to it. */
  team?: string;
  /** Siaga's alert id or a CAP identifier: tasks of that message's group. */
  alert?: string;
  state?: TaskState;
  limit?: number;
}

const SUMMARY_COLUMNS = `
  t.id::int, t.group_id::int, t.alert_id::int, t.kind, t.village_code, v.name AS village_name, t.household_id, t.reason,
  t.team_code, t.state, t.priority, t.severity, t.urgency, t.certainty, t.households, t.people, t.margin_households,
  t.vulnerable_households, t.vulnerable,
  jsonb_build_object('elderly', t.elderly, 'disabled', t.disabled, 'infant', t.infant, 'pregnant', t.pregnant, 'ill', t.ill) AS vulnerable_by_kind,
  t.escalation_level, t.escalated_member_id, t.escalated_team_code, t.cluster_id::int, t.opened_at, t.updated_at`;

const VISIBLE = `($1::text IS NULL OR t.team_code = $1 OR t.escalated_team_code = $1)`;

const LIST_TASKS = `
SELECT ${SUMMARY_COLUMNS}
FROM tagana_tasks t JOIN admin_areas v ON v.code = t.village_code
WHERE ${VISIBLE}
  AND ($2::text IS NULL OR t.group_id IN (
        SELECT group_id FROM alerts WHERE ($2 ~ '^[0-9]{1,18}$' AND id = ($2)::bigint) OR identifier = $2))
  AND ($3::text IS NULL OR t.state = $3)
ORDER BY t.priority DESC, t.id
LIMIT $4`;

const ONE_TASK = `
SELECT ${SUMMARY_COLUMNS}, t.vulnerable_list
FROM tagana_tasks t JOIN admin_areas v ON v.code = t.village_code
WHERE t.id = $2 AND ${VISIBLE}`;

const TASK_EVENTS = `
SELECT at, actor, action, from_state, to_state, note FROM tagana_task_events WHERE task_id = $1 ORDER BY id`;

const LOCK_TASK = `
SELECT t.id::int, t.state FROM tagana_tasks t WHERE t.id = $2 AND ${VISIBLE} FOR UPDATE`;

const MOVE_TASK = `
WITH moved AS (
  UPDATE tagana_tasks SET state = $2, updated_at = $3,
    acknowledged_at = CASE WHEN $2 IN ('acknowledged', 'in_progress') THEN coalesce(acknowledged_at, $3) ELSE acknowledged_at END,
    started_at = CASE WHEN $2 = 'in_progress' THEN $3 ELSE started_at END,
    done_at = CASE WHEN $2 = 'done' THEN $3 ELSE done_at END
  WHERE id = $1 AND state = $4
  RETURNING id
),
event AS (
  INSERT INTO tagana_task_events (task_id, at, actor, action, from_state, to_state, note)
  SELECT id, $3, $5, $6, $4, $2, $7 FROM moved
  RETURNING task_id
)
SELECT task_id::int AS id FROM event`;

const ACTIVE_MEMBER = `SELECT id FROM tagana_members WHERE id = $1 AND team_code = $2 AND active`;

// Map shapes: the village polygon of each visible task, and a point per listed household.
const TASKS_GEOJSON = `
SELECT t.id::int, t.kind, t.state, t.priority, t.village_code, v.name AS village_name, t.household_id, t.reason,
       t.households, t.people, t.vulnerable, t.vulnerable_households, t.cluster_id::int,
       CASE WHEN t.kind = 'village' THEN ST_AsGeoJSON(v.geom, 6)::jsonb END AS geometry,
       t.vulnerable_list
FROM tagana_tasks t JOIN admin_areas v ON v.code = t.village_code
WHERE ${VISIBLE} AND ($2::bigint IS NULL OR t.id = $2) AND ($3::boolean OR t.state IN ('open', 'acknowledged', 'in_progress'))
ORDER BY t.priority DESC, t.id`;

export interface TaskShapeRow {
  id: number;
  kind: 'village' | 'door_knock';
  state: string;
  priority: number;
  village_code: string;
  village_name: string;
  household_id: string | null;
  reason: string | null;
  households: number;
  people: number;
  vulnerable: number;
  vulnerable_households: number;
  cluster_id: number | null;
  geometry: unknown;
  vulnerable_list: VulnerableHousehold[];
}

export async function listTasks(db: Queryable, filter: TaskFilter): Promise<TaskSummary[]> {
  return many<TaskSummary>(db, LIST_TASKS, [filter.team ?? null, filter.alert ?? null, filter.state ?? null, filter.limit ?? 1000]);
}

/** One task with its vulnerable households and events, if the team may see it (team undefined: any). */
export async function taskDetail(
  db: Queryable,
  id: number,
  team: string | undefined,
): Promise<(TaskSummary & { vulnerable_list: VulnerableHousehold[]; events: TaskEvent[] }) | undefined> {
  const task = await maybeOne<TaskSummary & { vulnerable_list: unknown }>(db, ONE_TASK, [team ?? null, id]);
  if (!task) return undefined;
  return {
    ...task,
    vulnerable_list: readStoredVulnerableList(task.vulnerable_list, task.id),
    events: await many<TaskEvent>(db, TASK_EVENTS, [id]),
  };
}

/** Locks a task the team may see, for a move; undefined when there is none. */
export async function lockTeamTask(tx: Queryable, team: string, id: number): Promise<{ id: number; state: TaskState } | undefined> {
  return maybeOne(tx, LOCK_TASK, [team, id]);
}

export interface TaskMove {
  id: number;
  from: TaskState;
  to: TaskState;
  event: string;
  actor: string;
  note: string | null;
  now: Date;
}

/** Moves a task from `from` to `to` and records the event; false when its state was not `from` any more. */
export async function moveTask(tx: Queryable, move: TaskMove): Promise<boolean> {
  const rows = await many(tx, MOVE_TASK, [move.id, move.to, move.now, move.from, move.actor, move.event, move.note]);
  return rows.length === 1;
}

export async function isActiveMember(db: Queryable, memberId: string, team: string): Promise<boolean> {
  return (await many(db, ACTIVE_MEMBER, [memberId, team])).length > 0;
}

export async function taskShapes(
  db: Queryable,
  team: string,
  options: { id?: number; includeClosed?: boolean } = {},
): Promise<TaskShapeRow[]> {
  const rows = await many<Omit<TaskShapeRow, 'vulnerable_list'> & { vulnerable_list: unknown }>(db, TASKS_GEOJSON, [
    team,
    options.id ?? null,
    options.includeClosed ?? false,
  ]);
  return rows.map((r) => ({ ...r, vulnerable_list: readStoredVulnerableList(r.vulnerable_list, r.id) }));
}
