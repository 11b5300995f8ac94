// InaTEWS zone names against the real national list of kabupaten/kota (514, Kemendagri 2025):
// every zone name of the tsunami fixtures, by hand, and the normalisation rules one by one.
import { describe, expect, it } from 'vitest';
import { inatewsProvinceCodes } from '../../../src/bmkg/quake/inatews-province-codes.ts';
import { matchRegionName } from '../../../src/bmkg/quake/match-region-name.ts';
import { parseInatewsFeed } from '../../../src/bmkg/quake/parse-inatews-feed.ts';
import { KEMENDAGRI_REGENCIES } from '../../../src/registry/kemendagri-regencies.ts';
import { fixtureBytes } from './quake-fixtures.ts';

/** Every zone of the two tsunami fixtures and the kabupaten/kota it names, looked up by hand in the Kemendagri list. */
const EXPECTED: Record<string, string> = {
  'JATIM|JEMBER PULAU NUSABARUNG': '35.09',
  'JATIM|JEMBER': '35.09',
  'JATIM|BANYUWANGI BAGIAN SELATAN': '35.10',
  'JATIM|BANYUWANGI BAGIAN TIMUR': '35.10',
  'JATIM|MALANG': '35.07',
  'JATIM|BLITAR': '35.05',
  'JATIM|TULUNGAGUNG': '35.04',
  'JATIM|TRENGGALEK': '35.03',
  'JATIM|LUMAJANG': '35.08',
  'JATIM|PACITAN': '35.01',
  'BALI|BADUNG PANTAI-KUTA': '51.03',
  'BALI|KLUNGKUNG PULAU NUSAPENIDA': '51.05',
  'BALI|KLUNGKUNG': '51.05',
  'BALI|JEMBRANA': '51.01',
  'BALI|DENPASAR PANTAI-SANUR': '51.71',
  'BALI|TABANAN': '51.02',
  'BALI|KARANG-ASEM BAGIAN SELATAN': '51.07',
  'BALI|GIANYAR': '51.04',
  'NTB|LOMBOK-BARAT BAGIAN SELATAN': '52.01',
  'NTB|LOMBOK-TENGAH': '52.02',
  'NTB|LOMBOK-TIMUR BAGIAN SELATAN': '52.03',
  'NTB|KOTA-MATARAM': '52.71',
  'NTB|SUMBAWA BAGIAN BARAT': '52.07',
  'NTB|SUMBAWA BAGIAN SELATAN': '52.04',
  'NTB|DOMPU BAGIAN SELATAN': '52.05',
  'NTB|DOMPU BAGIAN UTARA': '52.05',
  'NTB|KOTA-BIMA BAGIAN SELATAN': '52.72',
  'NTB|KOTA-BIMA BAGIAN UTARA': '52.72',
  'NTB|BIMA PULAU SANGIANG': '52.06',
  'NTB|BIMA PULAU GILI': '52.06',
  'JATENG|WONOGIRI': '33.12',
  'JATENG|PURWOREJO': '33.06',
  'JATENG|KEBUMEN': '33.05',
  'JATENG|CILACAP': '33.01',
  'DIY|GUNUNG-KIDUL': '34.03',
  'DIY|BANTUL': '34.02',
  'DIY|KULON-PROGO': '34.01',
  'JABAR|TASIKMALAYA': '32.06',
  'JABAR|GARUT': '32.05',
  'JABAR|CIAMIS': '32.07',
  'JABAR|CIANJUR SINDANGBARANG': '32.03',
  'JABAR|SUKABUMI UJUNG-GENTENG': '32.02',
  'JABAR|SUKABUMI PELABUHAN-RATU': '32.02',
  'BANTEN|LEBAK': '36.02',
  'BANTEN|PANDEGLANG BAGIAN SELATAN': '36.01',
  'BANTEN|PANDEGLANG PULAU PANAITAN': '36.01',
  'NTT|SUMBA BAGIAN BARAT': '53.12',
  'NTT|SUMBA BAGIAN TIMUR': '53.11',
  'NTT|KEPULAUAN MANGGARAI-BARAT': '53.15',
  'NTT|MANGGARAI-BARAT BAGIAN SELATAN': '53.15',
  'NTT|MANGGARAI-BARAT BAGIAN UTARA': '53.15',
  'NTT|MANGGARAI BAGIAN UTARA': '53.10',
  'NTT|NGADA BAGIAN UTARA': '53.09',
  'NTT|ENDE BAGIAN UTARA': '53.08',
  'NTT|PULAU ENDE': '53.08',
  'NTT|SIKKA BAGIAN UTARA': '53.07',
  'NTT|PULAU SIKKA': '53.07',
  'NTT|FLORES-TIMUR BAGIAN UTARA': '53.06',
  'SULSEL|SELAYAR': '73.01',
  'SULSEL|JENEPONTO': '73.04',
  'SULSEL|BANTAENG': '73.03',
  'SULSEL|TAKALAR': '73.05',
  'SULSEL|BONE': '73.08',
  'SULSEL|WAJO': '73.13',
  'SULSEL|LUWU BAGIAN TIMUR': '73.24',
  'SULSEL|LUWU BAGIAN UTARA': '73.22',
  'SULSEL|KOTA-PALOPO': '73.73',
  'SULTRA|KOTA-BAU-BAU': '74.72',
};

