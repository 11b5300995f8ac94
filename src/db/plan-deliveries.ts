// Writing the deliveries ledger, set-based: the rows a message needs come from the same targeting
// query that counted them at ingest (TARGET_CTE), inserted in one statement, unique per (message,
// household, channel, kind) so that planning twice (a retried job, a second replica) adds nothing.
//
// Noise control lives here, in SQL, because it is a question about the ledger:
// - a warning or Update reaches a household only when what it was last told in this group (its
//   content key: event, severity, times, instruction) differs, or it was never told;
// - in a message with several levels (a tsunami warning's AWAS, SIAGA and WASPADA zones) each
//   household is told the most severe level whose area holds it, not the message's worst;
// - an all-clear reaches only households a warning of the group was sent to, on the channel it
//   was sent on;
// - SMS goes at once to households with a phone and no active push subscription; the others get
//   SMS later, only if push failed or was not confirmed in time (planSmsFallback).
import type { TargetSpec } from '../cap/build-target-spec.ts';
import { zoneOfAreaCodeSql, type ZonedNotBefore } from '../time/indonesian-time-zone.ts';
import { TARGET_CTE } from './alert-targeting.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';

/**
 * A message's levels, one per distinct severity (a nowcast has one; a tsunami warning has AWAS,
 * SIAGA, WASPADA), each with the content key of its Indonesian info (BMKG's own words; English is
 * the translation, so a late English document is not news and messages nobody again); which level
 * each info position belongs to (by rank, most severe 0), for the planner to find a household's.
 */
export interface MessageLevels {
  multiLevel: boolean;
  /** Severity → content key. */
  contentKeys: Record<string, string>;
  /** Info position → rank of its severity. */
  rankOfInfo: Record<string, number>;
  /** Rank → severity. */
  severityOfRank: Record<string, string>;
  /** The most severe level: what a household reached only through the margin is told. */
  lead: string;
}

