// What delivery needs to know about a stored message: its identity, group, standing, targeting
// spec, and every info block with the area names, to render texts in each household's language.
import type { TargetSpec } from '../cap/build-target-spec.ts';
import type { Queryable } from './db.ts';
import { maybeOne, many } from './sql.ts';
import { readStoredTargetSpec } from './stored-target-spec.ts';

export interface DeliveryMessage {
  id: string;
  group_id: string;
  identifier: string;
  sender: string;
  msg_type: 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
  deliverable: boolean;
  expires: Date | null;
  target_spec: TargetSpec | null;
  /** The group's standing message and state, to skip superseded or ended messages. */
  head_alert_id: string | null;
  group_state: 'active' | 'cancelled';
  area_desc: string;
  infos: DeliveryInfo[];
}

export interface DeliveryInfo {
  language: string;
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  sender_name: string | null;
  onset: string | null;
  expires: string | null;
}

const MESSAGE = `
SELECT a.id::text, a.group_id::text, a.identifier, a.sender, a.msg_type, a.deliverable, a.expires, a.target_spec,
       g.head_alert_id::text, g.state AS group_state,
       coalesce((SELECT string_agg(DISTINCT s.area_desc, '; ') FROM alert_shapes s WHERE s.alert_id = a.id), '') AS area_desc
FROM alerts a JOIN alert_groups g ON g.id = a.group_id
WHERE a.id = $1`;

// When Siaga read a contradicted expiry otherwise (read-alert-times.ts: alerts.expires is not the
// document's latest), an info expiry that had passed when the message arrived is told as the one
// used: "valid until 02:00" in a warning sent at 08:00 would tell residents it is over.
const INFOS = `
SELECT i.language, i.event, i.urgency, i.severity, i.certainty, i.headline, i.description, i.instruction, i.sender_name,
       to_char(i.onset AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS onset,
       to_char(CASE WHEN i.expires <= a.received_at AND a.expires > i.expires
                     AND a.expires IS DISTINCT FROM (SELECT max(x.expires) FROM alert_infos x WHERE x.alert_id = a.id)
                    THEN a.expires ELSE i.expires END AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires
FROM alert_infos i JOIN alerts a ON a.id = i.alert_id WHERE i.alert_id = $1 ORDER BY i.position`;

export async function loadDeliveryMessage(db: Queryable, alertId: string | number): Promise<DeliveryMessage | undefined> {
  const row = await maybeOne<Omit<DeliveryMessage, 'infos' | 'target_spec'> & { target_spec: unknown }>(db, MESSAGE, [alertId]);
  if (!row) return undefined;
  return { ...row, target_spec: readStoredTargetSpec(row.target_spec, row.id), infos: await many<DeliveryInfo>(db, INFOS, [alertId]) };
}

/** Groups whose standing message has expired and whose all-clear was not planned yet. */
export async function expiredGroupsWithoutAllClear(db: Queryable, now: Date): Promise<{ group_id: string; head_alert_id: string }[]> {
  return many(
    db,
    `
    SELECT g.id::text AS group_id, g.head_alert_id::text FROM alert_groups g
    LEFT JOIN delivery_groups dg ON dg.group_id = g.id
    WHERE g.state = 'active' AND g.merged_into IS NULL AND g.expires <= $1 AND g.head_alert_id IS NOT NULL
      AND dg.all_clear_at IS NULL
      AND EXISTS (SELECT 1 FROM deliveries d WHERE d.group_id = g.id)`,
    [now],
  );
}
