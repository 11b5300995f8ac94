// A liaison rejects a candidate: it stays, with who rejected it, when and why, for audit, and
// nothing is ever sent from it. Any one person may reject (a rejection sends nothing, so it needs
// no second pair of eyes), including the drafter withdrawing their own draft.
import { expirePendingCandidates, markRejected } from '../db/hazard-candidates.ts';
import { pendingCandidate } from './approve-candidate.ts';
import type { HazardReviewDeps } from './hazard-review-deps.ts';
import { HazardReviewError } from './hazard-review-error.ts';
import { reviewerName } from './reviewer-name.ts';

export async function rejectCandidate(
  deps: Pick<HazardReviewDeps, 'db' | 'now' | 'logger'>,
  id: number,
  by: string,
  reason: string,
): Promise<{ id: number; state: 'rejected' }> {
  const who = reviewerName(by);
  const why = reason.trim();
  if (why.length < 3) throw new HazardReviewError('invalid', 'reason: say why the candidate is rejected (at least 3 characters)');
  if (why.length > 1000) throw new HazardReviewError('invalid', 'reason: at most 1000 characters');
  const now = deps.now();
  await expirePendingCandidates(deps.db, now);
  await deps.db.transaction(async (tx) => {
    await pendingCandidate(tx, id);
    await markRejected(tx, id, now, who, why);
  });
  deps.logger.info({ candidate: id, by: who }, 'hazard candidate rejected');
  return { id, state: 'rejected' };
}
