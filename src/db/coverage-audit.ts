// The coverage audit: for a standing warning, what became of every household it targets. The
// targeted set is recomputed now with the same targeting SQL that planning uses (TARGET_CTE over
// the stored spec), so that a household registered after planning is counted too; each targeted
// household is then looked at once (a LATERAL over its ledger rows and its door knock) and put in
// exactly one class. The classes add up to the targeted count, which is what makes "unaccounted"
// meaningful: a household with a way to be told, no ledger row in the warning's group, and no
// hand-off state that explains why (awaiting, held, not for residents, reaches nobody).
//
// Ledger rows are the group's warning and update rows, not only this message's: a household told
// the same by an earlier message of the group gets no new row from an Update, and is covered.
import type { TargetSpec } from '../cap/build-target-spec.ts';
import { TARGET_CTE } from './alert-targeting.ts';
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';
import { readStoredTargetSpec } from './stored-target-spec.ts';

/** Each targeted household is in exactly one of these. */
export const COVERAGE_CLASSES = [
  'acknowledged',
  'delivered',
  'sent',
  'pending',
  'failed',
  'expired',
  'unreachable',
  'not_planned',
  'unaccounted',
] as const;
export type CoverageClass = (typeof COVERAGE_CLASSES)[number];

export interface CoverageAlert {
  id: string;
  identifier: string;
  sender: string;
  msg_type: string;
  event: string | null;
  severity: string | null;
  urgency: string | null;
  sent: string;
  expires: string | null;
  group_id: string;
  standing: boolean;
  handoff_state: string | null;
  handoff_reason: string | null;
  target_spec: TargetSpec | null;
}

export interface CoverageFigures {
  targeted: number;
  vulnerable: number;
  /** Households by class; the values add up to `targeted`. */
  households: Record<CoverageClass, number>;
  /** Households with a delivered or acknowledged row (acknowledged ones included). */
  delivered: number;
  acknowledged: number;
  /** No phone and no active push subscription. */
  unreachable: number;
  unreachable_vulnerable: number;
  /** Vulnerable households with no delivered or acknowledged row: the door knocks' work. */
  unreached_vulnerable: number;
  knocks: { open: number; done: number; stood_down: number; none: number };
  unaccounted: number;
  /** Up to 20 of the unaccounted households, for whoever looks into it. */
  unaccounted_sample: string[];
  ledger: { channel: string; state: string; n: number }[];
  failures: { channel: string; reason: string; n: number }[];
}

export type CoverageReport = Omit<CoverageAlert, 'target_spec'> & CoverageFigures;

const ALERT_COLUMNS = `
  a.id::text, a.identifier, a.sender, a.msg_type, a.event, a.severity, a.urgency,
  to_json(a.sent)#>>'{}' AS sent, to_json(a.expires)#>>'{}' AS expires, a.group_id::text,
  (g.head_alert_id = a.id AND g.state = 'active' AND g.merged_into IS NULL AND (g.expires IS NULL OR g.expires > $1)
    AND a.msg_type IN ('Alert', 'Update')) AS standing,
  h.state AS handoff_state, h.reason AS handoff_reason, a.target_spec
FROM alerts a JOIN alert_groups g ON g.id = a.group_id LEFT JOIN delivery_handoffs h ON h.alert_id = a.id`;

// Standing: the head of a group in force, an Alert or Update meant for residents.
const STANDING = `
SELECT ${ALERT_COLUMNS}
WHERE g.head_alert_id = a.id AND g.state = 'active' AND g.merged_into IS NULL AND (g.expires IS NULL OR g.expires > $1)
  AND a.msg_type IN ('Alert', 'Update') AND a.deliverable
ORDER BY a.sent DESC, a.id DESC`;

// An id names Siaga's alert; anything else is a CAP identifier (its latest message).
const ONE_ALERT = `
SELECT ${ALERT_COLUMNS}
WHERE ($2 ~ '^[0-9]{1,18}$' AND a.id = ($2)::bigint) OR a.identifier = $2
ORDER BY (a.identifier = $2) ASC, a.sent DESC, a.id DESC LIMIT 1`;

