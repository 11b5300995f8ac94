// (f) PostgreSQL stops (fast shutdown: every connection ended with 57P01) in the middle of the
// fan-out, stays away 10 s and starts again. The Siaga processes are not restarted: they must
// survive the dropped connections, reconnect, and finish the fan-out with a true ledger.
import { describeFaultCase, expectedChannels, waitUntilCount } from '../support/fault-case.ts';

const DOWN_MS = 10_000;

describeFaultCase('f', 'PostgreSQL restarted in the middle of the fan-out', async (rig) => {
  const expected = await expectedChannels(rig);
  const alertId = await rig.ingest('FAULT-F');
  await waitUntilCount('push received', () => rig.push.received.length, Math.ceil(expected.push / 3));
  await rig.restartPostgres(DOWN_MS);
  return { alertId, faultEndedAt: Date.now() };
});
