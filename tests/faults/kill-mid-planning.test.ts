// (b) The process dies in the middle of planning: the test holds the ledger table locked, so the
// runtime that claimed the warning is caught writing its ledger rows (seen waiting in
// pg_stat_activity); every Siaga process is then killed (SIGKILL), the lock let go, and they start
// again. The orphaned statement may still commit on the server after its client died: the rows it
// wrote were never dispatched, and must go out all the same, once.
import pg from 'pg';
import { expect, vi } from 'vitest';
import { describeFaultCase } from '../support/fault-case.ts';

describeFaultCase('b', 'kill -9 in the middle of planning', async (rig) => {
  const lock = new pg.Client({ connectionString: rig.url });
  await lock.connect();
  await lock.query('BEGIN');
  await lock.query('LOCK TABLE deliveries IN EXCLUSIVE MODE');
  const alertId = await rig.ingest('FAULT-B');
  await vi.waitFor(
    async () => {
      const { rows } = await rig.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%deliveries%' AND pid <> $1`,
        [(lock as unknown as { processID: number }).processID],
      );
      expect(rows[0]?.n, 'a runtime planning the warning, blocked on the ledger').toBeGreaterThan(0);
    },
    { timeout: 60_000, interval: 20 },
  );
  await rig.killProcesses();
  await lock.query('ROLLBACK');
  await lock.end();
  rig.startProcesses();
  return { alertId, faultEndedAt: Date.now() };
});
