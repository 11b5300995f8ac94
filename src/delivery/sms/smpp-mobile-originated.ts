// A mobile-originated deliver_sm (a resident's own SMS, not a delivery receipt) as an InboundSms.
// The library decodes short_message by data_coding (GSM 03.38, Latin-1, UCS-2); a long text may
// come in message_payload instead. A concatenated reply arrives part by part, each kept as its own
// message: the answers Siaga reads are one word, far shorter than a part.
import type smpp from 'smpp';
import { isDeliveryReceipt, messageText, type DeliverSmFields } from './smpp-receipt.ts';
import type { InboundSms } from './sms-gateway.ts';

export interface MobileOriginatedFields extends DeliverSmFields {
  source_addr?: string;
  source_addr_ton?: number;
  destination_addr?: string;
  receipted_message_id?: unknown;
}

/** The SMS a deliver_sm carries, or undefined when it is a delivery receipt or has no sender. */
export function inboundFromDeliverSm(pdu: MobileOriginatedFields | smpp.PDU, receivedAt: Date): InboundSms | undefined {
  const fields = pdu as MobileOriginatedFields;
  if (isDeliveryReceipt(fields)) return undefined;
  const from = (fields.source_addr ?? '').trim();
  if (from === '') return undefined;
  const text = messageText(fields.short_message) || messageText(fields.message_payload);
  const sms: InboundSms = { gateway: 'smpp', from, text, receivedAt };
  if (typeof fields.source_addr_ton === 'number') sms.fromTon = fields.source_addr_ton;
  if (fields.destination_addr) sms.to = fields.destination_addr;
  return sms;
}
