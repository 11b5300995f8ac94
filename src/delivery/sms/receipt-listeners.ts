// The listeners of one gateway, for its receipts and its inbound SMS. A listener that throws must
// not stop the others, and must not propagate into the SMPP library: its PDU loop stops reading the
// socket for good when a listener throws (smpp 0.5.1 leaves its busy flag set), so every listener
// runs guarded.
import type { Logger } from '../../logger.ts';
import type { InboundSms, SmsReceipt } from './sms-gateway.ts';

export interface GuardedListeners<T> {
  add(listener: (item: T) => void): void;
  dispatch(item: T): void;
}

function createGuardedListeners<T>(report: (err: unknown, item: T) => void): GuardedListeners<T> {
  const listeners: ((item: T) => void)[] = [];
  return {
    add(listener) {
      listeners.push(listener);
    },
    dispatch(item) {
      for (const listener of listeners) {
        try {
          // Listeners are typed as returning void, but an async one returns a promise whose
          // rejection would otherwise be unhandled.
          const result: unknown = listener(item);
          if (result instanceof Promise) result.catch((err: unknown) => report(err, item));
        } catch (err) {
          report(err, item);
        }
      }
    },
  };
}

export type ReceiptListeners = GuardedListeners<SmsReceipt>;

export function createReceiptListeners(logger: Pick<Logger, 'error'> | undefined): ReceiptListeners {
  return createGuardedListeners<SmsReceipt>((err, receipt) =>
    logger?.error({ err, messageId: receipt.messageId, state: receipt.state }, 'an SMS receipt listener failed'),
  );
}

export function createInboundListeners(logger: Pick<Logger, 'error'> | undefined): GuardedListeners<InboundSms> {
  return createGuardedListeners<InboundSms>((err, sms) =>
    logger?.error({ err, gateway: sms.gateway, messageId: sms.messageId }, 'an inbound SMS listener failed'),
  );
}
