// (a) The process dies after the warning was committed and before it was planned: every Siaga
// process is killed (SIGKILL), the warning is stored with its hand-off in one transaction while
// none runs, and they start again. The hand-off must be found and planned; nothing was sent before.
import { expect } from 'vitest';
import { describeFaultCase } from '../support/fault-case.ts';

describeFaultCase('a', 'kill -9 after the warning is committed, before planning', async (rig) => {
  await rig.killProcesses();
  const alertId = await rig.ingest('FAULT-A');
  const { rows } = await rig.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1`, [alertId]);
  expect(rows[0]?.n, 'nothing planned while no process runs').toBe(0);
  rig.startProcesses();
  return { alertId, faultEndedAt: Date.now() };
});
