// The periodic pass that keeps the ledger moving without anyone watching: rows a stopped worker
// left `sending` end `failed` once their lease is over; rows past their message's expiry end
// `expired`; warnings whose time ran out get their all-clear; push that failed or went unconfirmed
// gets the SMS fallback; and every due queued row (quiet hours over, lost jobs) is dispatched.
// Every step is an idempotent statement, so any number of replicas may sweep.
import { expireLate, releaseInterrupted } from '../db/delivery-claims.ts';
import { expiredGroupsWithoutAllClear } from '../db/delivery-messages.ts';
import { planAllClear, planSmsFallback } from '../db/plan-deliveries.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import { dispatchDue } from './dispatch-due.ts';

export interface SweepSummary {
  interrupted: number;
  expired: number;
  allClears: number;
  smsFallback: number;
  dispatched: number;
}

export async function sweepDeliveries(deps: DeliveryDeps, queue: DeliveryQueue, options: { redispatchSeconds?: number } = {}): Promise<SweepSummary> {
  const now = deps.now();
  const interrupted = await releaseInterrupted(deps.db, now);
  const expired = await expireLate(deps.db, now);
  let allClears = 0;
  for (const g of await expiredGroupsWithoutAllClear(deps.db, now)) {
    const planned = await deps.db.transaction((tx) => planAllClear(tx, Number(g.group_id), Number(g.head_alert_id), now));
    if (planned) allClears += 1;
  }
  const smsFallback = await planSmsFallback(deps.db, now, deps.smsFallbackSeconds);
  const dispatched = await dispatchDue(deps, queue, options);
  const summary = { interrupted, expired, allClears, smsFallback, dispatched };
  if (interrupted + expired + allClears + smsFallback + dispatched > 0) deps.logger.info(summary, 'delivery sweep');
  return summary;
}
