// The zone a warning's times are read in: its villages' zone, else the offset it was written in.
import { describe, expect, it } from 'vitest';
import { zoneOfPlace, zonesOfVillages } from '../../src/time/zone-of-place.ts';
import { formatTime } from '../../src/web/format.ts';

describe('zone of a place', () => {
  it('follows most of the villages reached, whatever offset the message was written in', () => {
    expect(zoneOfPlace(zonesOfVillages(['75.01.01.2001']), '2026-09-24T15:07:00+07:00')).toBe('WITA');
    expect(zoneOfPlace(zonesOfVillages(['94.71.01.1001', '94.71.01.1002', '81.01.01.2001']))).toBe('WIT');
    expect(zoneOfPlace(zonesOfVillages(['12.07.01.2001', '75.01.01.2001', '12.07.01.2002']))).toBe('WIB');
  });

  it('falls back to the offset the author wrote, then WIB', () => {
    expect(zoneOfPlace({}, '2026-09-24T15:07:00+08:00')).toBe('WITA');
    expect(zoneOfPlace({}, '2026-09-24T15:07:00+09:00')).toBe('WIT');
    expect(zoneOfPlace({}, '2026-09-24T08:07:00Z')).toBe('WIB');
    expect(zoneOfPlace({}, null)).toBe('WIB');
  });

  it('writes a time in the zone, with the zone, in Indonesian or British conventions', () => {
    const t = '2026-09-24T07:27:00Z';
    expect(formatTime(t, 'id', 'WITA')).toBe('24 Sep 2026, 15.27 WITA');
    expect(formatTime(t, 'id', 'WIB')).toBe('24 Sep 2026, 14.27 WIB');
    expect(formatTime(t, 'en', 'WIT')).toBe('24 Sept 2026, 16:27 WIT');
    expect(formatTime(null, 'id')).toBe('—');
  });
});
