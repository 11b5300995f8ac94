-- What: the ingestion log (one row per fetch attempt of a feed URL), the raw payloads of what could
-- not be used, the conditional-GET state per URL, and the items each feed has already handled.
-- Why: the BMKG liaison asks "did we get it, when, and if not, why?" — every fetch answers it.
-- feed_items makes every feed idempotent: an item already handled with the same content is
-- `unchanged`, whatever replica or backfill sees it again.
CREATE TABLE feed_fetches (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feed            text NOT NULL,
  url             text NOT NULL,
  -- The scheduler slot (feed + time) or 'manual' / 'backfill'.
  slot            text NOT NULL,
  backfill        boolean NOT NULL DEFAULT false,
  started_at      timestamptz NOT NULL,
  duration_ms     integer NOT NULL CHECK (duration_ms >= 0),
  attempts        integer NOT NULL DEFAULT 1,
  http_status     integer,
  bytes           integer,
  etag            text,
  last_modified   text,
  outcome         text NOT NULL CHECK (outcome IN ('new', 'changed', 'not_modified', 'unchanged', 'error')),
  items_seen      integer NOT NULL DEFAULT 0,
  items_new       integer NOT NULL DEFAULT 0,
  items_updated   integer NOT NULL DEFAULT 0,
  items_invalid   integer NOT NULL DEFAULT 0,
  error_class     text,
  error_message   text,
  CHECK ((outcome = 'error') = (error_class IS NOT NULL))
);
CREATE INDEX feed_fetches_feed_idx ON feed_fetches (feed, started_at DESC);
CREATE INDEX feed_fetches_outcome_idx ON feed_fetches (outcome, started_at DESC);

-- The bytes of an invalid payload or item, gzip-compressed, kept until `keep_until` for the liaison.
CREATE TABLE feed_payloads (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fetch_id      bigint NOT NULL REFERENCES feed_fetches (id) ON DELETE CASCADE,
  item          text NOT NULL,
  problems      jsonb NOT NULL DEFAULT '[]',
  content_type  text,
  body_gzip     bytea NOT NULL,
  bytes         integer NOT NULL,
  keep_until    timestamptz NOT NULL
);
CREATE INDEX feed_payloads_fetch_idx ON feed_payloads (fetch_id);
CREATE INDEX feed_payloads_keep_idx ON feed_payloads (keep_until);

-- Validators for conditional GET and the hash of the last body, per URL.
CREATE TABLE feed_url_state (
  feed            text NOT NULL,
  url             text NOT NULL,
  etag            text,
  last_modified   text,
  body_sha256     text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (feed, url)
);

-- Items a feed has handled: a CAP document URL, a quake event, a village forecast.
-- `state` 'unknown' marks a source item that does not exist (a village code BMKG answers 404 for):
-- recorded, and retried only after `retry_after`.
CREATE TABLE feed_items (
  feed          text NOT NULL,
  item_key      text NOT NULL,
  content_hash  text NOT NULL,
  state         text NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'invalid', 'unknown')),
  detail        jsonb NOT NULL DEFAULT '{}',
  retry_after   timestamptz,
  first_seen    timestamptz NOT NULL DEFAULT now(),
  last_seen     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (feed, item_key)
);
