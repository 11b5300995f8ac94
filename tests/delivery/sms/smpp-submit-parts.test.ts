// The submit_sm fields one text becomes: address types, data_coding, UDH and esm_class.
import { describe, expect, it } from 'vitest';
import { concatenationUdh, smppSourceAddress, submitSmParts } from '../../../src/delivery/sms/smpp-submit-parts.ts';

const SOURCE = smppSourceAddress('SIAGA');

describe('smppSourceAddress', () => {
  it('types a phone number, a short code and a name', () => {
    expect(smppSourceAddress('+6281100112233')).toEqual({ ton: 1, npi: 1, addr: '6281100112233' });
    expect(smppSourceAddress('99123')).toEqual({ ton: 3, npi: 0, addr: '99123' });
    expect(smppSourceAddress('BMKG-SIAGA')).toEqual({ ton: 5, npi: 0, addr: 'BMKG-SIAGA' });
  });

  it('refuses a name longer than the 11 characters an SMS can show', () => {
    expect(() => smppSourceAddress('SIAGA-BENCANA')).toThrow(/at most 11 characters/);
  });
});

describe('submitSmParts', () => {
  it('sends a single GSM-7 SMS as data_coding 0 without UDH, to an international address', () => {
    expect(submitSmParts('Halo [dunia] €', SOURCE, '628401234567', 7)).toEqual([
      {
        source_addr_ton: 5,
        source_addr_npi: 0,
        source_addr: 'SIAGA',
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: '628401234567',
        esm_class: 0,
        registered_delivery: 1,
        data_coding: 0,
        short_message: 'Halo [dunia] €',
      },
    ]);
  });

  it('sends a long UCS-2 text as parts with the concatenation UDH and the UDHI bit', () => {
    const parts = submitSmParts('雨'.repeat(100), SOURCE, '628401234567', 300);
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => [p.data_coding, p.esm_class])).toEqual([
      [8, 0x40],
      [8, 0x40],
    ]);
    // 300 wraps to the 8-bit reference 44.
    expect(parts.map((p) => (typeof p.short_message === 'string' ? undefined : [...p.short_message.udh]))).toEqual([
      [5, 0, 3, 44, 2, 1],
      [5, 0, 3, 44, 2, 2],
    ]);
  });

  it('writes the UDH as length, IEI 0, IE length 3, reference, total, part', () => {
    expect([...concatenationUdh(0x1ab, 3, 2)]).toEqual([0x05, 0x00, 0x03, 0xab, 0x03, 0x02]);
  });
});
