// A warning's place in words: kecamatan and kabupaten of its villages, village names where no
// district is known, the author's areas where no village is reached; and the zone of its times.
import { describe, expect, it } from 'vitest';
import type { AlertPlaceRow } from '../../src/db/web-alert-places.ts';
import { alertPlace } from '../../src/web/alert-place.ts';

const row = (over: Partial<AlertPlaceRow>): AlertPlaceRow => ({
  alert_id: 1,
  sent_raw: '2026-09-24T15:07:00+07:00',
  zones: {},
  districts: [],
  regency_codes: [],
  regencies: [],
  villages: [],
  village_count: 0,
  area_descs: [],
  ...over,
});

describe('alert place', () => {
  it('names kecamatan, then the kabupaten (from the registry, else the Kemendagri list), shortening long lists', () => {
    const p = alertPlace(
      row({
        zones: { WIB: 5 },
        districts: ['A', 'B', 'C', 'D', 'E'].map((n, i) => ({ code: `12.07.0${i}`, name: n })),
        regency_codes: ['12.07'],
        village_count: 5,
      }),
      'id',
    );
    expect(p).toEqual({ zone: 'WIB', text: 'Kec. A, Kec. B, Kec. C dan 2 lainnya · Kabupaten Deli Serdang' });
    expect(
      alertPlace(
        row({
          zones: { WIB: 1 },
          districts: [{ code: '12.07.01', name: 'A' }],
          regency_codes: ['12.07'],
          regencies: [{ code: '12.07', name: 'Kab. Deli Serdang' }],
          village_count: 1,
        }),
        'en',
      ).text,
    ).toBe('Kec. A · Kab. Deli Serdang');
  });

  it('falls back to village names, then to the areas as written, with the zone of the villages or of the written offset', () => {
    expect(
      alertPlace(row({ zones: { WITA: 6 }, villages: ['W', 'X', 'Y', 'Z'], village_count: 6, regency_codes: ['75.01'] }), 'en'),
    ).toEqual({ zone: 'WITA', text: 'W, X, Y and 3 more · Kabupaten Gorontalo' });
    expect(alertPlace(row({ sent_raw: '2026-09-24T15:07:00+08:00', area_descs: ['Gorontalo'] }), 'id')).toEqual({
      zone: 'WITA',
      text: 'Gorontalo',
    });
    expect(alertPlace(undefined, 'id')).toEqual({ zone: 'WIB', text: '' });
  });
});
