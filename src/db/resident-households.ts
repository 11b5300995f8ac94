// Households that residents register themselves through the API (source 'resident'): placed in
// the village polygon that holds the point (or the nearest within the snap distance), with a
// private management token stored only as its SHA-256. A change is a new version of the row. "Delete my data" removes every version of
// the household, its subscriptions and token; the deliveries ledger keeps only the opaque id, so
// the proof of who was warned survives without the person's data.
import type { KindCounts, VulnerablePeople } from '../registry/vulnerable-people.ts';
import { zoneOfAreaCodeSql, type IndonesianZone } from '../time/indonesian-time-zone.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';

export interface NewResidentHousehold {
  id: string;
  lat: number;
  lon: number;
  members: number;
  vulnerable: VulnerablePeople;
  language: 'id' | 'en';
  phone: string | null;
  tokenSha256: string;
  now: Date;
}

const PLACE = `
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) AS g)
SELECT code, name, 0::float8 AS distance_m FROM (
  SELECT a.code, a.name FROM admin_area_parts ap JOIN admin_areas a ON a.code = ap.code, p
  WHERE ap.level = 'village' AND ST_Intersects(ap.geom, p.g) ORDER BY a.code LIMIT 1) inside
UNION ALL
SELECT * FROM (
  SELECT a.code, a.name, ST_Distance(a.geom::geography, p.g::geography) AS distance_m FROM admin_areas a, p
  WHERE a.level = 'village' AND ST_DWithin(a.geom::geography, p.g::geography, $3)
  ORDER BY distance_m LIMIT 1) near
ORDER BY distance_m LIMIT 1`;

/** The village a point belongs to (inside, or nearest within `snapMetres`). */
export async function villageAt(
  db: Queryable,
  lat: number,
  lon: number,
  snapMetres: number,
): Promise<{ code: string; name: string } | undefined> {
  return maybeOne(db, PLACE, [lon, lat, snapMetres]);
}

export async function insertResidentHousehold(tx: Queryable, h: NewResidentHousehold, villageCode: string): Promise<void> {
  const k = h.vulnerable.kinds;
  await tx.query(
    `INSERT INTO households (id, location, village_code, members, vulnerable, elderly, disabled, infant, pregnant, ill, language, phone, consent_at, source, valid_from)
     VALUES ($1, ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'resident', $14)`,
    [
      h.id,
      h.lon,
      h.lat,
      villageCode,
      h.members,
      h.vulnerable.people,
      k.elderly,
      k.disabled,
      k.infant,
      k.pregnant,
      k.ill,
      h.language,
      h.phone,
      h.now,
    ],
  );
  await tx.query(`INSERT INTO household_tokens (household_id, token_sha256, created_at) VALUES ($1, $2, $3)`, [h.id, h.tokenSha256, h.now]);
}

/** The household a management token belongs to (by its SHA-256). */
export async function householdForToken(db: Queryable, tokenSha256: string): Promise<string | undefined> {
  return (await maybeOne<{ household_id: string }>(db, `SELECT household_id FROM household_tokens WHERE token_sha256 = $1`, [tokenSha256]))
    ?.household_id;
}

export interface ResidentView {
  id: string;
  lat: number;
  lon: number;
  /** `time_zone`: the zone of the house, in which its page shows times. */
  village: { code: string; name: string; time_zone: IndonesianZone };
  members: number;
  /** People who need help to evacuate (one person may have several of the kinds below). */
  vulnerable_people: number;
  /** Per kind, how many of those people have it. */
  vulnerable: KindCounts;
  language: string;
  phone: string | null;
  consent_at: string;
  registered_at: string;
  push_subscriptions: { endpoint: string; created_at: string }[];
  /** `event`: the warning's event in the household's language (a person tells warnings apart by it, not by an id). */
  deliveries: {
    id: string;
    alert_id: string;
    event: string | null;
    channel: string;
    kind: string;
    state: string;
    response: string | null;
    queued_at: string;
  }[];
}

