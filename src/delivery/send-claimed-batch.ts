// One batch of a chunk, for either channel: claim (with a fresh token) → prepare (database reads,
// rendering) → mark started → send → record. What each step does when the database goes away:
//   - the claim fails: nothing was taken (or the lease gives it back); the chunk fails and is retried;
//   - preparing or marking fails: nothing was sent, so the claims are given back as soon as the
//     database answers again, and the chunk fails;
//   - recording fails: the answers are kept in memory and recorded when the database is back, so a
//     push service that answered makes the row `sent`, never a guess.
// Only one batch per channel is between claim and record in a process at a time (the gate), so a
// killed worker leaves at most one batch whose outcome is unknown.
import { randomUUID } from 'node:crypto';
import { claimDeliveries, recordOutcomes, type ClaimedDelivery, type DeliveryChannel, type DeliveryOutcome } from '../db/delivery-claims.ts';
import { markRequestsStarted, releaseClaims } from '../db/delivery-leases.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { persistently } from './persistently.ts';

/** Per row: an outcome known without sending (no subscription, no phone), or the request to make. */
export type PreparedRow = DeliveryOutcome | (() => Promise<DeliveryOutcome>);

const gates: Record<DeliveryChannel, Promise<void>> = { push: Promise.resolve(), sms: Promise.resolve() };

/** Runs `work` once every earlier batch of `channel` in this process has settled. */
async function throughGate<T>(channel: DeliveryChannel, work: () => Promise<T>): Promise<T> {
  const before = gates[channel];
  let done = () => undefined as void;
  gates[channel] = new Promise<void>((resolve) => (done = resolve));
  await before;
  try {
    return await work();
  } finally {
    done();
  }
}

export function sendClaimedBatch(
  deps: DeliveryDeps,
  channel: DeliveryChannel,
  ids: readonly string[],
  prepare: (claimed: ClaimedDelivery[]) => Promise<Map<string, PreparedRow>>,
): Promise<{ claimed: number }> {
  return throughGate(channel, async () => {
    const token = randomUUID();
    const claimed = await claimDeliveries(deps.db, channel, ids, deps.now(), deps.leaseSeconds, token);
    if (claimed.length === 0) return { claimed: 0 };
    const claimedIds = claimed.map((c) => c.id);
    const giveBack = (err: unknown) => persistently(deps, `give back ${claimedIds.length} unsent ${channel} claims`, () => releaseClaims(deps.db, claimedIds, token)).then(() => Promise.reject(err));

    let prepared: Map<string, PreparedRow>;
    let started: Set<string>;
    try {
      prepared = await prepare(claimed);
      const toSend = claimedIds.filter((id) => typeof prepared.get(id) === 'function');
      started = new Set(await markRequestsStarted(deps.db, toSend, token, deps.now(), deps.leaseSeconds));
    } catch (err) {
      return giveBack(err);
    }
    const outcomes = await Promise.all(
      claimedIds.map(async (id): Promise<DeliveryOutcome | undefined> => {
        const row = prepared.get(id);
        if (row === undefined) return { id, state: 'failed', reason: 'nothing was prepared for this row' };
        if (typeof row !== 'function') return row;
        // A row no longer held by this claim (its lease ran out and a sweep settled it) is not sent.
        return started.has(id) ? row() : undefined;
      }),
    );
    const known = outcomes.filter((o): o is DeliveryOutcome => o !== undefined);
    await persistently(deps, `record ${known.length} ${channel} outcomes`, () => recordOutcomes(deps.db, known, deps.now(), token));
    return { claimed: claimed.length };
  });
}
