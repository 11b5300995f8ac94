// The hand-off from the CAP engine to residents: a stored message becomes ledger rows (planned
// set-based in SQL), and the due rows are dispatched in chunks. Only the group's standing message
// of a deliverable (Actual, Public) Alert or Update is sent; a Cancel sends the all-clear.
//   load → decide → plan rows slice by slice, most endangered villages first (one transaction
//   each, queued as soon as it commits) → dispatch due rows in chunks
// A crash between slices leaves the message awaiting; planning again adds only what is missing.
import { planAllClear, planMessageDeliveries, supersedeQueued, villagesByDanger, type PlanMessageCounts } from '../db/plan-deliveries.ts';
import { leadingSlices } from './danger-slices.ts';
import { loadDeliveryMessage } from '../db/delivery-messages.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { chunkIds, type DeliveryQueue } from './delivery-queue.ts';
import { dispatchDue } from './dispatch-due.ts';
import { infoFor, messageLevels } from './message-content.ts';
import { isLowUrgency, quietHoursNotBefore } from '../policy/quiet-hours.ts';

export interface DeliveryPlan {
  alertId: string;
  /** What was done: `planned` rows, an `all_clear`, or `skipped` with the reason. */
  action: 'planned' | 'all_clear' | 'skipped';
  reason?: string;
  targeted?: number;
  unchanged?: number;
  unreachable?: number;
  push: number;
  sms: number;
  /** Rows dispatched now (due ones; quiet-hours rows wait for the sweep). */
  dispatched: number;
}

export async function deliverMessage(deps: DeliveryDeps, queue: DeliveryQueue, alertId: string | number): Promise<DeliveryPlan> {
  const id = String(alertId);
  const skipped = (reason: string): DeliveryPlan => ({ alertId: id, action: 'skipped', reason, push: 0, sms: 0, dispatched: 0 });
  const message = await loadDeliveryMessage(deps.db, id);
  if (!message) return skipped('no such message');
  if (!message.deliverable) return skipped('not deliverable: only Actual, Public Alert/Update/Cancel messages reach residents');
  const now = deps.now();

  if (message.msg_type === 'Cancel') {
    const planned = await deps.db.transaction((tx) => planAllClear(tx, Number(message.group_id), Number(message.id), now));
    if (!planned) return skipped('the all-clear of this warning was already sent');
    return { alertId: id, action: 'all_clear', ...planned, dispatched: await dispatchDue(deps, queue) };
  }
  if (message.msg_type !== 'Alert' && message.msg_type !== 'Update') return skipped(`a ${message.msg_type} message is not for residents`);
  if (message.head_alert_id !== message.id) return skipped('superseded: a newer message of this warning stands');
  if (message.group_state !== 'active') return skipped('the warning was cancelled');
  if (message.expires && message.expires <= now) return skipped('the message has already expired');
  if (!message.target_spec) return skipped('the message has no targeting');

  const lead = infoFor(message, 'id');
  const notBefore = quietHoursNotBefore(now, deps.quietHours, isLowUrgency(lead?.urgency ?? 'Unknown', lead?.severity ?? 'Unknown'));
  const spec = message.target_spec;
  const levels = messageLevels(message);
  const villages = await villagesByDanger(deps.db, spec, Number(message.id), levels);
  const villageOrder = Object.fromEntries(villages.map((v, i) => [v.code, i]));
  const leading = leadingSlices(villages);
  const slices = [...leading.map((v) => ({ villages: v, only: true })), { villages: leading.flat(), only: false }];
  const counts: PlanMessageCounts = { targeted: 0, unchanged: 0, unreachable: 0, push: 0, sms: 0 };
  let queued = 0;
  for (const [i, slice] of slices.entries()) {
    const { due, ...sliceCounts } = await deps.db.transaction(async (tx) => {
      if (i === 0) await supersedeQueued(tx, Number(message.group_id), Number(message.id), now);
      return planMessageDeliveries(tx, {
        spec,
        alertId: Number(message.id),
        groupId: Number(message.group_id),
        expiresAt: message.expires,
        levels,
        notBefore,
        now,
        slice,
        villageOrder,
      });
    });
    for (const k of Object.keys(counts) as (keyof PlanMessageCounts)[]) counts[k] += sliceCounts[k];
    if (due.push.length + due.sms.length > 0)
      await queue.enqueue([...chunkIds('push', due.push, deps.chunkSize), ...chunkIds('sms', due.sms, deps.chunkSize)]);
    queued += due.push.length + due.sms.length;
  }
  // The new rows due now come back from planning already marked dispatched; other due rows (a stopped
  // process's, quiet hours that ended) still go through dispatchDue.
  const dispatched = queued + (await dispatchDue(deps, queue));
  return { alertId: id, action: 'planned', ...counts, dispatched };
}
