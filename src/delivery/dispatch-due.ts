// Due queued rows → chunks on the queue. Used right after planning, by the periodic sweep (quiet
// hours that ended, SMS fallback rows), and at start-up (rows a stopped process left queued).
import { takeDueForDispatch, type RedispatchWindows } from '../db/delivery-claims.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { chunkIds, type DeliveryQueue } from './delivery-queue.ts';

const PAGE = 50_000;
/**
 * A dispatched row still queued is dispatched again after REDISPATCH_IDLE_S when its channel has
 * claimed nothing for as long (its job was lost with Redis, or gave up while PostgreSQL was away),
 * and after REDISPATCH_AFTER_S in any case. With the sweep every DELIVERY_SWEEP_S (10 s) a lost job's
 * rows go out again within about 30 s.
 */
export const REDISPATCH_IDLE_S = 20;
export const REDISPATCH_AFTER_S = 600;

/** Both windows 0: every due queued row (a process starting with an in-process queue, whose jobs died with it). */
export const REDISPATCH_ALL: RedispatchWindows = { idleSeconds: 0, staleSeconds: 0 };

export async function dispatchDue(deps: DeliveryDeps, queue: DeliveryQueue, windows?: RedispatchWindows): Promise<number> {
  const w = windows ?? { idleSeconds: deps.redispatchIdleSeconds ?? REDISPATCH_IDLE_S, staleSeconds: REDISPATCH_AFTER_S };
  let total = 0;
  for (;;) {
    const due = await takeDueForDispatch(deps.db, deps.now(), w, PAGE);
    if (due.length === 0) return total;
    const push = due.filter((d) => d.channel === 'push').map((d) => d.id);
    const sms = due.filter((d) => d.channel === 'sms').map((d) => d.id);
    await queue.enqueue([...chunkIds('push', push, deps.chunkSize), ...chunkIds('sms', sms, deps.chunkSize)]);
    total += due.length;
    if (due.length < PAGE) return total;
  }
}
