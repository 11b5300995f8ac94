// Reading SMPP delivery receipts as SMSCs send them: the Appendix B text, with or without the
// receipted_message_id and message_state TLVs, and deliver_sm that are not receipts.
import { describe, expect, it } from 'vitest';
import { receiptFromDeliverSm } from '../../../src/delivery/sms/smpp-receipt.ts';

const AT = new Date('2026-09-24T08:31:00Z');
const text = (stat: string, err = '000', id = '1A2B3C') =>
  `id:${id} sub:001 dlvrd:001 submit date:2609241530 done date:2609241531 stat:${stat} err:${err} text:PERINGATAN BMKG: Huj`;

describe('receiptFromDeliverSm', () => {
  it('maps the stat field to the receipt state', () => {
    const cases: [string, string][] = [
      ['DELIVRD', 'delivered'],
      ['UNDELIV', 'failed'],
      ['EXPIRED', 'expired'],
      ['REJECTD', 'rejected'],
      ['DELETED', 'unknown'],
      ['ACCEPTD', 'unknown'],
    ];
    for (const [stat, state] of cases) {
      expect(receiptFromDeliverSm({ esm_class: 0x04, short_message: { message: text(stat) } }, AT)).toMatchObject({
        messageId: '1A2B3C',
        state,
        at: AT,
      });
    }
  });

  it('gives the network status and error of an undelivered message as the reason', () => {
    expect(receiptFromDeliverSm({ esm_class: 0x04, short_message: { message: text('UNDELIV', '011') } }, AT)).toEqual({
      messageId: '1A2B3C',
      state: 'failed',
      reason: 'UNDELIV err:011',
      at: AT,
    });
  });

  it('prefers the receipted_message_id TLV to the id in the text', () => {
    const pdu = {
      esm_class: 0x04,
      short_message: { message: text('DELIVRD', '000', '1715004') },
      receipted_message_id: '1A2B3C',
      message_state: 2,
    };
    expect(receiptFromDeliverSm(pdu, AT)).toEqual({ messageId: '1A2B3C', state: 'delivered', at: AT });
  });

  it('reads a receipt that has only TLVs (text in message_payload or none)', () => {
    expect(
      receiptFromDeliverSm({ esm_class: 0x04, short_message: { message: '' }, receipted_message_id: 'ABC', message_state: 5 }, AT),
    ).toEqual({
      messageId: 'ABC',
      state: 'failed',
      reason: 'message_state 5',
      at: AT,
    });
    expect(receiptFromDeliverSm({ esm_class: 0x04, message_payload: { message: text('DELIVRD') } }, AT)).toMatchObject({
      messageId: '1A2B3C',
      state: 'delivered',
    });
  });

  it('is not fooled by field names inside the quoted text', () => {
    const message = 'id:77 sub:001 dlvrd:000 submit date:2609241530 done date:2609241531 stat:UNDELIV err:001 Text:stat:DELIVRD id:99';
    expect(receiptFromDeliverSm({ esm_class: 0x04, short_message: { message } }, AT)).toMatchObject({ messageId: '77', state: 'failed' });
  });

  it('ignores a deliver_sm that is not a receipt, or names no message', () => {
    expect(receiptFromDeliverSm({ esm_class: 0x00, short_message: { message: text('DELIVRD') } }, AT)).toBeUndefined();
    expect(receiptFromDeliverSm({ esm_class: 0x04, short_message: { message: 'stat:DELIVRD' } }, AT)).toBeUndefined();
  });
});
