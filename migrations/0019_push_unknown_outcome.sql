-- What: one index for the rows of unknown outcome on either channel, in place of the SMS-only one.
-- Why: a push whose request went unanswered, or whose worker died mid-request, is now also `sent`
-- with its outcome unknown until the device confirms it, and sent again when it does not; every
-- sweep looks for such rows on both channels, a handful among millions.
DROP INDEX IF EXISTS deliveries_sms_unknown_idx;
CREATE INDEX deliveries_unknown_outcome_idx ON deliveries (channel, sent_at) WHERE state = 'sent' AND outcome_unknown;
