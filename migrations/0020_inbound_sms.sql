-- What: every SMS a resident sends to Siaga's number (by SMPP deliver_sm or the HTTP gateway's
-- inbound webhook), what Siaga made of it, and when each number was last sent the help reply.
-- Why: a reply ("AMAN", "BANTU", "TERIMA") answers the household's latest warning SMS exactly as
-- the page's buttons do; a message Siaga could not match (unknown number or word) must still be
-- kept, never silently dropped, so staff can read and follow it up. The help reply is limited per
-- number and the limit is kept here, shared by every process that receives SMS, so that two
-- automatic responders can never answer each other in a loop.
CREATE TABLE inbound_sms (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- 'smpp' or 'http'; with the gateway's own message id, a webhook posted twice is kept once.
  gateway        text NOT NULL CHECK (gateway IN ('smpp', 'http')),
  gateway_id     text,
  -- The sender as the network gave it, and in E.164 when it is a phone number.
  sender         text NOT NULL,
  phone          text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  recipient      text,
  text           text NOT NULL,
  received_at    timestamptz NOT NULL,
  -- The answer read from the text, when it is one of the keywords.
  response       text CHECK (response IN ('received', 'safe', 'need_help')),
  household_id   text,
  delivery_id    bigint REFERENCES deliveries (id) ON DELETE SET NULL,
  -- 'pending' while Siaga works on it (a row left pending: the process stopped before it finished).
  outcome        text NOT NULL CHECK (outcome IN ('pending', 'acknowledged', 'not_acknowledged', 'unknown_keyword', 'unknown_number', 'not_a_phone')),
  -- The help reply: sent, withheld by the per-number limit, failed (with why), or none owed.
  help_reply     text NOT NULL DEFAULT 'none' CHECK (help_reply IN ('none', 'sent', 'rate_limited', 'failed')),
  help_reply_error text,
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX inbound_sms_gateway_id_idx ON inbound_sms (gateway, gateway_id) WHERE gateway_id IS NOT NULL;
CREATE INDEX inbound_sms_phone_idx ON inbound_sms (phone, received_at);

CREATE TABLE sms_help_replies (
  phone     text PRIMARY KEY,
  sent_at   timestamptz NOT NULL
);

-- A reply is matched to its household by the sender's number: the current rows' phones.
CREATE INDEX households_current_phone_idx ON households (phone) WHERE valid_to IS NULL AND phone IS NOT NULL;
