-- What: the hand-off of every stored message to delivery (a transactional outbox), what delivery
-- made of it, and the delivery runtimes that are alive.
--   delivery_handoffs   one row per stored message: awaiting → planned | not_for_residents |
--                       reaches_nobody, or held until someone releases it
--   delivery_runtimes   every process that plans and sends deliveries, with its last sign of life
-- Why: a message that must reach residents is recorded as awaiting delivery in the same
-- transaction that stores it, whoever stores it (a feed run, the CLI, an approved hazard, another
-- authority through the API). Any delivery runtime claims awaiting rows (SKIP LOCKED, with a
-- lease), plans the ledger and the Tagana tasks, and records the outcome. A process that dies
-- anywhere leaves the row awaiting with a lease that runs out, and the next runtime takes it up.
-- Before this, the hand-off was a callback in memory after a feed run: a warning stored by the CLI,
-- by a manual feed run, or by a run that died before the callback reached nobody, silently.
CREATE TABLE delivery_handoffs (
  alert_id        bigint PRIMARY KEY REFERENCES alerts (id),
  state           text NOT NULL CHECK (state IN ('awaiting', 'held', 'planned', 'not_for_residents', 'reaches_nobody')),
  -- Why it is held, not for residents, or reaches nobody (null for awaiting and planned).
  reason          text,
  -- How the message came in: feed:<name>, cli, api:<sender name>, hazard, backfill, …
  intake          text NOT NULL,
  -- Not claimed before this: a feed run's other language of the same warning merges first. The run
  -- moves it to now when it ends; a run that dies leaves the grace to run out by itself.
  ready_at        timestamptz NOT NULL,
  awaiting_since  timestamptz NOT NULL,
  claimed_by      text,
  claimed_until   timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  decided_at      timestamptz,
  -- What planning counted: targeted, unchanged, unreachable, push, sms, tasks …
  plan            jsonb,
  -- Raised whenever the row is (re)opened: a runtime settles a row only at the version it claimed,
  -- so households registered while it planned send the row round again instead of being missed.
  version         integer NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (state IN ('awaiting', 'planned') OR reason IS NOT NULL)
);
CREATE INDEX delivery_handoffs_awaiting_idx ON delivery_handoffs (ready_at) WHERE state = 'awaiting';

CREATE TABLE delivery_runtimes (
  id          text PRIMARY KEY,
  host        text NOT NULL,
  pid         integer NOT NULL,
  engine      text NOT NULL,
  started_at  timestamptz NOT NULL,
  seen_at     timestamptz NOT NULL
);

-- Messages stored before this migration. Those with ledger rows were planned. A deliverable Alert or
-- Update that still stands and has no ledger row is exactly the warning that was lost on the way:
-- it awaits delivery now. The rest is history that no longer concerns residents.
INSERT INTO delivery_handoffs (alert_id, state, reason, intake, ready_at, awaiting_since, decided_at, updated_at)
SELECT a.id,
       CASE WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.alert_id = a.id) THEN 'planned'
            WHEN a.deliverable AND a.msg_type IN ('Alert', 'Update') AND g.head_alert_id = a.id AND g.state = 'active'
                 AND g.merged_into IS NULL AND (a.expires IS NULL OR a.expires > now()) THEN 'awaiting'
            ELSE 'not_for_residents' END,
       CASE WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.alert_id = a.id) THEN NULL
            WHEN a.deliverable AND a.msg_type IN ('Alert', 'Update') AND g.head_alert_id = a.id AND g.state = 'active'
                 AND g.merged_into IS NULL AND (a.expires IS NULL OR a.expires > now()) THEN NULL
            ELSE 'stored before Siaga recorded hand-offs, and not standing now' END,
       'before-handoffs', now(), a.received_at, now(), now()
FROM alerts a JOIN alert_groups g ON g.id = a.group_id;
UPDATE delivery_handoffs SET decided_at = NULL WHERE state = 'awaiting';
