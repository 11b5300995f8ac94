// Warning zones to Kemendagri regency codes against the real national list: a name is looked for
// only among its own province's kabupaten/kota, and every name that cannot be resolved comes back
// with the reason, never dropped.
import { describe, expect, it } from 'vitest';
import { resolveWarningZones } from '../../../src/bmkg/quake/resolve-warning-zones.ts';
import type { WarningZone } from '../../../src/bmkg/quake/quake-types.ts';
import { KEMENDAGRI_REGENCIES } from '../../../src/registry/kemendagri-regencies.ts';

const zones = (...z: [WarningZone['level'], string, string][]) => ({
  zones: z.map(([level, province, district]) => ({ level, province, district }) as WarningZone),
});

describe('resolveWarningZones', () => {
  it('resolves each zone within its province, keeping the level', () => {
    const r = resolveWarningZones(
      zones(
        ['AWAS', 'NTT', 'NAGEKEO BAGIAN SELATAN'],
        ['SIAGA', 'JATIM', 'JEMBER PULAU NUSABARUNG'],
        ['WASPADA', 'BALI', 'BADUNG PANTAI-KUTA'],
      ),
      KEMENDAGRI_REGENCIES,
    );
    expect(r.zones).toEqual([
      { level: 'AWAS', code: '53.16' },
      { level: 'SIAGA', code: '35.09' },
      { level: 'WASPADA', code: '51.03' },
    ]);
    expect(r.unresolved).toEqual([]);
  });

  it('keeps a name shared by two provinces apart: Kota Banjar (Jawa Barat), Kabupaten Banjar (Kalimantan Selatan)', () => {
    const r = resolveWarningZones(zones(['WASPADA', 'JABAR', 'BANJAR'], ['WASPADA', 'KALSEL', 'BANJAR']), KEMENDAGRI_REGENCIES);
    expect(r.zones.map((z) => z.code)).toEqual(['32.79', '63.03']);
  });

  it('returns the names it cannot resolve with the reason, and resolves the rest', () => {
    const r = resolveWarningZones(
      zones(['AWAS', 'NTT', 'ATLANTIS BAGIAN UTARA'], ['SIAGA', 'NARNIA', 'NAGEKEO'], ['WASPADA', 'NTT', 'ENDE']),
      KEMENDAGRI_REGENCIES,
    );
    expect(r.zones).toEqual([{ level: 'WASPADA', code: '53.08' }]);
    expect(r.unresolved).toEqual([
      {
        level: 'AWAS',
        province: 'NTT',
        district: 'ATLANTIS BAGIAN UTARA',
        why: 'no single kabupaten/kota of NTT is named "ATLANTIS BAGIAN UTARA"',
      },
      { level: 'SIAGA', province: 'NARNIA', district: 'NAGEKEO', why: 'unknown province "NARNIA"' },
    ]);
  });

  it('does not look outside the named province: a Jawa Timur place named under NTT stays unresolved', () => {
    const r = resolveWarningZones(zones(['SIAGA', 'NTT', 'JEMBER']), KEMENDAGRI_REGENCIES);
    expect(r.zones).toEqual([]);
    expect(r.unresolved).toHaveLength(1);
  });
});
