-- What: other alerting authorities that may post CAP to Siaga (POST /api/cap), and what each posted.
--   cap_senders      one row per authority: its name, the CAP <sender> pattern its token may speak
--                    for, the SHA-256 of its bearer token (never the token), revocation
--   cap_intake_log   every authenticated post: refused, invalid, stored or duplicate, with the alert
-- Why: a BPBD's SAMBRO or a neighbouring country's system issues warnings Siaga must deliver like
-- its own, but a token must never let one authority speak as another, and the liaison must be able
-- to see who sent what, including what was refused.
CREATE TABLE cap_senders (
  name          text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  -- An exact CAP sender, or `*` followed by a literal suffix (`*@bpbd.jatimprov.go.id`); stored
  -- NFC-normalised and lower-cased, compared the same way.
  pattern       text NOT NULL,
  token_sha256  text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);

CREATE TABLE cap_intake_log (
  id            bigserial PRIMARY KEY,
  sender_name   text NOT NULL REFERENCES cap_senders (name),
  received_at   timestamptz NOT NULL,
  -- The HTTP status answered (201 stored, 200 duplicate, 403 sender mismatch, 413, 415, 422 …).
  status        integer NOT NULL,
  outcome       text NOT NULL,
  cap_sender    text,
  identifier    text,
  alert_id      bigint REFERENCES alerts (id),
  bytes         integer,
  error         text
);
CREATE INDEX cap_intake_log_sender_idx ON cap_intake_log (sender_name, received_at DESC);
