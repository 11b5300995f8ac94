// (c) The processes die in the middle of the fan-out: once a third of the push messages have
// arrived at the local push service, every Siaga process is killed (SIGKILL) with batches in
// flight, and they start again. (tests/delivery/fanout-kill-restart.test.ts kills one worker of a
// 100,000-household fan-out and checks the ledger; this case adds SMS, the 60 s bound and the
// count of lost and doubled messages at the stand-ins.)
import { describeFaultCase, expectedChannels, waitUntilCount } from '../support/fault-case.ts';

describeFaultCase('c', 'kill -9 in the middle of the fan-out', async (rig) => {
  const expected = await expectedChannels(rig);
  const alertId = await rig.ingest('FAULT-C');
  await waitUntilCount('push received', () => rig.push.received.length, Math.ceil(expected.push / 3));
  await rig.killProcesses();
  rig.startProcesses();
  return { alertId, faultEndedAt: Date.now() };
});
