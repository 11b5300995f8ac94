// Statements on alerts, alert_documents and alert_infos: one message, the documents that carried
// it, and its info blocks in every language.
import type { CapAlert, CapInfo, Issue } from '../cap/cap-types.ts';
import type { AlertTimes } from '../cap/read-alert-times.ts';
import type { TargetSpec } from '../cap/build-target-spec.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';
import { readStoredCapAlert } from './stored-cap-alert.ts';
import { readStoredTargetSpec } from './stored-target-spec.ts';

export interface Identity {
  sender: string;
  identifier: string;
  /** ISO 8601 instant (UTC). */
  sent: string;
}

export interface StoredAlert {
  id: number;
  group_id: number;
  msg_type: string;
  model: CapAlert;
  languages: string[];
  target_spec: TargetSpec | null;
}

const FIND_BY_IDENTITY = `
SELECT id::int, group_id::int, msg_type, model, languages, target_spec
FROM alerts WHERE sender = $1 AND identifier = $2 AND sent = $3::timestamptz`;

const FIND_DOCUMENT = `
SELECT id::int FROM alert_documents WHERE alert_id = $1 AND (raw_sha256 = $2 OR content_hash = $3) LIMIT 1`;

const INSERT_ALERT = `
INSERT INTO alerts (group_id, sender, identifier, sent, sent_raw, msg_type, status, scope, cap_version, deliverable,
  languages, event, urgency, severity, certainty, expires, model, warnings, sent_used, time_alarms)
VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9, $10, $11::text[], $12, $13, $14, $15, $16::timestamptz, $17::jsonb, $18::jsonb,
  $19::timestamptz, $20::jsonb)
RETURNING id::int`;

// The times are read again over all languages' infos: the reading and its alarms are the merged message's.
const UPDATE_MERGED = `
UPDATE alerts SET model = $2::jsonb, languages = $3::text[], expires = $4::timestamptz,
  warnings = warnings || $5::jsonb, sent_used = $6::timestamptz, time_alarms = $7::jsonb
WHERE id = $1`;

const INSERT_DOCUMENT = `
INSERT INTO alert_documents (alert_id, source, raw_xml, raw_sha256, content_hash, languages, warnings, signature, signature_key_sha256)
VALUES ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8, $9) RETURNING id::int`;

const INSERT_INFOS = `
INSERT INTO alert_infos (alert_id, position, document_id, language, event, urgency, severity, certainty, headline,
  description, instruction, sender_name, web, contact, effective, onset, expires, categories, response_types)
SELECT $1, i.position, $2, i.language, i.event, i.urgency, i.severity, i.certainty, i.headline, i.description,
  i.instruction, i.sender_name, i.web, i.contact, i.effective, i.onset, i.expires,
  ARRAY(SELECT jsonb_array_elements_text(i.categories)), ARRAY(SELECT jsonb_array_elements_text(i.response_types))
FROM jsonb_to_recordset($3::jsonb) AS i(position int, language text, event text, urgency text, severity text,
  certainty text, headline text, description text, instruction text, sender_name text, web text, contact text,
  effective timestamptz, onset timestamptz, expires timestamptz, categories jsonb, response_types jsonb)`;

export async function findAlertByIdentity(db: Queryable, id: Identity): Promise<StoredAlert | undefined> {
  const row = await maybeOne<Omit<StoredAlert, 'model' | 'target_spec'> & { model: unknown; target_spec: unknown }>(db, FIND_BY_IDENTITY, [
    id.sender,
    id.identifier,
    id.sent,
  ]);
  return row && { ...row, model: readStoredCapAlert(row.model, row.id), target_spec: readStoredTargetSpec(row.target_spec, row.id) };
}

/** True when the alert already has a document with these bytes or this parsed content. */
export async function hasDocument(db: Queryable, alertId: number, rawSha256: string, contentHash: string): Promise<boolean> {
  return (await many(db, FIND_DOCUMENT, [alertId, rawSha256, contentHash])).length > 0;
}

export interface NewAlert {
  groupId: number;
  identity: Identity;
  alert: CapAlert;
  deliverable: boolean;
  languages: string[];
  /** The times delivery acts on (expires, sent_used) and the alarms of what contradicted. */
  times: AlertTimes;
  warnings: Issue[];
}

