// A liaison approves a candidate. The rules: only a pending, unexpired candidate; never by the one
// who drafted it; under four-eyes, two approvals by two different people. The final approval issues
// the CAP alert (src/hazards/candidate-to-cap.ts) through the CAP engine in the same transaction as
// the approval, so a candidate is approved with its alert or not at all; the alert is then handed
// to delivery exactly as a feed run hands on its new warnings.
//   expire stale → lock → check rules → record approval → (final) issue alert, mark approved → hand on
import { unsignedCap } from '../cap/sign-cap.ts';
import { ingestCapInTransaction } from '../alerts/ingest-cap-document.ts';
import { writeCap } from '../cap/write-cap.ts';
import {
  approversOf,
  expirePendingCandidates,
  insertApproval,
  lockCandidate,
  markApproved,
  type LockedCandidate,
} from '../db/hazard-candidates.ts';
import type { Queryable } from '../db/db.ts';
import { candidateToCap } from './candidate-to-cap.ts';
import type { HazardReviewDeps } from './hazard-review-deps.ts';
import { HazardReviewError } from './hazard-review-error.ts';
import { reviewerName, samePerson } from './reviewer-name.ts';
import { readStoredRings, readStoredRule } from './stored-rule.ts';

export interface ApprovalResult {
  id: number;
  state: 'pending' | 'approved';
  approvals: string[];
  required: number;
  alert?: { id: number; identifier: string; villages: number; households: number; deliverable: boolean };
  /** The issued alert's hand-off to delivery was recorded with it; false with the reason when it is not for residents. */
  handedOn?: boolean;
  handOnError?: string;
}

export async function approveCandidate(deps: HazardReviewDeps, id: number, by: string): Promise<ApprovalResult> {
  const approver = reviewerName(by);
  const now = deps.now();
  await expirePendingCandidates(deps.db, now);
  const result = await deps.db.transaction(async (tx): Promise<ApprovalResult> => {
    const c = await pendingCandidate(tx, id);
    // Expired since the sweep above (a matter of milliseconds): refused the same way.
    if (new Date(c.expires_at) <= now) throw new HazardReviewError('already_decided', `hazard candidate ${id} expired at ${c.expires_at}`);
    if (samePerson(c.drafted_by, approver))
      throw new HazardReviewError('not_allowed', `${approver} drafted candidate ${id} and cannot approve it; another person must`);
    const approvals = await approversOf(tx, id);
    if (approvals.some((a) => samePerson(a, approver))) {
      throw new HazardReviewError(
        'not_allowed',
        `${approver} has already approved candidate ${id}; the second approval must come from another person`,
      );
    }
    await insertApproval(tx, id, approver, now);
    approvals.push(approver);
    if (approvals.length < deps.approvalsRequired) return { id, state: 'pending', approvals, required: deps.approvalsRequired };
    return { id, state: 'approved', approvals, required: deps.approvalsRequired, alert: await issueAlert(deps, tx, c, approvals, now) };
  });
  if (result.alert) {
    // The hand-off to delivery was committed with the alert; the call below only wakes delivery in
    // this process (the service's), and a failure of it delays nothing past the next poll.
    result.handedOn = result.alert.deliverable;
    if (!result.alert.deliverable) result.handOnError = 'the message is not deliverable';
    else
      await deps
        .handOn?.([result.alert.id])
        .catch((err: unknown) => deps.logger.warn({ err, candidate: id }, 'could not wake delivery; it takes the alert at its next poll'));
  }
  deps.logger.info(
    { candidate: id, by: approver, state: result.state, alert: result.alert?.identifier },
    result.state === 'approved' ? 'hazard candidate approved and issued' : 'hazard candidate approval recorded',
  );
  return result;
}

/** The candidate, locked; refused when unknown or no longer pending. */
export async function pendingCandidate(tx: Queryable, id: number): Promise<LockedCandidate> {
  const c = await lockCandidate(tx, id);
  if (!c) throw new HazardReviewError('not_found', `no hazard candidate ${id}`);
  if (c.state !== 'pending') {
    const how =
      c.state === 'approved'
        ? `approved (alert ${c.alert_identifier ?? '?'})`
        : c.state === 'expired'
          ? `expired at ${c.expires_at}`
          : 'rejected';
    throw new HazardReviewError('already_decided', `hazard candidate ${id} is already ${how}`);
  }
  return c;
}

async function issueAlert(
  deps: HazardReviewDeps,
  tx: Queryable,
  c: LockedCandidate,
  approvers: string[],
  now: Date,
): Promise<NonNullable<ApprovalResult['alert']>> {
  const draft = candidateToCap(
    {
      id: c.id,
      product: c.product,
      productTime: new Date(c.product_time),
      threshold: c.threshold,
      unit: c.unit,
      rule: readStoredRule(c.rule, c.id),
      rings: readStoredRings(c.rings, c.id),
      areaKm2: c.area_km2,
      villages: c.affected_villages,
      approvers,
    },
    { sender: deps.sender, sent: now },
  );
  const ingested = await ingestCapInTransaction(
    tx,
    { source: `hazard-candidate:${c.id}`, bytes: (deps.signCap ?? unsignedCap)(writeCap(draft)) },
    { ...deps.ingest, handoff: { intake: `hazard:${c.id}`, mode: 'deliver', graceSeconds: 0 } },
  );
  if (ingested.outcome !== 'new' || ingested.alertId === null) {
    // Our own message refused (or its identity taken): nothing of the approval may stand.
    const why = ingested.errors.map((e) => `${e.path}: ${e.message}`).join('; ') || `outcome ${ingested.outcome}`;
    throw new Error(`the CAP message for hazard candidate ${c.id} was not stored (${why}); the approval is rolled back`);
  }
  await markApproved(tx, c.id, now, ingested.alertId, draft.identifier);
  return {
    id: ingested.alertId,
    identifier: draft.identifier,
    villages: ingested.villages.length,
    households: ingested.households.inside,
    deliverable: ingested.deliverable,
  };
}
