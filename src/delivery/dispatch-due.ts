// Due queued rows → chunks on the queue. Used right after planning, by the periodic sweep (quiet
// hours that ended, SMS fallback rows), and at start-up (rows a stopped process left queued).
import { takeDueForDispatch } from '../db/delivery-claims.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { chunkIds, type DeliveryQueue } from './delivery-queue.ts';

const PAGE = 50_000;
/** A dispatched row still queued after this long is dispatched again (its job was lost). */
export const REDISPATCH_AFTER_S = 600;

export async function dispatchDue(deps: DeliveryDeps, queue: DeliveryQueue, options: { redispatchSeconds?: number } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await takeDueForDispatch(deps.db, deps.now(), options.redispatchSeconds ?? REDISPATCH_AFTER_S, PAGE);
    if (due.length === 0) return total;
    const push = due.filter((d) => d.channel === 'push').map((d) => d.id);
    const sms = due.filter((d) => d.channel === 'sms').map((d) => d.id);
    await queue.enqueue([...chunkIds('push', push, deps.chunkSize), ...chunkIds('sms', sms, deps.chunkSize)]);
    total += due.length;
    if (due.length < PAGE) return total;
  }
}
