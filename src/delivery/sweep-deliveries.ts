// The periodic pass that keeps the ledger moving without anyone watching: rows a stopped worker
// left `sending` are settled once it is known dead or their lease is over (never started: queued again; started:
// sent, outcome unknown — src/db/delivery-leases.ts); rows past their message's expiry end
// `expired`; warnings whose time ran out get their all-clear; push that failed or went unconfirmed
// gets the SMS fallback; rows of unknown outcome left unconfirmed are queued again; and every due queued row (quiet hours over, lost jobs) is dispatched.
// Every step is an idempotent statement, so any number of replicas may sweep.
import { expireLate, type RedispatchWindows } from '../db/delivery-claims.ts';
import { applyKeptReceiptsByReference, requeueUnconfirmed, settleExpiredClaims } from '../db/delivery-leases.ts';
import { expiredGroupsWithoutAllClear } from '../db/delivery-messages.ts';
import { planAllClear, planSmsFallback } from '../db/plan-deliveries.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import { deadRuntimeIds } from './dead-runtimes.ts';
import { dispatchDue } from './dispatch-due.ts';

export interface SweepSummary {
  /** Claims whose lease ran out: queued again (never started). */
  requeued: number;
  /** Claims whose lease ran out after the request started: sent, outcome unknown. */
  unknown: number;
  /** Claims whose lease ran out too often before sending: failed. */
  abandoned: number;
  expired: number;
  allClears: number;
  smsFallback: number;
  /** SMS of unknown outcome never confirmed by a receipt, queued again. */
  smsUnconfirmed: number;
  /** Push of unknown outcome never confirmed by the device, queued again. */
  pushUnconfirmed: number;
  dispatched: number;
}

export async function sweepDeliveries(deps: DeliveryDeps, queue: DeliveryQueue, windows?: RedispatchWindows): Promise<SweepSummary> {
  const now = deps.now();
  const {
    requeued,
    unknown,
    failed: abandoned,
  } = await settleExpiredClaims(deps.db, now, await deadRuntimeIds(deps.db, now, deps.runtimeId));
  const expired = await expireLate(deps.db, now);
  let allClears = 0;
  for (const g of await expiredGroupsWithoutAllClear(deps.db, now)) {
    const planned = await deps.db.transaction((tx) => planAllClear(tx, Number(g.group_id), Number(g.head_alert_id), now));
    if (planned) allClears += 1;
  }
  const smsFallback = await planSmsFallback(deps.db, now, deps.smsFallbackSeconds);
  // A receipt that came before its row was settled confirms it whether or not SMS are ever sent again.
  await applyKeptReceiptsByReference(deps.db);
  const smsAfter = deps.smsUnconfirmedResendSeconds ?? 0;
  const smsUnconfirmed = deps.sms?.confirmsByReference && smsAfter > 0 ? await requeueUnconfirmed(deps.db, 'sms', now, smsAfter) : 0;
  const pushAfter = deps.pushUnconfirmedResendSeconds ?? 0;
  const pushUnconfirmed = deps.push && pushAfter > 0 ? await requeueUnconfirmed(deps.db, 'push', now, pushAfter) : 0;
  const dispatched = await dispatchDue(deps, queue, windows);
  const summary = { requeued, unknown, abandoned, expired, allClears, smsFallback, smsUnconfirmed, pushUnconfirmed, dispatched };
  if (requeued + unknown + abandoned + expired + allClears + smsFallback + smsUnconfirmed + pushUnconfirmed + dispatched > 0)
    deps.logger.info(summary, 'delivery sweep');
  return summary;
}
