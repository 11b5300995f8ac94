-- What: each claim of a delivery row carries a token, the moment its request went out is recorded
-- before it goes, and a row whose outcome was lost is marked as such.
--   claim_token         the claim that owns a `sending` row; a worker records outcomes, marks a
--                       start or gives a row back only with its own token
--   request_started_at  written (and committed) before the request leaves: a row claimed but never
--                       started is provably unsent and is queued again when its lease runs out
--   outcome_unknown     the request started but its answer was lost (the worker died): the row is
--                       `sent` (never resent on that channel), its device's confirmation or the
--                       usual SMS fallback window resolves it, and the worker that held the answer
--                       may still record it
-- Why: a database restart used to turn every claimed row into `failed (interrupted)`, so rows never
-- sent were never retried and pushes that had arrived triggered an SMS as well.
ALTER TABLE deliveries ADD COLUMN claim_token text;
ALTER TABLE deliveries ADD COLUMN request_started_at timestamptz;
ALTER TABLE deliveries ADD COLUMN outcome_unknown boolean NOT NULL DEFAULT false;

-- "Has this channel made progress lately?" (the re-dispatch of rows whose jobs were lost).
CREATE INDEX deliveries_channel_claimed_idx ON deliveries (channel, sending_at) WHERE sending_at IS NOT NULL;