export async function residentView(db: Queryable, householdId: string): Promise<ResidentView | undefined> {
  return maybeOne<ResidentView>(
    db,
    `
    SELECT h.id, ST_Y(h.location) AS lat, ST_X(h.location) AS lon,
      jsonb_build_object('code', a.code, 'name', a.name, 'time_zone', ${zoneOfAreaCodeSql('a.code')}) AS village, h.members, h.vulnerable AS vulnerable_people,
      jsonb_build_object('elderly', h.elderly, 'disabled', h.disabled, 'infant', h.infant, 'pregnant', h.pregnant, 'ill', h.ill) AS vulnerable,
      h.language, h.phone, h.consent_at, h.valid_from AS registered_at,
      coalesce((SELECT jsonb_agg(jsonb_build_object('endpoint', s.endpoint, 'created_at', s.created_at) ORDER BY s.id)
                FROM push_subscriptions s WHERE s.household_id = h.id AND s.active), '[]') AS push_subscriptions,
      coalesce((SELECT jsonb_agg(jsonb_build_object('id', d.id::text, 'alert_id', d.alert_id::text,
                  'event', (SELECT i.event FROM alert_infos i WHERE i.alert_id = d.alert_id AND i.event IS NOT NULL ORDER BY (lower(i.language) LIKE h.language || '%') DESC, i.position LIMIT 1),
                  'channel', d.channel, 'kind', d.kind,
                  'state', d.state, 'response', d.response, 'queued_at', d.queued_at) ORDER BY d.id DESC)
                FROM (SELECT * FROM deliveries WHERE household_id = h.id ORDER BY id DESC LIMIT 50) d), '[]') AS deliveries
    FROM households h JOIN admin_areas a ON a.code = h.village_code
    WHERE h.id = $1 AND h.valid_to IS NULL`,
    [householdId],
  );
}

export interface ResidentChange {
  lat: number;
  lon: number;
  villageCode: string;
  members: number;
  vulnerable: VulnerablePeople;
  language: 'id' | 'en';
  phone: string | null;
}

/**
 * A resident's change as a new version: the current row is closed and a new one opened with the
 * same id, consent and source, so that "who was registered how, when" stays answerable for
 * deliveries already made. Two statements: the partial unique index on the current row must see
 * the old one closed before the new one is written.
 */
export async function updateResidentHousehold(tx: Queryable, householdId: string, c: ResidentChange, now: Date): Promise<boolean> {
  const old = await maybeOne<{ consent_at: Date; source: string }>(
    tx,
    `UPDATE households SET valid_to = $2 WHERE id = $1 AND valid_to IS NULL RETURNING consent_at, source`,
    [householdId, now],
  );
  if (!old) return false;
  const k = c.vulnerable.kinds;
  await tx.query(
    `INSERT INTO households (id, location, village_code, members, vulnerable, elderly, disabled, infant, pregnant, ill, language, phone, consent_at, source, valid_from)
     VALUES ($1, ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      householdId,
      c.lon,
      c.lat,
      c.villageCode,
      c.members,
      c.vulnerable.people,
      k.elderly,
      k.disabled,
      k.infant,
      k.pregnant,
      k.ill,
      c.language,
      c.phone,
      old.consent_at,
      old.source,
      now,
    ],
  );
  return true;
}

/** Deletes the household's personal data; returns false when there was none. */
export async function deleteResidentData(tx: Queryable, householdId: string): Promise<boolean> {
  // Every version of the household goes, so several rows may come back.
  const removed = await many<{ row_id: string; phone: string | null }>(tx, `DELETE FROM households WHERE id = $1 RETURNING row_id, phone`, [
    householdId,
  ]);
  await tx.query(`DELETE FROM push_subscriptions WHERE household_id = $1`, [householdId]);
  await tx.query(`DELETE FROM household_tokens WHERE household_id = $1`, [householdId]);
  // The SMS the household sent (matched to it, or from its numbers and matched to nobody) and the
  // help-reply limits of its numbers are its data too; another household's on a shared number stay.
  const phones = [...new Set(removed.map((r) => r.phone).filter((p): p is string => p !== null))];
  await tx.query(`DELETE FROM inbound_sms WHERE household_id = $1 OR (household_id IS NULL AND phone = ANY($2::text[]))`, [
    householdId,
    phones,
  ]);
  await tx.query(
    `DELETE FROM sms_help_replies r WHERE r.phone = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM households h WHERE h.phone = r.phone AND h.valid_to IS NULL)`,
    [phones],
  );
  return removed.length > 0;
}

export async function householdExists(db: Queryable, householdId: string): Promise<boolean> {
  return (
    (await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM households WHERE id = $1 AND valid_to IS NULL`, [householdId])).n > 0
  );
}