function provinceCandidates(province: string) {
  const codes = inatewsProvinceCodes(province);
  return KEMENDAGRI_REGENCIES.filter((r) => codes.some((p) => r.code.startsWith(`${p}.`)));
}

describe('matchRegionName', () => {
  it('resolves every warning zone of the tsunami fixtures, within its province and nationally alike', () => {
    const zones = new Set<string>();
    for (const [name, source] of [
      ['inatews-datagempa-tsunami-warning-20180712085018-test.json', 'datagempa'],
      ['inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml', 'last30tsunamievent'],
    ] as const) {
      for (const b of parseInatewsFeed(fixtureBytes(name), source).bulletins)
        for (const z of b.zones) zones.add(`${z.province}|${z.district}`);
    }
    expect([...zones].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const zone of zones) {
      const [province = '', district = ''] = zone.split('|');
      expect([zone, matchRegionName(district, provinceCandidates(province))]).toEqual([zone, EXPECTED[zone]]);
      expect([zone, matchRegionName(district, KEMENDAGRI_REGENCIES)]).toEqual([zone, EXPECTED[zone]]);
    }
  });

  it('folds case, "Kab."/"Kabupaten"/"Kota", hyphens, dots and spaces on both sides', () => {
    const list = [
      { code: '52.06', name: 'Kab. Bima' },
      { code: '52.72', name: 'KOTA BIMA' },
      { code: '74.72', name: 'Kota Baubau' },
      { code: '34.03', name: 'Kabupaten Gunung Kidul' },
      { code: '31.01', name: 'Kabupaten Administrasi Kepulauan Seribu' },
      { code: '31.71', name: 'Kota Adm. Jakarta Pusat' },
    ];
    expect(matchRegionName('bima', list)).toBe('52.06');
    expect(matchRegionName('Kabupaten Bima', list)).toBe('52.06');
    expect(matchRegionName('KOTA-BIMA', list)).toBe('52.72');
    expect(matchRegionName('Kota Bima', list)).toBe('52.72');
    expect(matchRegionName('KOTA-BAU-BAU', list)).toBe('74.72');
    expect(matchRegionName('Kota Bau-Bau', list)).toBe('74.72');
    expect(matchRegionName('GUNUNGKIDUL', list)).toBe('34.03');
    expect(matchRegionName('Kab. Gunung-Kidul', list)).toBe('34.03');
    expect(matchRegionName('KEPULAUAN SERIBU', list)).toBe('31.01');
    expect(matchRegionName('JAKARTA PUSAT', list)).toBe('31.71');
  });

  it('keeps Kabupaten and Kota of one name apart, the bare name meaning the Kabupaten', () => {
    expect(matchRegionName('KUPANG', KEMENDAGRI_REGENCIES)).toBe('53.01');
    expect(matchRegionName('KOTA-KUPANG', KEMENDAGRI_REGENCIES)).toBe('53.71');
    expect(matchRegionName('Kabupaten Kupang', KEMENDAGRI_REGENCIES)).toBe('53.01');
    // Only a Kota exists: the bare name finds it; a Kabupaten of that name does not exist.
    expect(matchRegionName('DENPASAR', KEMENDAGRI_REGENCIES)).toBe('51.71');
    expect(matchRegionName('Kabupaten Denpasar', KEMENDAGRI_REGENCIES)).toBeUndefined();
  });

  it('gives undefined when nothing matches, or when two candidates of one kind match (never a guess)', () => {
    expect(matchRegionName('ATLANTIS', KEMENDAGRI_REGENCIES)).toBeUndefined();
    expect(matchRegionName('', KEMENDAGRI_REGENCIES)).toBeUndefined();
    expect(matchRegionName('KOTA', KEMENDAGRI_REGENCIES)).toBeUndefined();
    const twins = [
      { code: '11.01', name: 'Kabupaten Sampel' },
      { code: '12.01', name: 'Kabupaten Sampel' },
    ];
    expect(matchRegionName('SAMPEL', twins)).toBeUndefined();
    expect(matchRegionName('SAMPEL', twins.slice(0, 1))).toBe('11.01');
  });

  it('works for kecamatan candidates too, whatever their code level', () => {
    const kecamatan = [
      { code: '35.09.01', name: 'Kencong' },
      { code: '35.09.27', name: 'Puger' },
    ];
    expect(matchRegionName('PUGER', kecamatan)).toBe('35.09.27');
  });
});

describe('inatewsProvinceCodes', () => {
  it('maps BMKG province abbreviations to Kemendagri codes, Papua to the provinces carved from it', () => {
    expect(inatewsProvinceCodes('NTT')).toEqual(['53']);
    expect(inatewsProvinceCodes('sulsel')).toEqual(['73']);
    expect(inatewsProvinceCodes('DIY')).toEqual(['34']);
    expect(inatewsProvinceCodes('PAPUA')).toEqual(['91', '93', '94', '95']);
    expect(inatewsProvinceCodes('PAPUA BARAT')).toEqual(['92', '96']);
    expect(inatewsProvinceCodes('XX')).toEqual([]);
  });
});
