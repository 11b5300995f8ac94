// Read side of what Siaga publishes as CAP for other systems (src/http/cap-publication-routes.ts):
// the messages Siaga issued itself, the warnings standing now whoever sent them, and the stored
// documents those feeds link to. Only Public-scope messages are ever read here: a Restricted or
// Private message Siaga received must not leave it through a public feed.
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';

export interface PublishedMessage {
  id: number;
  identifier: string;
  sender: string;
  sent: string;
  msg_type: string;
  status: string;
  event: string | null;
  urgency: string | null;
  severity: string | null;
  certainty: string | null;
  expires: string | null;
  /** The Indonesian info block's, else the first's. */
  headline: string | null;
  description: string | null;
  sender_name: string | null;
  language: string | null;
  /** When Siaga last received a document of it (a later translation changes the entry). */
  updated: string;
  /** Its documents, oldest first: the first is the one at the message's own URL. */
  documents: { id: number; languages: string[] }[];
}

const COLUMNS = `
a.id::int, a.identifier, a.sender, to_json(a.sent)#>>'{}' AS sent, a.msg_type, a.status, a.event, a.urgency, a.severity,
a.certainty, to_json(a.expires)#>>'{}' AS expires, i.headline, i.description, i.sender_name, i.language,
to_json(d.updated)#>>'{}' AS updated, d.documents`;

const JOINS = `
JOIN alert_groups g ON g.id = a.group_id
LEFT JOIN LATERAL (
  SELECT headline, description, sender_name, language FROM alert_infos
  WHERE alert_id = a.id ORDER BY (lower(language) LIKE 'id%') DESC, position LIMIT 1) i ON true
JOIN LATERAL (
  SELECT max(received_at) AS updated, jsonb_agg(jsonb_build_object('id', id::int, 'languages', languages) ORDER BY id) AS documents
  FROM alert_documents WHERE alert_id = a.id) d ON true`;

// In force: the head of its group (not superseded, nor absorbed into another group), not cancelled,
// and no expiry has passed: not the one Siaga acts on (its group's, its own), nor the one the
// document itself states. Siaga keeps delivering a message that arrived expired but freshly sent
// (src/cap/read-alert-times.ts: a wrong clock on one side is likelier than a storm already over),
// but a neighbour reading the linked document would see it expired, so it is not published as
// standing. An Ack or Error is no warning.
const STANDING = `
g.head_alert_id = a.id AND g.merged_into IS NULL AND g.state = 'active'
AND (g.expires IS NULL OR g.expires > $1::timestamptz) AND (a.expires IS NULL OR a.expires > $1::timestamptz)
AND NOT EXISTS (SELECT 1 FROM alert_infos x WHERE x.alert_id = a.id AND x.expires IS NOT NULL
  HAVING max(x.expires) <= $1::timestamptz)
AND a.msg_type IN ('Alert', 'Update') AND a.scope = 'Public'`;

const OWN = `
SELECT ${COLUMNS} FROM alerts a ${JOINS}
WHERE a.sender = $2 AND a.scope = 'Public'
  AND (a.sent > $1::timestamptz - make_interval(hours => $3::int) OR (${STANDING}))
ORDER BY d.updated DESC, a.id DESC LIMIT $4`;

const STANDING_NOW = `
SELECT ${COLUMNS} FROM alerts a ${JOINS}
WHERE ${STANDING} AND a.deliverable
ORDER BY d.updated DESC, a.id DESC LIMIT $2`;

/**
 * Siaga's own messages of the last `keepHours`, every type (an Update or Cancel is news to an
 * aggregator too), and older ones still standing.
 */
export async function ownMessages(
  db: Queryable,
  o: { sender: string; now: Date; keepHours: number; limit: number },
): Promise<PublishedMessage[]> {
  return many<PublishedMessage>(db, OWN, [o.now.toISOString(), o.sender, o.keepHours, o.limit]);
}

/** Every warning standing now that Siaga acts on (deliverable: Actual and Public), whoever sent it. */
export async function standingMessages(db: Queryable, o: { now: Date; limit: number }): Promise<PublishedMessage[]> {
  return many<PublishedMessage>(db, STANDING_NOW, [o.now.toISOString(), o.limit]);
}

// The instant the feed last changed: a message stored, or one leaving it (expired, cancelled, aged
// out). Conditional GET needs it to stay put between changes, so "now" is never the answer.
const OWN_CHANGED = `
SELECT to_json(max(t))#>>'{}' AS at FROM (
  SELECT d.received_at AS t FROM alert_documents d JOIN alerts a ON a.id = d.alert_id WHERE a.sender = $2
  UNION ALL SELECT a.sent + make_interval(hours => $3::int) FROM alerts a WHERE a.sender = $2
  UNION ALL SELECT a.expires FROM alerts a WHERE a.sender = $2
  UNION ALL SELECT i.expires FROM alert_infos i JOIN alerts a ON a.id = i.alert_id WHERE a.sender = $2
  UNION ALL SELECT g.expires FROM alert_groups g JOIN alerts a ON a.id = g.head_alert_id WHERE a.sender = $2) c
WHERE t <= $1::timestamptz`;

const ANY_CHANGED = `
SELECT to_json(max(t))#>>'{}' AS at FROM (
  SELECT received_at AS t FROM alert_documents
  UNION ALL SELECT expires FROM alerts
  UNION ALL SELECT expires FROM alert_infos
  UNION ALL SELECT expires FROM alert_groups
  UNION ALL SELECT ended_at FROM alert_groups) c
WHERE t <= $1::timestamptz`;

export async function ownMessagesChangedAt(db: Queryable, o: { sender: string; now: Date; keepHours: number }): Promise<string | null> {
  return (await maybeOne<{ at: string | null }>(db, OWN_CHANGED, [o.now.toISOString(), o.sender, o.keepHours]))?.at ?? null;
}

export async function standingChangedAt(db: Queryable, now: Date): Promise<string | null> {
  return (await maybeOne<{ at: string | null }>(db, ANY_CHANGED, [now.toISOString()]))?.at ?? null;
}

export interface PublishedDocument {
  raw_xml: string;
  received_at: string;
}

// The message's first document unless one is named; a document of another message is not found.
const DOCUMENT = `
SELECT d.raw_xml, to_json(d.received_at)#>>'{}' AS received_at
FROM alert_documents d JOIN alerts a ON a.id = d.alert_id
WHERE d.alert_id = $1 AND a.scope = 'Public' AND ($2::bigint IS NULL OR d.id = $2::bigint)
ORDER BY d.id LIMIT 1`;

/** The stored bytes of a Public message's document, exactly as received (or as Siaga wrote it). */
export async function publishedDocument(db: Queryable, alertId: number, documentId?: number): Promise<PublishedDocument | undefined> {
  return maybeOne<PublishedDocument>(db, DOCUMENT, [alertId, documentId ?? null]);
}
