// (e) Redis dies (SIGKILL, no persistence: every queued job and lock is gone) in the middle of the
// fan-out and starts again empty. The Siaga processes are not restarted: they must reconnect on
// their own and the lost jobs must be dispatched again.
import { describeFaultCase, expectedChannels, waitUntilCount } from '../support/fault-case.ts';

describeFaultCase('e', 'Redis restarted without persistence in the middle of the fan-out', async (rig) => {
  const expected = await expectedChannels(rig);
  const alertId = await rig.ingest('FAULT-E');
  await waitUntilCount('push received', () => rig.push.received.length, Math.ceil(expected.push / 3));
  await rig.redis.kill();
  await rig.redis.start();
  return { alertId, faultEndedAt: Date.now() };
});
