// Read side of the alerts tables, for `siaga alerts list|show` and the HTTP API.
import type { Issue } from '../cap/cap-types.ts';
import type { TimeAlarm } from '../cap/time-alarm.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne } from './sql.ts';
import { readStoredIssues } from './stored-issues.ts';
import { readStoredTimeAlarms } from './stored-time-alarms.ts';

/**
 * `superseded`: a newer message of its group stands; `cancelled`: its group was cancelled;
 * `expired`: it stands but its expiry has passed; `active`: it stands and is in force.
 */
export type AlertState = 'active' | 'expired' | 'cancelled' | 'superseded';

export interface AlertListRow {
  id: number;
  group_id: number;
  msg_type: string;
  status: string;
  sender: string;
  identifier: string;
  sent: string;
  event: string | null;
  severity: string | null;
  urgency: string | null;
  languages: string[];
  expires: string | null;
  state: AlertState;
  deliverable: boolean;
  affected_villages: number | null;
  households_inside: number | null;
  households_margin_only: number | null;
  delivery: AlertDelivery;
  /** How many contradictory times were found in the message (alarms; see showAlert for them). */
  time_alarms: number;
}

/**
 * Where a message stands with delivery: its hand-off state (awaiting, held, planned, not for
 * residents, reaches nobody) with the reason, the ledger rows per channel, and `overdue` when it
 * has waited longer than a minute since it was ready: an alarm for the liaison.
 */
export interface AlertDelivery {
  state: 'awaiting' | 'held' | 'planned' | 'not_for_residents' | 'reaches_nobody' | null;
  reason: string | null;
  intake: string | null;
  overdue: boolean;
  last_error: string | null;
  ledger: Record<string, number>;
}

/** Overdue: a standing warning that waits for delivery a minute after it was ready is an alarm. */
export const HANDOFF_OVERDUE_S = 60;

const DELIVERY = `
jsonb_build_object(
  'state', h.state, 'reason', h.reason, 'intake', h.intake, 'last_error', h.last_error,
  'overdue', coalesce(h.state = 'awaiting' AND h.ready_at < $1::timestamptz - interval '${HANDOFF_OVERDUE_S} seconds', false),
  'ledger', coalesce((SELECT jsonb_object_agg(c.channel, c.n) FROM (SELECT channel, count(*) AS n FROM deliveries d WHERE d.alert_id = a.id GROUP BY channel) c), '{}'::jsonb)
) AS delivery`;

// The state of a message follows from its group: only the group's head can be in force.
const STATE = `
CASE WHEN g.head_alert_id IS DISTINCT FROM a.id THEN 'superseded'
     WHEN g.state = 'cancelled' THEN 'cancelled'
     WHEN g.expires IS NOT NULL AND g.expires <= $1::timestamptz THEN 'expired'
     ELSE 'active' END`;

const LIST = `
SELECT a.id::int, a.group_id::int, a.msg_type, a.status, a.sender, a.identifier, to_json(a.sent)#>>'{}' AS sent,
  a.event, a.severity, a.urgency, a.languages, to_json(a.expires)#>>'{}' AS expires, ${STATE} AS state, a.deliverable,
  a.affected_villages, a.households_inside, a.households_margin_only, jsonb_array_length(a.time_alarms)::int AS time_alarms, ${DELIVERY}
FROM alerts a JOIN alert_groups g ON g.id = a.group_id LEFT JOIN delivery_handoffs h ON h.alert_id = a.id
WHERE NOT $2::boolean OR (${STATE} = 'active' AND a.msg_type IN ('Alert', 'Update'))
ORDER BY a.sent DESC, a.id DESC
LIMIT $3`;

export async function listAlerts(db: Queryable, options: { activeOnly: boolean; now: Date; limit?: number }): Promise<AlertListRow[]> {
  return many<AlertListRow>(db, LIST, [options.now.toISOString(), options.activeOnly, options.limit ?? 1000]);
}

const FIND_ID = `
SELECT id::int FROM alerts WHERE ($1::bigint IS NOT NULL AND id = $1::bigint) OR identifier = $2 ORDER BY sent DESC, id DESC LIMIT 1`;

const ONE = `
SELECT a.id::int, a.group_id::int, a.msg_type, a.status, a.scope, a.cap_version, a.sender, a.identifier,
  to_json(a.sent)#>>'{}' AS sent, a.sent_raw, a.event, a.severity, a.urgency, a.certainty, a.languages,
  to_json(a.expires)#>>'{}' AS expires, ${STATE} AS state, a.deliverable, a.warnings,
  a.time_alarms, to_json(a.sent_used)#>>'{}' AS sent_used,
  a.affected_villages, a.households_inside, a.households_margin_only, a.households_district_outside,
  to_json(a.received_at)#>>'{}' AS received_at, g.state AS group_state, g.head_alert_id::int AS group_head_id, ${DELIVERY}
FROM alerts a JOIN alert_groups g ON g.id = a.group_id LEFT JOIN delivery_handoffs h ON h.alert_id = a.id WHERE a.id = $2`;