const FIGURES = `${TARGET_CTE},
subject AS (
  SELECT a.group_id, h.state AS handoff_state FROM alerts a LEFT JOIN delivery_handoffs h ON h.alert_id = a.id WHERE a.id = $2
),
household AS MATERIALIZED (
  SELECT t.id, hh.vulnerable > 0 AS vulnerable,
         (hh.phone IS NOT NULL OR EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.household_id = t.id AND p.active)) AS has_channel,
         l.n_rows, l.acknowledged, l.reached, l.sent, l.pending, l.failed, k.state AS knock_state
  FROM (SELECT DISTINCT id FROM targeted_household) AS t
  JOIN households hh ON hh.id = t.id AND hh.valid_to IS NULL
  CROSS JOIN subject s
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS n_rows,
           coalesce(bool_or(d.state = 'acknowledged'), false) AS acknowledged,
           coalesce(bool_or(d.state IN ('delivered', 'acknowledged')), false) AS reached,
           coalesce(bool_or(d.state = 'sent'), false) AS sent,
           coalesce(bool_or(d.state IN ('queued', 'sending')), false) AS pending,
           coalesce(bool_or(d.state = 'failed'), false) AS failed
    FROM deliveries d WHERE d.group_id = s.group_id AND d.household_id = t.id AND d.kind IN ('warning', 'update')
  ) AS l
  LEFT JOIN LATERAL (
    SELECT k.state FROM tagana_tasks k WHERE k.group_id = s.group_id AND k.kind = 'door_knock' AND k.household_id = t.id
  ) AS k ON true
),
classified AS (
  SELECT h.*, CASE
      WHEN h.acknowledged THEN 'acknowledged'
      WHEN h.reached THEN 'delivered'
      WHEN h.sent THEN 'sent'
      WHEN h.pending THEN 'pending'
      WHEN h.failed THEN 'failed'
      WHEN h.n_rows > 0 THEN 'expired'
      WHEN NOT h.has_channel THEN 'unreachable'
      WHEN (SELECT handoff_state FROM subject) IN ('awaiting', 'held', 'not_for_residents', 'reaches_nobody') THEN 'not_planned'
      ELSE 'unaccounted' END AS class
  FROM household h
),
ledger AS (
  SELECT d.channel, d.state, d.failure_reason FROM household h CROSS JOIN subject s
  JOIN deliveries d ON d.group_id = s.group_id AND d.household_id = h.id AND d.kind IN ('warning', 'update')
  WHERE h.n_rows > 0
),
unreached_vulnerable AS (SELECT knock_state FROM classified WHERE vulnerable AND class NOT IN ('acknowledged', 'delivered'))
SELECT
  (SELECT count(*) FROM classified)::int AS targeted,
  (SELECT count(*) FILTER (WHERE vulnerable) FROM classified)::int AS vulnerable,
  (SELECT coalesce(jsonb_object_agg(class, n), '{}'::jsonb) FROM (SELECT class, count(*)::int AS n FROM classified GROUP BY class) AS c) AS households,
  (SELECT count(*) FILTER (WHERE reached) FROM classified)::int AS delivered,
  (SELECT count(*) FILTER (WHERE acknowledged) FROM classified)::int AS acknowledged,
  (SELECT count(*) FILTER (WHERE NOT has_channel) FROM classified)::int AS unreachable,
  (SELECT count(*) FILTER (WHERE NOT has_channel AND vulnerable) FROM classified)::int AS unreachable_vulnerable,
  (SELECT count(*) FROM unreached_vulnerable)::int AS unreached_vulnerable,
  (SELECT jsonb_build_object(
     'open', count(*) FILTER (WHERE knock_state IN ('open', 'acknowledged', 'in_progress')),
     'done', count(*) FILTER (WHERE knock_state = 'done'),
     'stood_down', count(*) FILTER (WHERE knock_state = 'stood_down'),
     'none', count(*) FILTER (WHERE knock_state IS NULL)) FROM unreached_vulnerable) AS knocks,
  (SELECT count(*) FILTER (WHERE class = 'unaccounted') FROM classified)::int AS unaccounted,
  (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM (SELECT id FROM classified WHERE class = 'unaccounted' ORDER BY id LIMIT 20) AS u) AS unaccounted_sample,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('channel', channel, 'state', state, 'n', n) ORDER BY channel, state), '[]'::jsonb)
     FROM (SELECT channel, state, count(*)::int AS n FROM ledger GROUP BY 1, 2) AS x) AS ledger,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('channel', channel, 'reason', reason, 'n', n) ORDER BY n DESC, channel, reason), '[]'::jsonb)
     FROM (SELECT channel, failure_reason AS reason, count(*)::int AS n FROM ledger WHERE state = 'failed' GROUP BY 1, 2) AS x) AS failures`;

