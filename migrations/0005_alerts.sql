-- What: CAP alerts as Siaga received them, and the groups their Update/Cancel references form.
--   alert_groups       one warning through time: the chain Alert → Update … → Cancel
--   alerts             one message, identified by (sender, identifier, sent)
--   alert_documents    the documents that carried it, raw XML kept verbatim with its hashes
--   alert_infos        its info blocks, every language (BMKG sends id and en as separate documents)
--   alert_references   what it references; unresolved until the referenced message arrives
--   alert_shapes       its areas as geometry for maps (polygon repaired, circle, geocoded unit)
--   alert_target_villages  the villages it reaches, with household counts (the targeting result)
-- Why: the identity, not the document, is the message: a second document with the same identity and
-- a new language is a translation of it. Lineage survives out-of-order arrival because unresolved
-- references stay in the table and are matched when their message arrives. The targeting spec is
-- kept (JSON) so that delivery can select the same households with the same SQL later.
CREATE TABLE alert_groups (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The message whose content and area stand now: the latest `sent` of the group's Alert, Update
  -- and Cancel messages. Set in the same transaction as the group's first alert.
  head_alert_id          bigint,
  state                  text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled')),
  -- The head's latest info expiry; once past, the group is over by itself (state stays 'active').
  expires                timestamptz,
  ended_at               timestamptz,
  -- Two groups become one when a late message links them; the absorbed group points to the survivor.
  merged_into            bigint REFERENCES alert_groups (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'cancelled') = (ended_at IS NOT NULL))
);

CREATE TABLE alerts (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id               bigint NOT NULL REFERENCES alert_groups (id),
  sender                 text NOT NULL,
  identifier             text NOT NULL,
  sent                   timestamptz NOT NULL,
  sent_raw               text NOT NULL,
  msg_type               text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel', 'Ack', 'Error')),
  status                 text NOT NULL,
  scope                  text NOT NULL,
  cap_version            text NOT NULL,
  -- Actual, Public, Alert/Update/Cancel: the only messages that may ever reach residents.
  deliverable            boolean NOT NULL,
  languages              text[] NOT NULL,
  event                  text,
  urgency                text,
  severity               text,
  certainty              text,
  expires                timestamptz,
  -- The parsed message with the info blocks of every language merged in.
  model                  jsonb NOT NULL,
  warnings               jsonb NOT NULL DEFAULT '[]',
  -- Targeting input (polygons, circles, geocodes, margin) and result summary.
  target_spec            jsonb,
  area                   geometry(MultiPolygon, 4326),
  affected_villages      integer,
  households_inside      integer,
  households_margin_only integer,
  households_district_outside integer,
  targeted_at            timestamptz,
  received_at            timestamptz NOT NULL DEFAULT now(),
  -- Instants, not spellings: a reference may write the same `sent` with another offset.
  UNIQUE (sender, identifier, sent)
);
CREATE INDEX alerts_group_idx ON alerts (group_id);
CREATE INDEX alerts_area_idx ON alerts USING gist (area);
ALTER TABLE alert_groups ADD FOREIGN KEY (head_alert_id) REFERENCES alerts (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE alert_documents (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id      bigint NOT NULL REFERENCES alerts (id),
  source        text NOT NULL,
  raw_xml       text NOT NULL,
  raw_sha256    text NOT NULL,
  -- sha256 of the parsed content: the same message re-serialised is a duplicate too.
  content_hash  text NOT NULL,
  languages     text[] NOT NULL,
  warnings      jsonb NOT NULL DEFAULT '[]',
  received_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (alert_id, content_hash)
);
CREATE INDEX alert_documents_raw_idx ON alert_documents (raw_sha256);

CREATE TABLE alert_infos (
  alert_id        bigint NOT NULL REFERENCES alerts (id),
  position        integer NOT NULL,
  document_id     bigint NOT NULL REFERENCES alert_documents (id),
  language        text NOT NULL,
  event           text NOT NULL,
  urgency         text NOT NULL,
  severity        text NOT NULL,
  certainty       text NOT NULL,
  headline        text,
  description     text,
  instruction     text,
  sender_name     text,
  web             text,
  contact         text,
  effective       timestamptz,
  onset           timestamptz,
  expires         timestamptz,
  categories      text[] NOT NULL,
  response_types  text[] NOT NULL,
  PRIMARY KEY (alert_id, position)
);

CREATE TABLE alert_references (
  alert_id           bigint NOT NULL REFERENCES alerts (id),
  position           integer NOT NULL,
  sender             text NOT NULL,
  identifier         text NOT NULL,
  sent               timestamptz NOT NULL,
  sent_raw           text NOT NULL,
  resolved_alert_id  bigint REFERENCES alerts (id),
  PRIMARY KEY (alert_id, position)
);
CREATE INDEX alert_references_pending_idx ON alert_references (sender, identifier, sent) WHERE resolved_alert_id IS NULL;

CREATE TABLE alert_shapes (
  alert_id   bigint NOT NULL REFERENCES alerts (id),
  path       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('polygon', 'circle', 'geocode')),
  area_desc  text NOT NULL,
  detail     text NOT NULL,
  repaired   boolean NOT NULL DEFAULT false,
  geom       geometry(MultiPolygon, 4326),
  PRIMARY KEY (alert_id, path)
);

CREATE TABLE alert_target_villages (
  alert_id               bigint NOT NULL REFERENCES alerts (id),
  village_code           text NOT NULL REFERENCES admin_areas (code),
  households             integer NOT NULL,
  vulnerable_households  integer NOT NULL,
  margin_households      integer NOT NULL,
  area_fraction          double precision NOT NULL CHECK (area_fraction BETWEEN 0 AND 1),
  PRIMARY KEY (alert_id, village_code)
);
