// An SMPP delivery receipt (a deliver_sm with the receipt bit of esm_class set) as an SmsReceipt.
// SMPP 3.4 Appendix B gives the receipt's text, which almost every SMSC sends:
//   id:0000001A sub:001 dlvrd:001 submit date:2609241530 done date:2609241531 stat:DELIVRD err:000 text:PERINGATAN BMKG...
// and SMPP 3.4 TLVs that some add: receipted_message_id and message_state. The TLV id wins when
// present (it is the id submit_sm_resp gave; some SMSCs print the text id in another base).
// The time is when Siaga got the receipt: the text's "done date" has minutes only and is in the
// SMSC's local time zone, which the receipt does not name.
import type { SmsReceipt, SmsReceiptState } from './sms-gateway.ts';

/** The parts of a decoded deliver_sm PDU a receipt is read from. */
export interface DeliverSmFields {
  esm_class?: number;
  short_message?: unknown;
  message_payload?: unknown;
  receipted_message_id?: unknown;
  message_state?: unknown;
}

const ESM_CLASS_DELIVERY_RECEIPT = 0x04;

const STATES: Record<string, SmsReceiptState> = {
  DELIVRD: 'delivered',
  UNDELIV: 'failed',
  EXPIRED: 'expired',
  REJECTD: 'rejected',
};

// SMPP 3.4 §5.2.28 message_state values.
const TLV_STATES: Record<number, SmsReceiptState> = { 2: 'delivered', 3: 'expired', 5: 'failed', 8: 'rejected' };

/** The library decodes short_message into { message } (a string, or a Buffer for unknown codings). */
export function messageText(value: unknown): string {
  const message = typeof value === 'object' && value !== null && 'message' in value ? (value as { message: unknown }).message : value;
  if (typeof message === 'string') return message;
  if (Buffer.isBuffer(message)) return message.toString('latin1');
  return '';
}

export function isDeliveryReceipt(pdu: DeliverSmFields): boolean {
  return ((pdu.esm_class ?? 0) & ESM_CLASS_DELIVERY_RECEIPT) !== 0;
}

/** The receipt a deliver_sm carries, or undefined when it is not a receipt or names no message. */
export function receiptFromDeliverSm(pdu: DeliverSmFields, receivedAt: Date): SmsReceipt | undefined {
  if (!isDeliveryReceipt(pdu)) return undefined;
  const text = messageText(pdu.short_message) || messageText(pdu.message_payload);
  // The original message's first characters follow "text:" and may contain anything.
  const fields = text.split(/\btext:/i)[0] ?? '';
  const textId = /\bid:\s*(\S+)/i.exec(fields)?.[1];
  const stat = /\bstat:\s*([A-Za-z]+)/i.exec(fields)?.[1]?.toUpperCase();
  const err = /\berr:\s*(\w+)/i.exec(fields)?.[1];
  const tlvId = typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id !== '' ? pdu.receipted_message_id : undefined;
  const messageId = tlvId ?? textId;
  if (messageId === undefined) return undefined;
  const tlvState = typeof pdu.message_state === 'number' ? TLV_STATES[pdu.message_state] : undefined;
  const state = (stat !== undefined ? STATES[stat] : tlvState) ?? 'unknown';
  if (state === 'delivered') return { messageId, state, at: receivedAt };
  const reason = [
    stat ?? (typeof pdu.message_state === 'number' ? `message_state ${pdu.message_state}` : undefined),
    err !== undefined ? `err:${err}` : undefined,
  ]
    .filter((p) => p !== undefined)
    .join(' ');
  return reason === '' ? { messageId, state, at: receivedAt } : { messageId, state, reason, at: receivedAt };
}
