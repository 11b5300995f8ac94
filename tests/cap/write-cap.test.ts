import { describe, expect, it } from 'vitest';
import { checkCap } from '../../src/cap/check-cap.ts';
import { capDateTime, writeCap, type CapDraft } from '../../src/cap/write-cap.ts';

const draft: CapDraft = {
  identifier: 'siaga-quake-20261128T031500Z',
  sender: 'siaga@siaga.local',
  sent: new Date('2026-11-28T03:20:00Z'),
  status: 'Actual',
  msgType: 'Update',
  references: [{ sender: 'siaga@siaga.local', identifier: 'siaga-quake-x', sent: new Date('2026-11-28T03:16:00Z') }],
  infos: [
    {
      language: 'id',
      category: ['Geo'],
      event: 'Gempa Bumi & "Tsunami" <uji>',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      expires: new Date('2026-11-28T09:20:00Z'),
      areas: [
        { areaDesc: 'Felt area', circles: [{ lon: 98.7123456789, lat: 3.5, radiusKm: 42.5 }] },
        {
          areaDesc: 'Kecamatan',
          geocodes: [{ valueName: 'ADM3', value: '12.07.02' }],
          polygons: [
            [
              [98.7, 3.5],
              [98.8, 3.5],
              [98.8, 3.6],
              [98.7, 3.5],
            ],
          ],
        },
      ],
    },
  ],
};

describe('writeCap', () => {
  it('writes valid CAP 1.2 that reads back to the same content', () => {
    const check = checkCap(writeCap(draft));
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    const a = check.alert;
    expect(a?.msgType).toBe('Update');
    expect(a?.references[0]?.identifier).toBe('siaga-quake-x');
    expect(a?.infos[0]?.event).toBe('Gempa Bumi & "Tsunami" <uji>');
    expect(a?.infos[0]?.areas[0]?.circles[0]).toMatchObject({ lat: 3.5, lon: 98.712346, radiusKm: 42.5 });
    expect(a?.infos[0]?.areas[1]?.polygons[0]?.ring[1]).toEqual([98.8, 3.5]);
  });

  it('writes CAP date-times with the -00:00 offset CAP asks for UTC', () => {
    expect(capDateTime(new Date('2026-11-28T03:20:00.123Z'))).toBe('2026-11-28T03:20:00-00:00');
  });
});
