-- What: times that contradict each other (or Siaga's clock) become alarms, kept with the alert and
-- with the fetch that brought it, and the reading Siaga used instead is recorded.
--   alerts.time_alarms        the contradictions found in the message, or in the BMKG bulletin Siaga
--                             derived it from, each with the reading used ([{path, kind, message}])
--   alerts.sent_used          the send time that orders the message in its group when the document's
--                             is in the future (null: the document's own `sent`)
--   alerts.expires            from now on the expiry delivery uses: the document's latest info
--                             expiry, or the safe reading when that contradicts the other times
--   feed_fetches.time_alarms  the same alarms, on the ingestion-log row of the fetch ([{item, path, kind, message}])
-- Why: a bulletin whose send time lies years before its own quake was stored already expired and
-- warned nobody, while the log said only `new`. A wrong time must neither silence a warning nor
-- pass unseen. The document itself stays verbatim (alert_documents.raw_xml, alert_infos, model):
-- only the reading is Siaga's.
ALTER TABLE alerts ADD COLUMN time_alarms jsonb NOT NULL DEFAULT '[]';
ALTER TABLE alerts ADD COLUMN sent_used timestamptz;
ALTER TABLE feed_fetches ADD COLUMN time_alarms jsonb NOT NULL DEFAULT '[]';