// One slice of a message's households ($11 villages, $12: true = only those villages, false = all
// but those; an empty list with false is the whole message). Villages partition the households
// (every household has exactly one), so the slices of one planning add up to the message exactly.
const PLAN_MESSAGE = `${TARGET_CTE},
target AS (SELECT DISTINCT id FROM targeted_household WHERE (village_code = ANY($11::text[])) = $12),
-- Only for a message with several levels ($8): which levels' areas hold each household.
hit AS (
  SELECT h.id, p.path FROM polygon_part p JOIN households h ON h.valid_to IS NULL AND ST_Intersects(h.location, p.geom) WHERE $8
  UNION ALL
  SELECT h.id, c.path FROM circle c JOIN households h
    ON h.valid_to IS NULL AND h.location && c.bbox AND ST_DWithin(h.location::geography, c.centre, c.radius_m) WHERE $8
  UNION ALL
  SELECT h.id, g.path FROM geocode_village g JOIN households h ON h.valid_to IS NULL AND h.village_code = g.code WHERE $8
),
level_of AS (
  SELECT id, min(($9::jsonb->>substring(path from 'info\\[([0-9]+)\\]'))::int) AS rank FROM hit GROUP BY id
),
hh AS (
  SELECT h.id, h.language, h.phone, h.village_code, h.vulnerable, coalesce(l.rank, 0) AS rank,
         EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.household_id = h.id AND s.active) AS has_push,
         coalesce($10::jsonb->>(l.rank::text), $10::jsonb->>'lead') AS severity
  FROM target t JOIN households h ON h.id = t.id AND h.valid_to IS NULL
  LEFT JOIN level_of l ON l.id = h.id
),
keyed AS (SELECT hh.*, $5::jsonb->>hh.severity AS content_key FROM hh),
-- What the group last told each household: one index lookup per household (group_id,
-- household_id). A set of the group's rows joined to the households instead was planned, for rows
-- too new to have statistics (the earlier slices of this very message), as a rescan of that set
-- per household: 38 s for 28,555 households.
chosen AS (
  SELECT k.*, told.household_id IS NOT NULL AS was_told,
         ($6::jsonb->>(${zoneOfAreaCodeSql('k.village_code')}))::timestamptz AS not_before
  FROM keyed k LEFT JOIN LATERAL (
    SELECT d.household_id, d.content_key FROM deliveries d
    WHERE d.group_id = $3 AND d.household_id = k.id AND d.kind IN ('warning', 'update') AND d.state NOT IN ('failed', 'expired')
    ORDER BY d.id DESC LIMIT 1
  ) AS told ON true
  WHERE told.household_id IS NULL OR told.content_key IS DISTINCT FROM k.content_key
),
planned AS (
  SELECT id, 'push' AS channel, language, severity, content_key, not_before, was_told, rank, village_code, vulnerable FROM chosen WHERE has_push
  UNION ALL
  SELECT id, 'sms', language, severity, content_key, not_before, was_told, rank, village_code, vulnerable FROM chosen WHERE NOT has_push AND phone IS NOT NULL
),
-- Rows due now are written already dispatched and their ids returned, for the caller to queue at
-- once: marking them afterwards (takeDueForDispatch) rewrote every new row a second time, 2.8 s of
-- a 46,000-household province warning (bench row alert-to-queued). Rows waiting for quiet hours to
-- end keep dispatched_at NULL and go with the sweep, as before.
inserted AS (
  INSERT INTO deliveries (group_id, alert_id, household_id, channel, kind, language, severity, content_key, not_before, expires_at, queued_at, dispatched_at)
  SELECT $3, $2, id, channel, CASE WHEN was_told THEN 'update' ELSE 'warning' END, language, severity, content_key, not_before, $4, $7,
         CASE WHEN not_before IS NULL OR not_before <= $7 THEN $7::timestamptz END
  FROM planned
  ON CONFLICT (alert_id, household_id, channel, kind) DO NOTHING
  RETURNING id, household_id, channel, dispatched_at IS NOT NULL AS due
),
-- The order the due rows are queued in, the order of danger: the household's level (a tsunami's
-- AWAS first), its village's place in the planning order ($13), vulnerable households first.
ordered AS (
  SELECT i.id, i.channel, i.due, p.rank, coalesce(($13::jsonb->>p.village_code)::int, 2147483647) AS village_order, p.vulnerable > 0 AS vulnerable
  FROM inserted i JOIN planned p ON p.id = i.household_id AND p.channel = i.channel
)
SELECT (SELECT count(*) FROM target)::int AS targeted,
       (SELECT count(*) FROM hh)::int - (SELECT count(*) FROM chosen)::int AS unchanged,
       (SELECT count(*) FROM hh WHERE NOT has_push AND phone IS NULL)::int AS unreachable,
       (SELECT count(*) FILTER (WHERE channel = 'push') FROM inserted)::int AS push,
       (SELECT count(*) FILTER (WHERE channel = 'sms') FROM inserted)::int AS sms,
       (SELECT coalesce(array_agg(id::text ORDER BY rank, village_order, vulnerable DESC, id) FILTER (WHERE channel = 'push' AND due), '{}') FROM ordered) AS due_push,
       (SELECT coalesce(array_agg(id::text ORDER BY rank, village_order, vulnerable DESC, id) FILTER (WHERE channel = 'sms' AND due), '{}') FROM ordered) AS due_sms`;

