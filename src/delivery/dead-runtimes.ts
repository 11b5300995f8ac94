// Which delivery runtimes are gone, so that the rows they had claimed are settled now instead of
// when their lease runs out (a lease must outlast the slowest batch; a dead process should not
// keep households waiting that long). Gone means: on this host, its process no longer exists; on
// any host, it stopped saying it is alive for STALE_AFTER_S. A runtime wrongly called dead loses
// nothing: a row it had not started goes to another worker and it may no longer start it, and a
// row it had started is kept as sent until its own answer is recorded.
import { hostname } from 'node:os';
import type { Queryable } from '../db/db.ts';
import { deliveryRuntimes } from '../db/delivery-handoffs.ts';

/** A live runtime records itself this often. */
export const RUNTIME_HEARTBEAT_MS = 5_000;
/** Four heartbeats missed: dead (a database restart of a few seconds does not kill anyone). */
export const STALE_AFTER_S = 20;

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists and belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function deadRuntimeIds(db: Queryable, now: Date, self: string): Promise<string[]> {
  const here = hostname();
  return (await deliveryRuntimes(db))
    .filter((r) => r.id !== self)
    .filter(
      (r) =>
        now.getTime() - r.seen_at.getTime() > STALE_AFTER_S * 1000 || (r.host === here && r.pid !== process.pid && !processExists(r.pid)),
    )
    .map((r) => r.id);
}
