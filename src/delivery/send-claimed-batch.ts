// One batch of a chunk, for either channel: claim (with a fresh token) → prepare (database reads,
// rendering) → mark started → send → record. What each step does when the database goes away:
//   - the claim fails: nothing was taken (or the lease gives it back); the chunk fails and is retried;
//   - preparing or marking fails: nothing was sent, so the claims are given back as soon as the
//     database answers again, and the chunk fails;
//   - recording fails: the answers are kept in memory and recorded when the database is back, so a
//     push service that answered makes the row `sent`, never a guess.
// Only one batch per channel is between mark-started and record in a process at a time (the gate),
// so a killed worker leaves at most one batch whose outcome is unknown. The next batch is claimed
// and prepared (database reads, rendering) while the one before it waits for its answers, and then
// waits for the gate: claimed and not started, it is provably unsent if the worker dies there. A
// channel whose requests go out
// all at once (push) marks the batch started in one statement; a channel that paces its requests
// (SMS, by the gateway's throughput) marks each row as its turn comes, so a kill leaves unknown only
// the requests actually in flight, and the rows still waiting their turn provably unsent.
import {
  claimDeliveries,
  recordOutcomes,
  type ClaimedDelivery,
  type DeliveryChannel,
  type DeliveryOutcome,
} from '../db/delivery-claims.ts';
import { markRequestsStarted, releaseClaims } from '../db/delivery-leases.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { newClaimToken } from './delivery-runtime-id.ts';
import { persistently } from './persistently.ts';

/** Marks one row started right before its request leaves; false: the claim no longer holds it. */
export type StartRequest = () => Promise<boolean>;

/**
 * Per row: an outcome known without sending (no subscription, no phone), or the request to make.
 * A request answers undefined when it was not made because `start` said no.
 */
export type PreparedRow = DeliveryOutcome | ((start: StartRequest) => Promise<DeliveryOutcome | undefined>);

export interface BatchOptions {
  /** Each request calls `start` when its turn comes, instead of the whole batch being marked at once. */
  startEach?: boolean;
}

const gates: Record<DeliveryChannel, Promise<void>> = { push: Promise.resolve(), sms: Promise.resolve() };

/** Runs `work` once every earlier batch of `channel` in this process that reached the gate has settled. */
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

export async function sendClaimedBatch(
  deps: DeliveryDeps,
  channel: DeliveryChannel,
  ids: readonly string[],
  prepare: (claimed: ClaimedDelivery[]) => Promise<Map<string, PreparedRow>>,
  options: BatchOptions = {},
): Promise<{ claimed: number }> {
  const token = newClaimToken(deps.runtimeId);
  const claimed = await claimDeliveries(deps.db, channel, ids, deps.now(), deps.leaseSeconds, token);
  if (claimed.length === 0) return { claimed: 0 };
  const claimedIds = claimed.map((c) => c.id);
  const giveBack = (unsent: readonly string[], err: unknown) =>
    persistently(deps, `give back ${unsent.length} unsent ${channel} claims`, () => releaseClaims(deps.db, unsent, token)).then(() =>
      Promise.reject(err),
    );

  let prepared: Map<string, PreparedRow>;
  try {
    prepared = await prepare(claimed);
  } catch (err) {
    return giveBack(claimedIds, err);
  }
  return throughGate(channel, async () => {
    let startedTogether: Set<string> | undefined;
    if (!options.startEach) {
      const toSend = claimedIds.filter((id) => typeof prepared.get(id) === 'function');
      try {
        startedTogether = new Set(await markRequestsStarted(deps.db, toSend, token, deps.now(), deps.leaseSeconds));
      } catch (err) {
        return giveBack(claimedIds, err);
      }
    }
    // Rows whose own start failed (the database went away while they waited their turn): unsent.
    const unsent: string[] = [];
    let failure: { err: unknown } | undefined;
    const outcomes = await Promise.all(
      claimedIds.map(async (id): Promise<DeliveryOutcome | undefined> => {
        const row = prepared.get(id);
        if (row === undefined) return { id, state: 'failed', reason: 'nothing was prepared for this row' };
        if (typeof row !== 'function') return row;
        // A row no longer held by this claim (its lease ran out and a sweep settled it) is not sent.
        if (startedTogether) return startedTogether.has(id) ? row(() => Promise.resolve(true)) : undefined;
        let marking = false;
        const start = async () => {
          marking = true;
          const held = (await markRequestsStarted(deps.db, [id], token, deps.now(), deps.leaseSeconds)).length === 1;
          marking = false;
          return held;
        };
        try {
          return await row(start);
        } catch (err) {
          // Thrown while marking: the request never left. Thrown after: its lease will settle it.
          if (marking) unsent.push(id);
          failure ??= { err };
          return undefined;
        }
      }),
    );
    const known = outcomes.filter((o): o is DeliveryOutcome => o !== undefined);
    await persistently(deps, `record ${known.length} ${channel} outcomes`, () => recordOutcomes(deps.db, known, deps.now(), token));
    if (unsent.length > 0) await giveBack(unsent, failure?.err);
    if (failure) throw failure.err;
    return { claimed: claimed.length };
  });
}