// The villages a message reached at ingest, in the order of danger: the most severe level whose
// area holds the village (only for a message with several levels, $3), then the most vulnerable
// households, then the most households.
const VILLAGES_BY_DANGER = `${TARGET_CTE},
village_level AS (
  SELECT ap.code, p.path FROM polygon_part p JOIN admin_area_parts ap ON ap.level = 'village' AND ST_Intersects(ap.geom, p.geom) WHERE $3
  UNION ALL
  SELECT ap.code, c.path FROM circle c JOIN admin_area_parts ap
    ON ap.level = 'village' AND ap.geom && c.bbox AND ST_DWithin(ap.geom::geography, c.centre, c.radius_m) WHERE $3
  UNION ALL
  SELECT code, path FROM geocode_village WHERE $3
),
village_rank AS (
  SELECT code, min(($4::jsonb->>substring(path from 'info\\[([0-9]+)\\]'))::int) AS rank FROM village_level GROUP BY code
)
SELECT v.village_code AS code, (v.households + v.margin_households)::int AS households
FROM alert_target_villages v LEFT JOIN village_rank r ON r.code = v.village_code
WHERE v.alert_id = $2
ORDER BY coalesce(r.rank, 2147483647), v.vulnerable_households DESC, v.households + v.margin_households DESC, v.village_code`;

// Rows of earlier messages still waiting to go: stale once a newer message of the group stands.
// Notices to Tagana members are about tasks, which an Update changes in place: they still go.
const SUPERSEDE_QUEUED = `
UPDATE deliveries SET state = 'expired', expired_at = $3, claimed_until = NULL
WHERE group_id = $1 AND alert_id <> $2 AND state = 'queued' AND member_id IS NULL`;

const PLAN_ALL_CLEAR = `
WITH warned AS (
  SELECT DISTINCT ON (household_id, channel) household_id, channel, language, severity FROM deliveries
  WHERE group_id = $1 AND kind IN ('warning', 'update') AND state IN ('sent', 'delivered', 'acknowledged')
  ORDER BY household_id, channel, id DESC
),
inserted AS (
  INSERT INTO deliveries (group_id, alert_id, household_id, channel, kind, language, severity, content_key, queued_at)
  SELECT $1, $2, household_id, channel, 'all_clear', language, severity, 'all_clear', $3 FROM warned
  ON CONFLICT (alert_id, household_id, channel, kind) DO NOTHING
  RETURNING channel
)
SELECT count(*) FILTER (WHERE channel = 'push')::int AS push, count(*) FILTER (WHERE channel = 'sms')::int AS sms FROM inserted`;

const MARK_ALL_CLEAR = `
INSERT INTO delivery_groups (group_id, all_clear_at, updated_at) VALUES ($1, $2, $2)
ON CONFLICT (group_id) DO UPDATE SET all_clear_at = excluded.all_clear_at, updated_at = excluded.updated_at
WHERE delivery_groups.all_clear_at IS NULL
RETURNING group_id`;

// Push that failed, or that no device confirmed within the window: SMS to the households that
// have a phone, for messages still in force.
const PLAN_SMS_FALLBACK = `
WITH stale AS (
  SELECT d.* FROM deliveries d
  WHERE d.channel = 'push' AND d.state IN ('sent', 'failed') AND d.kind IN ('warning', 'update')
    AND coalesce(d.sent_at, d.failed_at) > $1::timestamptz - interval '1 day'
    AND (d.state = 'failed' OR d.sent_at <= $1::timestamptz - make_interval(secs => $2))
    AND (d.expires_at IS NULL OR d.expires_at > $1)
),
inserted AS (
  INSERT INTO deliveries (group_id, alert_id, household_id, channel, kind, language, severity, content_key, expires_at, queued_at)
  SELECT s.group_id, s.alert_id, s.household_id, 'sms', s.kind, s.language, s.severity, s.content_key, s.expires_at, $1
  FROM stale s JOIN households h ON h.id = s.household_id AND h.valid_to IS NULL AND h.phone IS NOT NULL
  JOIN alert_groups g ON g.id = s.group_id AND g.state = 'active'
  ON CONFLICT (alert_id, household_id, channel, kind) DO NOTHING
  RETURNING id
)
SELECT count(*)::int AS sms FROM inserted`;