export async function insertAlert(tx: Queryable, a: NewAlert): Promise<number> {
  const first = a.alert.infos[0];
  const row = await one<{ id: number }>(tx, INSERT_ALERT, [
    a.groupId,
    a.identity.sender,
    a.identity.identifier,
    a.identity.sent,
    a.alert.sent.raw,
    a.alert.msgType,
    a.alert.status,
    a.alert.scope,
    a.alert.version,
    a.deliverable,
    a.languages,
    first?.event ?? null,
    first?.urgency ?? null,
    first?.severity ?? null,
    first?.certainty ?? null,
    a.times.expires,
    JSON.stringify(a.alert),
    JSON.stringify(a.warnings),
    a.times.sentUsed,
    JSON.stringify(a.times.alarms),
  ]);
  return row.id;
}

export async function updateMergedAlert(
  tx: Queryable,
  alertId: number,
  merged: CapAlert,
  languages: string[],
  times: AlertTimes,
  warnings: Issue[],
): Promise<void> {
  await tx.query(UPDATE_MERGED, [
    alertId,
    JSON.stringify(merged),
    languages,
    times.expires,
    JSON.stringify(warnings),
    times.sentUsed,
    JSON.stringify(times.alarms),
  ]);
}

/** What the document's XML signature proved (src/alerts/check-cap-signature.ts); a rejected one is never stored. */
export interface DocumentSignature {
  state: 'verified' | 'not_verified' | 'unsigned';
  /** The trusted key that verified it. */
  keySha256: string | null;
}

export interface NewDocument {
  source: string;
  rawXml: string;
  rawSha256: string;
  contentHash: string;
  signature: DocumentSignature;
  languages: string[];
  warnings: Issue[];
}

export async function insertDocument(tx: Queryable, alertId: number, d: NewDocument): Promise<number> {
  // PostgreSQL text cannot hold NUL; the parser refuses documents with one, so this never strips data.
  const row = await one<{ id: number }>(tx, INSERT_DOCUMENT, [
    alertId,
    d.source,
    d.rawXml,
    d.rawSha256,
    d.contentHash,
    d.languages,
    JSON.stringify(d.warnings),
    d.signature.state,
    d.signature.keySha256,
  ]);
  return row.id;
}

/** Stores info blocks numbered from their position in the merged message. */
export async function insertInfos(tx: Queryable, alertId: number, documentId: number, infos: readonly CapInfo[]): Promise<void> {
  const rows = infos.map((info) => ({
    position: Number(/^alert\/info\[(\d+)\]/.exec(info.path)?.[1] ?? 0),
    language: info.language,
    event: info.event,
    urgency: info.urgency,
    severity: info.severity,
    certainty: info.certainty,
    headline: info.headline ?? null,
    description: info.description ?? null,
    instruction: info.instruction ?? null,
    sender_name: info.senderName ?? null,
    web: info.web ?? null,
    contact: info.contact ?? null,
    effective: instant(info.effective?.epochMs),
    onset: instant(info.onset?.epochMs),
    expires: instant(info.expires?.epochMs),
    categories: info.categories,
    response_types: info.responseTypes,
  }));
  if (rows.length > 0) await tx.query(INSERT_INFOS, [alertId, documentId, JSON.stringify(rows)]);
}

/** The latest expiry among the info blocks, as an ISO instant; null when none gives one. */
export function latestExpiry(infos: readonly CapInfo[]): string | null {
  const times = infos.map((i) => i.expires?.epochMs).filter((t): t is number => typeof t === 'number');
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : null;
}

function instant(epochMs: number | null | undefined): string | null {
  return typeof epochMs === 'number' ? new Date(epochMs).toISOString() : null;
}

/** What targeting found for a stored message: how many villages its area touches, households inside. */
export async function alertReach(
  db: Queryable,
  alertId: number | string,
): Promise<{ affected_villages: number | null; households_inside: number | null; has_area: boolean } | undefined> {
  return maybeOne(db, `SELECT affected_villages, households_inside, target_spec IS NOT NULL AS has_area FROM alerts WHERE id = $1`, [
    alertId,
  ]);
}
