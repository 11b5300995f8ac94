// What the analyst is told after storing messages that await delivery: who will send them. On the
// embedded engine this command holds the data folder, so no service can be running; on PostgreSQL
// the delivery runtimes say they are alive every few seconds.
import type { Db } from '../db/db.ts';
import { liveDeliveryRuntimes } from '../db/delivery-handoffs.ts';

const ALIVE_WITHIN_S = 30;

export async function deliveryOutlook(db: Db, now: Date): Promise<string> {
  if (db.engine === 'pglite')
    return 'no service can run while this command holds the embedded database: they are delivered when `npm start` starts';
  const live = await liveDeliveryRuntimes(db, now, ALIVE_WITHIN_S);
  if (live.length === 0)
    return 'no delivery runtime is running: they wait for `npm start` or `siaga worker`, and go out as soon as one starts';
  const names = live
    .slice(0, 3)
    .map((r) => `${r.host} pid ${r.pid}`)
    .join(', ');
  return `the running delivery runtime${live.length > 1 ? 's' : ''} (${names}${live.length > 3 ? ', …' : ''}) take${live.length > 1 ? '' : 's'} them within seconds`;
}