export interface PlanMessageInput {
  spec: TargetSpec;
  alertId: number;
  groupId: number;
  expiresAt: Date | null;
  /** The message's levels (one per distinct severity) and their content keys. */
  levels: MessageLevels;
  notBefore: ZonedNotBefore;
  now: Date;
  /** One slice: these villages only, or every village but these (default: the whole message). */
  slice?: { villages: readonly string[]; only: boolean };
  /** Village code → its place in the order of danger; the due rows come back in that order. */
  villageOrder?: Readonly<Record<string, number>>;
}

export interface PlanMessageCounts {
  targeted: number;
  /** Targeted, but already told the same in this group. */
  unchanged: number;
  /** Targeted, with neither a push subscription nor a phone. */
  unreachable: number;
  push: number;
  sms: number;
}

export interface PlannedMessage extends PlanMessageCounts {
  /** Ids of the new rows due now, already marked dispatched: the caller queues them (or the redispatch does, after REDISPATCH_AFTER_S). */
  due: { push: string[]; sms: string[] };
}

/** Earlier queued rows of the group are stale once this message stands: expired, in the transaction of its first slice. */
export async function supersedeQueued(tx: Queryable, groupId: number, alertId: number, now: Date): Promise<void> {
  await tx.query(SUPERSEDE_QUEUED, [groupId, alertId, now]);
}

/** The villages a message reached at ingest, most dangerous first, with their households (inside and margin). */
export async function villagesByDanger(
  db: Queryable,
  spec: TargetSpec,
  alertId: number,
  levels: MessageLevels,
): Promise<{ code: string; households: number }[]> {
  return many(db, VILLAGES_BY_DANGER, [JSON.stringify(spec), alertId, levels.multiLevel, JSON.stringify(levels.rankOfInfo)]);
}

/** Plans the rows of one slice of a warning or Update (the group's standing message); due rows come back in the order of danger. */
export async function planMessageDeliveries(tx: Queryable, input: PlanMessageInput): Promise<PlannedMessage> {
  const nb = input.notBefore;
  // One row always: the statement's last SELECT has no FROM, only scalar subqueries.
  const row = await one<PlanMessageCounts & { due_push: string[]; due_sms: string[] }>(tx, PLAN_MESSAGE, [
    JSON.stringify(input.spec),
    input.alertId,
    input.groupId,
    input.expiresAt,
    JSON.stringify(input.levels.contentKeys),
    JSON.stringify({ WIB: nb.WIB?.toISOString() ?? null, WITA: nb.WITA?.toISOString() ?? null, WIT: nb.WIT?.toISOString() ?? null }),
    input.now,
    input.levels.multiLevel,
    JSON.stringify(input.levels.rankOfInfo),
    JSON.stringify({ ...input.levels.severityOfRank, lead: input.levels.lead }),
    input.slice?.villages ?? [],
    input.slice?.only ?? false,
    JSON.stringify(input.villageOrder ?? {}),
  ]);
  const { due_push, due_sms, ...counts } = row;
  return { ...counts, due: { push: due_push, sms: due_sms } };
}

/** Plans the all-clear of a group once (Cancel or expiry): to each household warned, on each channel it was warned on. Undefined when already planned. */
export async function planAllClear(
  tx: Queryable,
  groupId: number,
  alertId: number,
  now: Date,
): Promise<{ push: number; sms: number } | undefined> {
  const marked = await maybeOne<{ group_id: number }>(tx, MARK_ALL_CLEAR, [groupId, now]);
  if (!marked) return undefined;
  await tx.query(SUPERSEDE_QUEUED, [groupId, -1, now]);
  return one<{ push: number; sms: number }>(tx, PLAN_ALL_CLEAR, [groupId, alertId, now]);
}

/** SMS rows for push deliveries that failed or were not confirmed within `windowSeconds`. */
export async function planSmsFallback(tx: Queryable, now: Date, windowSeconds: number): Promise<number> {
  return (await one<{ sms: number }>(tx, PLAN_SMS_FALLBACK, [now, windowSeconds])).sms;
}
