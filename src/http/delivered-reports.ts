// Devices report pushes shown by the thousand within a minute of a big warning (each service
// worker as soon as its notification is up). The reports that arrive together are written in one
// statement — those of one turn of the event loop, at most MAX_BATCH — instead of an UPDATE each,
// which under a national fan-out competed with the fan-out itself for the database. Each report
// still gets its own answer: whether its row was marked.
import type { Queryable } from '../db/db.ts';
import { markPushDelivered } from '../db/acknowledgements.ts';

const MAX_BATCH = 500;

interface Waiting {
  id: string;
  resolve: (marked: boolean) => void;
  reject: (err: unknown) => void;
}

export interface DeliveredReports {
  /** Marks the push `deliveryId` delivered, with the other reports of the moment; true when its row was marked. */
  report(deliveryId: string): Promise<boolean>;
}

export function createDeliveredReports(db: Queryable, now: () => Date): DeliveredReports {
  let waiting: Waiting[] = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    try {
      const marked = new Set(await markPushDelivered(db, [...new Set(batch.map((w) => w.id))], now()));
      for (const w of batch) w.resolve(marked.has(w.id));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };
  return {
    report: (deliveryId) =>
      new Promise<boolean>((resolve, reject) => {
        waiting.push({ id: deliveryId, resolve, reject });
        if (waiting.length >= MAX_BATCH) void flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      }),
  };
}
