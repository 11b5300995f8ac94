-- What: the reference Siaga sent with an SMS (`d<ledger id>`), kept with its receipt when the
-- gateway gives it back.
-- Why: an SMS whose send went unanswered has no provider id, so its receipt can only be matched
-- by that reference; the receipt may arrive before the row is settled as `sent` with its outcome
-- unknown (the worker that sent it died, and the sweep has not yet noticed), so it is kept and
-- applied by reference later, before an unconfirmed SMS would be sent again.
ALTER TABLE sms_receipts ADD COLUMN reference text;
CREATE INDEX sms_receipts_reference_idx ON sms_receipts (reference) WHERE reference IS NOT NULL;
-- Every sweep looks for SMS of unknown outcome (to confirm them by a kept receipt, or send them
-- again): a handful of rows among millions, found without reading the ledger.
CREATE INDEX deliveries_sms_unknown_idx ON deliveries (sent_at) WHERE channel = 'sms' AND state = 'sent' AND outcome_unknown;
