-- What: the deliveries ledger (one row per message to one household on one channel), the web-push
-- subscriptions and management tokens of households, Siaga's own generated secrets, and per-group
-- delivery bookkeeping (the all-clear sent once).
-- Why: Siaga must say, for every warning, which household was told, on which channel, when, and
-- whether it arrived. Rows are written set-based from the targeting query and are unique per
-- (message, household, channel, kind), so a retried fan-out never doubles one. The state is
-- claimed before sending (queued → sending), so no row is sent twice.
--
-- Keyed by message rather than only by group: a warning group can carry several Updates, and a
-- household whose situation changes at each must be able to be told each time. The kind is part
-- of the key because an all-clear after expiry carries the same message as the warning it ends.

CREATE TABLE app_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A household's private management token, stored as its SHA-256 only.
CREATE TABLE household_tokens (
  household_id  text PRIMARY KEY,
  token_sha256  text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE push_subscriptions (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  household_id        text NOT NULL,
  endpoint            text NOT NULL UNIQUE CHECK (endpoint ~ '^https?://'),
  p256dh              text NOT NULL,
  auth                text NOT NULL,
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now(),
  deactivated_at      timestamptz,
  deactivated_reason  text,
  CHECK (active = (deactivated_at IS NULL))
);
CREATE INDEX push_subscriptions_household_idx ON push_subscriptions (household_id) WHERE active;

CREATE TABLE deliveries (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id          bigint NOT NULL REFERENCES alert_groups (id),
  -- The message this row carries (the Alert, an Update, or the Cancel/last message for an all-clear).
  alert_id          bigint NOT NULL REFERENCES alerts (id),
  household_id      text NOT NULL,
  channel           text NOT NULL CHECK (channel IN ('push', 'sms')),
  kind              text NOT NULL CHECK (kind IN ('warning', 'update', 'all_clear')),
  state             text NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'acknowledged', 'failed', 'expired')),
  language          text NOT NULL CHECK (language IN ('id', 'en')),
  -- The severity of what this household was told: in a message with several levels (a tsunami
  -- warning's AWAS, SIAGA, WASPADA zones) the most severe level whose area holds the household.
  severity          text,
  -- What the household was told (severity, times, instruction in its language): an Update reaches
  -- a household again only when this changes.
  content_key       text NOT NULL,
  -- Quiet hours: a low-urgency advisory waits until then. NULL: send now.
  not_before        timestamptz,
  -- Not sent after this (the alert's expiry): the row becomes `expired`.
  expires_at        timestamptz,
  attempts          integer NOT NULL DEFAULT 0,
  queued_at         timestamptz NOT NULL DEFAULT now(),
  dispatched_at     timestamptz,
  sending_at        timestamptz,
  claimed_until     timestamptz,
  sent_at           timestamptz,
  delivered_at      timestamptz,
  acknowledged_at   timestamptz,
  failed_at         timestamptz,
  expired_at        timestamptz,
  response          text CHECK (response IN ('received', 'safe', 'need_help')),
  failure_reason    text,
  -- SMS: the gateway's message id of each part (receipts name one); push: the service's Location.
  provider_ids      text[] NOT NULL DEFAULT '{}',
  segments          smallint,
  UNIQUE (alert_id, household_id, channel, kind),
  CHECK ((state = 'failed') = (failure_reason IS NOT NULL))
);
CREATE INDEX deliveries_group_idx ON deliveries (group_id, household_id);
CREATE INDEX deliveries_pending_idx ON deliveries (state, not_before) WHERE state IN ('queued', 'sending');
CREATE INDEX deliveries_provider_idx ON deliveries USING gin (provider_ids) WHERE channel = 'sms';
CREATE INDEX deliveries_household_idx ON deliveries (household_id);
CREATE INDEX deliveries_push_outcome_idx ON deliveries (coalesce(sent_at, failed_at)) WHERE channel = 'push' AND state IN ('sent', 'failed');

-- SMS delivery receipts as they arrive: a receipt can come back before the row's send is recorded,
-- so it is kept here and applied to the row as soon as the message id is known.
CREATE TABLE sms_receipts (
  message_id   text PRIMARY KEY,
  state        text NOT NULL CHECK (state IN ('delivered', 'failed', 'expired', 'rejected', 'unknown')),
  reason       text,
  received_at  timestamptz NOT NULL
);

-- Per group: when the all-clear was planned (once), and when SMS fallback last ran per message.
CREATE TABLE delivery_groups (
  group_id        bigint PRIMARY KEY REFERENCES alert_groups (id),
  all_clear_at    timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
