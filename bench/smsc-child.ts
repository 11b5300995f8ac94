// The local SMSC of the sms row (tests/support/local-smsc.ts: real SMPP 3.4, a delivery receipt
// per part) in a process of its own, so that its work does not land on the sending core. It tells
// its URL over IPC and answers { ask: 'counts' } with how many parts it took and receipts it sent.
import { startLocalSmsc } from '../tests/support/local-smsc.ts';

const smsc = await startLocalSmsc({ systemId: 'bench', password: 'bench', receipts: { outcome: 'delivered' } });
process.send?.({ url: smsc.url });
process.on('message', (m: { ask?: 'counts' }) => {
  if (m.ask === 'counts')
    process.send?.({
      submits: smsc.counts.submits,
      receiptsSent: smsc.counts.receiptsSent,
      receiptsAcknowledged: smsc.counts.receiptsAcknowledged,
    });
});
process.on('disconnect', () => void smsc.close().then(() => process.exit(0)));
