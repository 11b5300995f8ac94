-- What: Tagana evacuation tasks (one per affected village of a warning group, and door knocks for
-- single households), every transition of them, and the tokens teams use to read and work them.
--   tagana_tasks        the work: group, village (and household for a door knock), team, state,
--                       priority, counts inside the hazard area, the vulnerable households listed
--   tagana_task_clusters neighbouring village tasks a team chose to work together
--   tagana_task_events  who did what when: created, updated, acknowledged, started, done,
--                       stood_down, reopened, escalated (system steps have actor 'system')
--   tagana_team_tokens  a team's API tokens, stored as SHA-256 only
--   deliveries, push_subscriptions: a row may now be for a team member (about a task event)
--                       instead of a household, so that telling the teams is proven like warning
--                       residents, through the same ledger, channels and receipts
-- Why: a warning must become concrete, prioritised work for the team covering each village, and
-- nobody unreached may be forgotten. Tasks are keyed by (group, village) and (group, household) so
-- that an Update changes a task in place instead of adding one, and planning twice adds nothing.
-- The vulnerable households are a snapshot (jsonb) taken when the task was planned: the team works
-- from what it was told, and the snapshot is replaced in place when an Update changes it.
-- A team may work neighbouring villages of one warning as one cluster (one trip, one team on the
-- ground): the village tasks stay (counts, stand-downs and door knocks are per village), the
-- cluster groups them and moves them together.
CREATE TABLE tagana_task_clusters (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id      bigint NOT NULL REFERENCES alert_groups (id),
  team_code     text NOT NULL REFERENCES tagana_teams (code),
  name          text,
  created_at    timestamptz NOT NULL,
  created_by    text NOT NULL,
  dissolved_at  timestamptz
);
CREATE INDEX tagana_task_clusters_team_idx ON tagana_task_clusters (team_code) WHERE dissolved_at IS NULL;

CREATE TABLE tagana_tasks (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id               bigint NOT NULL REFERENCES alert_groups (id),
  -- The standing message the task was last planned from.
  alert_id               bigint NOT NULL REFERENCES alerts (id),
  kind                   text NOT NULL CHECK (kind IN ('village', 'door_knock')),
  village_code           text NOT NULL REFERENCES admin_areas (code),
  household_id           text,
  -- Door knocks: 'need_help' (the household answered so) or 'not_reached' (no delivery arrived).
  reason                 text CHECK (reason IN ('need_help', 'not_reached')),
  team_code              text NOT NULL REFERENCES tagana_teams (code),
  state                  text NOT NULL DEFAULT 'open'
                         CHECK (state IN ('open', 'acknowledged', 'in_progress', 'done', 'stood_down')),
  priority               double precision NOT NULL,
  severity               text,
  urgency                text,
  certainty              text,
  households             integer NOT NULL,
  people                 integer NOT NULL,
  margin_households      integer NOT NULL DEFAULT 0,
  vulnerable_households  integer NOT NULL,
  vulnerable             integer NOT NULL,
  elderly                integer NOT NULL,
  disabled               integer NOT NULL,
  infant                 integer NOT NULL,
  pregnant               integer NOT NULL,
  ill                    integer NOT NULL,
  -- [{id, lat, lon, members, elderly, disabled, infant, pregnant, ill, vulnerable}], most vulnerable first.
  vulnerable_list        jsonb NOT NULL DEFAULT '[]',
  -- 0 none, 1 the team's coordinator, 2 the province-level team.
  escalation_level       smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
  escalated_at           timestamptz,
  escalated_member_id    text REFERENCES tagana_members (id),
  escalated_team_code    text REFERENCES tagana_teams (code),
  -- The cluster the team works this village task in (NULL: on its own).
  cluster_id             bigint REFERENCES tagana_task_clusters (id),
  -- When the task was last opened (created, or reopened after a stand-down): the escalation clock.
  opened_at              timestamptz NOT NULL,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  acknowledged_at        timestamptz,
  started_at             timestamptz,
  done_at                timestamptz,
  stood_down_at          timestamptz,
  CHECK ((kind = 'door_knock') = (household_id IS NOT NULL)),
  CHECK ((kind = 'door_knock') = (reason IS NOT NULL))
);
CREATE UNIQUE INDEX tagana_tasks_village_idx ON tagana_tasks (group_id, village_code) WHERE kind = 'village';
CREATE UNIQUE INDEX tagana_tasks_door_idx ON tagana_tasks (group_id, household_id) WHERE kind = 'door_knock';
CREATE INDEX tagana_tasks_team_idx ON tagana_tasks (team_code, state, priority DESC);
CREATE INDEX tagana_tasks_escalated_team_idx ON tagana_tasks (escalated_team_code) WHERE escalated_team_code IS NOT NULL;
CREATE INDEX tagana_tasks_open_idx ON tagana_tasks (opened_at) WHERE state = 'open';

