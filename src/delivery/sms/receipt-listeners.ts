// The receipt listeners of one gateway. A listener that throws must not stop the others, and must
// not propagate into the SMPP library: its PDU loop stops reading the socket for good when a
// listener throws (smpp 0.5.1 leaves its busy flag set), so every listener runs guarded.
import type { Logger } from '../../logger.ts';
import type { SmsReceipt, SmsReceiptListener } from './sms-gateway.ts';

export interface ReceiptListeners {
  add(listener: SmsReceiptListener): void;
  dispatch(receipt: SmsReceipt): void;
}

export function createReceiptListeners(logger: Pick<Logger, 'error'> | undefined): ReceiptListeners {
  const listeners: SmsReceiptListener[] = [];
  const report = (err: unknown, receipt: SmsReceipt) =>
    logger?.error({ err, messageId: receipt.messageId, state: receipt.state }, 'an SMS receipt listener failed');
  return {
    add(listener) {
      listeners.push(listener);
    },
    dispatch(receipt) {
      for (const listener of listeners) {
        try {
          // Listeners are typed as returning void, but an async one returns a promise whose
          // rejection would otherwise be unhandled.
          const result: unknown = listener(receipt);
          if (result instanceof Promise) result.catch((err: unknown) => report(err, receipt));
        } catch (err) {
          report(err, receipt);
        }
      }
    },
  };
}
