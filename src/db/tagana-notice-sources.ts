// What a notice to a Tagana member says comes from the task event it announces: the task, its
// village and team, and the warning's event name (Indonesian first: members are told in Indonesian).
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

export interface TaskNoticeSource {
  event_id: string;
  action: 'created' | 'reopened' | 'escalated' | 'stood_down';
  escalation_level: 1 | 2 | null;
  task_id: string;
  kind: 'village' | 'door_knock';
  reason: 'need_help' | 'not_reached' | null;
  household_id: string | null;
  village_code: string;
  village_name: string;
  team_code: string;
  team_name: string;
  priority: number;
  households: number;
  people: number;
  vulnerable_households: number;
  vulnerable: number;
  opened_at: Date;
  hazard_event: string | null;
  severity: string | null;
  note: string | null;
}

const SOURCES = `
SELECT e.id::text AS event_id, e.action, e.escalation_level, t.id::text AS task_id, t.kind, t.reason, t.household_id,
       t.village_code, v.name AS village_name, t.team_code, tt.name AS team_name, t.priority,
       t.households, t.people, t.vulnerable_households, t.vulnerable, t.opened_at, t.severity, e.note,
       (SELECT i.event FROM alert_infos i WHERE i.alert_id = t.alert_id ORDER BY (i.language ILIKE 'id%') DESC, i.position LIMIT 1) AS hazard_event
FROM tagana_task_events e
JOIN tagana_tasks t ON t.id = e.task_id
JOIN admin_areas v ON v.code = t.village_code
JOIN tagana_teams tt ON tt.code = t.team_code
WHERE e.id = ANY($1::bigint[])`;

export async function loadTaskNoticeSources(db: Queryable, eventIds: readonly string[]): Promise<Map<string, TaskNoticeSource>> {
  if (eventIds.length === 0) return new Map();
  const rows = await many<TaskNoticeSource>(db, SOURCES, [[...new Set(eventIds)]]);
  return new Map(rows.map((r) => [r.event_id, r]));
}

/** Members' phones (active members only: a deactivated volunteer is not paged). */
export async function memberPhones(db: Queryable, memberIds: readonly string[]): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await many<{ id: string; phone: string }>(
    db,
    `SELECT id, phone FROM tagana_members WHERE id = ANY($1::text[]) AND active AND phone IS NOT NULL`,
    [[...new Set(memberIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.phone]));
}