CREATE TABLE tagana_task_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id     bigint NOT NULL REFERENCES tagana_tasks (id),
  at          timestamptz NOT NULL,
  -- 'system', or the team code (and member id when the team said who): 'tagana-12.07/ds-002'.
  actor       text NOT NULL,
  action      text NOT NULL CHECK (action IN ('created', 'updated', 'reopened', 'acknowledged', 'started', 'done', 'stood_down', 'escalated', 'clustered', 'unclustered')),
  from_state  text,
  to_state    text NOT NULL,
  note        text,
  -- Escalation events: the level reached (1 the team's coordinator, 2 the province-level team).
  escalation_level  smallint CHECK (escalation_level IN (1, 2)),
  -- When the members concerned were given their notices of this event (NULL: not yet). Set by
  -- the statement that writes the notices, so an event is announced once whatever the replicas.
  noticed_at  timestamptz
);
CREATE INDEX tagana_task_events_task_idx ON tagana_task_events (task_id, id);

CREATE TABLE tagana_team_tokens (
  token_sha256  text PRIMARY KEY,
  team_code     text NOT NULL REFERENCES tagana_teams (code) ON DELETE CASCADE,
  label         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);
CREATE INDEX tagana_team_tokens_team_idx ON tagana_team_tokens (team_code);

-- Notices to team members go through the deliveries ledger: household_id or member_id, never both.
-- kind 'task' rows carry the task events they announce; one row per (lead event, member, channel).
ALTER TABLE deliveries ALTER COLUMN household_id DROP NOT NULL;
ALTER TABLE deliveries ADD COLUMN member_id text REFERENCES tagana_members (id);
-- task_event_id: the lead event (the most urgent); task_event_ids: every event the notice
-- announces. Events of one pass for one member and warning are told in one notice ("12 new tasks,
-- most urgent first …"), not one SMS per village.
ALTER TABLE deliveries ADD COLUMN task_event_id bigint REFERENCES tagana_task_events (id);
ALTER TABLE deliveries ADD COLUMN task_event_ids bigint[];
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('warning', 'update', 'all_clear', 'task'));
ALTER TABLE deliveries ADD CONSTRAINT deliveries_recipient_check CHECK (
  (household_id IS NULL) = (member_id IS NOT NULL)
  AND (member_id IS NULL) = (task_event_id IS NULL)
  AND (member_id IS NULL) = (task_event_ids IS NULL)
  AND (member_id IS NULL) = (kind <> 'task'));
CREATE UNIQUE INDEX deliveries_task_notice_idx ON deliveries (task_event_id, member_id, channel) WHERE member_id IS NOT NULL;
CREATE INDEX tagana_task_events_unnoticed_idx ON tagana_task_events (id) WHERE noticed_at IS NULL;

-- Members' devices subscribe to web push like households' (the team board turns it on).
ALTER TABLE push_subscriptions ALTER COLUMN household_id DROP NOT NULL;
ALTER TABLE push_subscriptions ADD COLUMN member_id text REFERENCES tagana_members (id);
ALTER TABLE push_subscriptions ADD CONSTRAINT push_subscriptions_owner_check CHECK ((household_id IS NULL) = (member_id IS NOT NULL));
CREATE INDEX push_subscriptions_member_idx ON push_subscriptions (member_id) WHERE active AND member_id IS NOT NULL;
