// What `cap ingest` says about one document: the shape of its --json output.
import type { CapAlert, Issue } from '../cap/cap-types.ts';
import { alertLanguages } from '../cap/merge-translation.ts';
import type { TimeAlarm } from '../cap/time-alarm.ts';
import type { TargetVillage } from '../db/alert-targeting.ts';
import type { HandoffState } from '../db/delivery-handoffs.ts';

/**
 * - `new`: a message not seen before (an Alert, or an Ack/Error)
 * - `translation`: another language of a stored message (same sender, identifier, sent)
 * - `update` / `cancel`: an Update or Cancel, joined to the group of what it references
 * - `duplicate`: the same bytes or the same parsed content again; no effect
 * - `rejected`: refused or invalid (see errors), or a different document reusing a stored identity
 */
export type IngestOutcome = 'new' | 'translation' | 'update' | 'cancel' | 'duplicate' | 'rejected';

export interface IngestResult {
  file: string;
  identity: { sender: string; identifier: string; sent: string } | null;
  msgType: string | null;
  status: string | null;
  outcome: IngestOutcome;
  /** Languages of the whole message after this document (all stored translations). */
  languages: string[];
  event: string | null;
  severity: string | null;
  urgency: string | null;
  certainty: string | null;
  /** The latest expiry delivery acts on: the document's, or the safe reading when its times contradict (timeAlarms). */
  expires: string | null;
  villages: TargetVillage[];
  households: { inside: number; margin_only: number; district_outside: number };
  /** Paths of the polygons and circles that touch no imported village: outside Siaga's coverage. */
  outsideCoverage: string[];
  /** True when the message's latest expiry is already past by Siaga's clock: it warns nobody any more. */
  expired: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Times that contradict each other or the clock, with the reading used: alarms for the liaison (none for a duplicate). */
  timeAlarms: TimeAlarm[];
  dryRun: boolean;
  /** Stored ids (also present in a dry run, where they name rows that were rolled back). */
  alertId: number | null;
  group: {
    id: number;
    state: 'active' | 'cancelled';
    /** True when a newer message of the group already stands, so this one changes nothing for residents. */
    superseded: boolean;
    references: { resolved: number; pending: number };
  } | null;
  /** Only Actual, Public Alert/Update/Cancel messages may reach residents. */
  deliverable: boolean;
  /** The hand-off to delivery recorded with a stored message (null when nothing was stored). */
  delivery: { state: HandoffState; reason: string | null } | null;
}

/** A result with nothing done yet: outcome `rejected` until the ingest says otherwise. */
export function blankResult(file: string, dryRun: boolean, alert?: CapAlert, errors: Issue[] = []): IngestResult {
  return {
    file,
    identity: alert ? { sender: alert.sender, identifier: alert.identifier, sent: alert.sent.raw } : null,
    msgType: alert?.msgType ?? null,
    status: alert?.status ?? null,
    outcome: 'rejected',
    languages: alert ? alertLanguages(alert) : [],
    event: null,
    severity: null,
    urgency: null,
    certainty: null,
    expires: null,
    villages: [],
    households: { inside: 0, margin_only: 0, district_outside: 0 },
    outsideCoverage: [],
    expired: false,
    errors,
    warnings: [],
    timeAlarms: [],
    dryRun,
    alertId: null,
    group: null,
    deliverable: false,
    delivery: null,
  };
}