const INFOS = `
SELECT position, language, event, urgency, severity, certainty, headline, description, instruction, sender_name, web,
  contact, to_json(effective)#>>'{}' AS effective, to_json(onset)#>>'{}' AS onset, to_json(expires)#>>'{}' AS expires
FROM alert_infos WHERE alert_id = $1 ORDER BY position`;

const LINEAGE = `
SELECT a.id::int, a.msg_type, a.identifier, a.sender, to_json(a.sent)#>>'{}' AS sent, ${STATE} AS state, a.languages,
  a.households_inside
FROM alerts a JOIN alert_groups g ON g.id = a.group_id WHERE a.group_id = $2 ORDER BY a.sent, a.id`;

const REFERENCES = `
SELECT r.sender, r.identifier, r.sent_raw AS sent, r.resolved_alert_id::int AS resolved_alert_id
FROM alert_references r WHERE r.alert_id = $1 ORDER BY r.position`;

const DOCUMENTS = `
SELECT id::int, source, languages, raw_sha256, to_json(received_at)#>>'{}' AS received_at, signature, signature_key_sha256
FROM alert_documents WHERE alert_id = $1 ORDER BY id`;

const SHAPES = `
SELECT jsonb_build_object('type', 'FeatureCollection', 'features', coalesce(jsonb_agg(jsonb_build_object(
  'type', 'Feature',
  'properties', jsonb_build_object('path', path, 'kind', kind, 'areaDesc', area_desc, 'detail', detail, 'repaired', repaired),
  'geometry', CASE WHEN geom IS NULL THEN NULL ELSE ST_AsGeoJSON(geom, 6)::jsonb END) ORDER BY path), '[]'::jsonb)) AS geojson
FROM alert_shapes WHERE alert_id = $1`;

const VILLAGES = `
SELECT t.village_code AS code, v.name, t.households, t.vulnerable_households, t.margin_households, t.area_fraction
FROM alert_target_villages t JOIN admin_areas v ON v.code = t.village_code WHERE t.alert_id = $1 ORDER BY t.village_code`;

export interface AlertDetail {
  alert: Record<string, unknown> & { warnings: Issue[]; time_alarms: TimeAlarm[] };
  infos: Record<string, unknown>[];
  references: { sender: string; identifier: string; sent: string; resolved_alert_id: number | null }[];
  lineage: Record<string, unknown>[];
  documents: Record<string, unknown>[];
  villages: Record<string, unknown>[];
  areas: unknown;
}

/** An alert's id from its numeric id or CAP identifier (the latest message with that identifier). */
export async function findAlertId(db: Queryable, idOrIdentifier: string): Promise<number | undefined> {
  const numeric = /^\d{1,15}$/.test(idOrIdentifier) ? idOrIdentifier : null;
  return (await maybeOne<{ id: number }>(db, FIND_ID, [numeric, idOrIdentifier]))?.id;
}

/** One alert by numeric id or CAP identifier (the latest message with that identifier). */
export async function showAlert(db: Queryable, idOrIdentifier: string, now: Date): Promise<AlertDetail | undefined> {
  const id = await findAlertId(db, idOrIdentifier);
  if (id === undefined) return undefined;
  const found = { id };
  const at = now.toISOString();
  const row = await maybeOne<Record<string, unknown> & { group_id: number }>(db, ONE, [at, found.id]);
  if (!row) return undefined;
  const alert = {
    ...row,
    warnings: readStoredIssues(row.warnings, `alert ${id}: warnings`),
    time_alarms: readStoredTimeAlarms(row.time_alarms, id),
  };
  const [infos, references, lineage, documents, villages, shapes] = await Promise.all([
    many<Record<string, unknown>>(db, INFOS, [found.id]),
    many<AlertDetail['references'][number]>(db, REFERENCES, [found.id]),
    many<Record<string, unknown>>(db, LINEAGE, [at, alert.group_id]),
    many<Record<string, unknown>>(db, DOCUMENTS, [found.id]),
    many<Record<string, unknown>>(db, VILLAGES, [found.id]),
    many<{ geojson: unknown }>(db, SHAPES, [found.id]),
  ]);
  return { alert, infos, references, lineage, documents, villages, areas: shapes[0]?.geojson };
}
