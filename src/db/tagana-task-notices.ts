// Telling the teams, set-based, through the deliveries ledger: the task events not yet announced
// become `task` rows per member concerned and channel, queued like a warning to a household, so
// that a team's notice is claimed, sent, receipted and reported the same way. The events of one
// pass for one member, warning and kind of news are told in ONE notice, most urgent task first
// (a warning over forty villages is one page saying "40 new tasks", not forty SMS).
//   created, reopened   → every active member of the task's team (a new task to work)
//   escalated level 1   → the team's active coordinators
//   escalated level 2   → the province-level team's coordinators (all its active members if it names none)
//   stood_down          → the members told of the task before (nobody needs a stand-down for work they never got)
// Channels: web push to each member with an active subscription, and SMS to each member with a
// phone. Both, not a cascade: a volunteer's notice is a page, and the ledger shows which arrived.
// A new-task or escalation notice whose task no longer needs it (acknowledged, done, stood down by
// the time the sweep runs) is marked announced without a row. Events are marked in the same
// statement, so replicas sweeping at once announce each event once.
import type { Queryable } from './db.ts';
import { one } from './sql.ts';

const PLAN_TASK_NOTICES = `
WITH ev AS (
  SELECT e.id AS event_id, e.action, e.escalation_level, t.id AS task_id, t.group_id, t.alert_id, t.team_code,
         t.escalated_team_code, t.state, t.priority, g.expires
  FROM tagana_task_events e
  JOIN tagana_tasks t ON t.id = e.task_id
  JOIN alert_groups g ON g.id = t.group_id
  WHERE e.noticed_at IS NULL AND e.action IN ('created', 'reopened', 'escalated', 'stood_down')
  ORDER BY e.id
  FOR UPDATE OF e SKIP LOCKED
),
wanted AS (
  SELECT * FROM ev
  WHERE (action IN ('created', 'reopened') AND state IN ('open', 'acknowledged', 'in_progress'))
     OR (action = 'escalated' AND state = 'open')
     OR action = 'stood_down'
),
told AS (
  SELECT DISTINCT e.task_id, d.member_id FROM deliveries d JOIN tagana_task_events e ON e.id = ANY(d.task_event_ids)
  WHERE d.member_id IS NOT NULL AND e.task_id IN (SELECT task_id FROM wanted WHERE action = 'stood_down')
),
recipient AS (
  SELECT w.*, m.id AS member_id, m.phone FROM wanted w
  JOIN tagana_members m ON m.team_code = w.team_code AND m.active
  WHERE w.action IN ('created', 'reopened')
  UNION ALL
  SELECT w.*, m.id, m.phone FROM wanted w
  JOIN tagana_members m ON m.team_code = w.team_code AND m.active AND m.role = 'coordinator'
  WHERE w.action = 'escalated' AND w.escalation_level = 1
  UNION ALL
  SELECT w.*, m.id, m.phone FROM wanted w
  JOIN tagana_members m ON m.team_code = w.escalated_team_code AND m.active
  WHERE w.action = 'escalated' AND w.escalation_level = 2
    AND (m.role = 'coordinator' OR NOT EXISTS (
      SELECT 1 FROM tagana_members c WHERE c.team_code = w.escalated_team_code AND c.active AND c.role = 'coordinator'))
  UNION ALL
  SELECT w.*, m.id, m.phone FROM wanted w
  JOIN told ON told.task_id = w.task_id
  JOIN tagana_members m ON m.id = told.member_id AND m.active
  WHERE w.action = 'stood_down'
),
digest AS (
  SELECT r.member_id, r.phone, r.group_id, CASE WHEN r.action IN ('created', 'reopened') THEN 'new' ELSE r.action END AS news,
         r.escalation_level,
         array_agg(r.event_id ORDER BY r.priority DESC, r.task_id) AS events,
         (array_agg(r.alert_id ORDER BY r.priority DESC, r.task_id))[1] AS alert_id,
         max(r.expires) AS expires
  FROM recipient r GROUP BY r.member_id, r.phone, r.group_id, 4, r.escalation_level
),
channel AS (
  SELECT d.*, 'push' AS channel FROM digest d
  WHERE EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.member_id = d.member_id AND s.active)
  UNION ALL
  SELECT d.*, 'sms' FROM digest d WHERE d.phone IS NOT NULL
),
inserted AS (
  INSERT INTO deliveries (group_id, alert_id, member_id, task_event_id, task_event_ids, channel, kind, language, content_key, expires_at, queued_at)
  SELECT group_id, alert_id, member_id, events[1], events, channel, 'task', 'id', 'task-event:' || events[1],
         -- A stand-down may be because the warning expired: it must still go out.
         CASE WHEN news = 'stood_down' THEN NULL ELSE expires END, $1
  FROM channel
  ON CONFLICT (task_event_id, member_id, channel) WHERE member_id IS NOT NULL DO NOTHING
  RETURNING id, channel
),
marked AS (
  UPDATE tagana_task_events e SET noticed_at = $1 FROM ev WHERE e.id = ev.event_id
  RETURNING e.id
)
SELECT (SELECT count(*) FROM marked)::int AS events,
       (SELECT count(*) FROM digest)::int AS notices,
       (SELECT count(*) FILTER (WHERE channel = 'push') FROM inserted)::int AS push,
       (SELECT count(*) FILTER (WHERE channel = 'sms') FROM inserted)::int AS sms,
       (SELECT count(*) FROM digest d WHERE d.phone IS NULL
          AND NOT EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.member_id = d.member_id AND s.active))::int AS unreachable`;

export interface TaskNoticeCounts {
  /** Task events announced by this pass (with or without a row). */
  events: number;
  /** Notices to members (one per member, warning and kind of news, whatever the number of tasks). */
  notices: number;
  push: number;
  sms: number;
  /** Notices for members with neither a push subscription nor a phone. */
  unreachable: number;
}

export async function planTaskNotices(tx: Queryable, now: Date): Promise<TaskNoticeCounts> {
  return one<TaskNoticeCounts>(tx, PLAN_TASK_NOTICES, [now]);
}
