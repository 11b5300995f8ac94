// (d) The SMS gateway goes away in the middle of the SMS fan-out (connections refused for 10 s)
// and comes back on the same address. Every SMS household must still get its SMS, once.
import { describeFaultCase, expectedChannels, waitUntilCount } from '../support/fault-case.ts';

const DOWN_MS = 10_000;

describeFaultCase('d', 'SMS gateway down, then up', async (rig) => {
  const expected = await expectedChannels(rig);
  const alertId = await rig.ingest('FAULT-D');
  await waitUntilCount('SMS received', () => rig.smsReceived().length, Math.ceil(expected.sms / 3));
  await rig.smsDown();
  // The outage itself: how long the gateway is away is the fault being injected.
  await new Promise((r) => setTimeout(r, DOWN_MS));
  await rig.smsUp();
  return { alertId, faultEndedAt: Date.now() };
});