type StoredCoverageAlert = Omit<CoverageAlert, 'target_spec'> & {
  target_spec: unknown;
};

function readCoverageAlert(row: StoredCoverageAlert): CoverageAlert {
  return { ...row, target_spec: readStoredTargetSpec(row.target_spec, row.id) };
}

/** The standing warnings meant for residents, newest first. */
export async function standingWarnings(db: Queryable, now: Date): Promise<CoverageAlert[]> {
  return (await many<StoredCoverageAlert>(db, STANDING, [now])).map(readCoverageAlert);
}

/** One message by Siaga's id or CAP identifier (standing or not); undefined when there is none. */
export async function findCoverageAlert(db: Queryable, alert: string, now: Date): Promise<CoverageAlert | undefined> {
  const row = await maybeOne<StoredCoverageAlert>(db, ONE_ALERT, [now, alert]);
  return row && readCoverageAlert(row);
}

/** The figures of one message: one statement, the households never leave the database. */
export async function coverageFigures(db: Queryable, alert: CoverageAlert): Promise<CoverageFigures> {
  // No stored targeting: the same empty spec planning would see (it plans nothing for it).
  const spec = alert.target_spec ?? {
    polygons: [],
    circles: [],
    geocodes: [],
    marginM: 0,
  };
  const row = await one<
    Omit<CoverageFigures, 'households'> & {
      households: Partial<Record<CoverageClass, number>>;
    }
  >(db, FIGURES, [JSON.stringify(spec), alert.id]);
  const households = Object.fromEntries(COVERAGE_CLASSES.map((c) => [c, row.households[c] ?? 0])) as Record<CoverageClass, number>;
  // Rebuilt in a fixed key order: jsonb sorts keys by length, which reads badly in --json output.
  return {
    ...row,
    households,
    knocks: {
      open: Number(row.knocks.open),
      done: Number(row.knocks.done),
      stood_down: Number(row.knocks.stood_down),
      none: Number(row.knocks.none),
    },
    ledger: row.ledger.map((l) => ({
      channel: l.channel,
      state: l.state,
      n: l.n,
    })),
    failures: row.failures.map((f) => ({
      channel: f.channel,
      reason: f.reason,
      n: f.n,
    })),
  };
}

export async function coverageReport(db: Queryable, alert: CoverageAlert): Promise<CoverageReport> {
  const { target_spec: _spec, ...rest } = alert;
  return { ...rest, ...(await coverageFigures(db, alert)) };
}

/** Every standing warning's report (or the one asked for); undefined when the one asked for does not exist. */
export async function coverageReports(db: Queryable, now: Date, alert?: string): Promise<CoverageReport[] | undefined> {
  if (alert !== undefined) {
    const found = await findCoverageAlert(db, alert, now);
    return found ? [await coverageReport(db, found)] : undefined;
  }
  const reports: CoverageReport[] = [];
  for (const a of await standingWarnings(db, now)) reports.push(await coverageReport(db, a));
  return reports;
}
