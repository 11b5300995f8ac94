// BMKG's tsunami text: every wording found in the fixtures, then realistic variants (case, spacing,
// typos, glued words, English), with the safety-relevant direction of each mistake in mind.
import { describe, expect, it } from 'vitest';
import { classifyTsunamiPotential } from '../../../src/bmkg/quake/classify-tsunami-potential.ts';
import { parseInatewsFeed } from '../../../src/bmkg/quake/parse-inatews-feed.ts';
import { parseQuakeFeed } from '../../../src/bmkg/quake/parse-quake-feed.ts';
import type { InatewsSource, QuakeFeedSource, TsunamiPotential } from '../../../src/bmkg/quake/quake-types.ts';
import { fixtureBytes } from './quake-fixtures.ts';

const QUAKE_FIXTURES: [string, QuakeFeedSource][] = [
  ['autogempa-20220822-poso.xml', 'autogempa'],
  ['autogempa-20240110-sumedang.json', 'autogempa'],
  ['autogempa-20260923.json', 'autogempa'],
  ['autogempa-legacy-20200623-format-pre2021.xml', 'autogempa'],
  ['gempadirasakan-20260924-first2of15.json', 'gempadirasakan'],
  ['gempaterkini-20230712-pretty.json', 'gempaterkini'],
  ['gempaterkini-20260924-first2of15.json', 'gempaterkini'],
];
const INATEWS_FIXTURES: [string, InatewsSource][] = [
  ['inatews-datagempa-felt-20260926023929.json', 'datagempa'],
  ['inatews-datagempa-tsunami-warning-20180712085018-test.json', 'datagempa'],
  ['inatews-last30event-20260922-2entries.xml', 'last30event'],
  ['inatews-last30feltevent-20260926-2entries.xml', 'last30feltevent'],
  ['inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml', 'last30tsunamievent'],
];

/** Every tsunami text in the fixtures, and what it means. */
const FIXTURE_TEXTS: Record<string, TsunamiPotential> = {
  'Gempa ini dirasakan untuk diteruskan pada masyarakat': 'none',
  'Tidak berpotensi tsunami': 'none',
  'tidak berpotensi TSUNAMI': 'none',
  'Potensi TSUNAMI untuk diteruskan pada masyarakat': 'warning',
};

describe('classifyTsunamiPotential', () => {
  it('classifies every Potensi / potential text found in the fixtures, and no text is left unlisted', () => {
    const found = new Set<string>();
    for (const [name, source] of QUAKE_FIXTURES)
      for (const e of parseQuakeFeed(fixtureBytes(name), source).events) if (e.potensi !== undefined) found.add(e.potensi);
    for (const [name, source] of INATEWS_FIXTURES)
      for (const e of parseInatewsFeed(fixtureBytes(name), source).events) if (e.potensi !== undefined) found.add(e.potensi);
    expect([...found].sort()).toEqual(Object.keys(FIXTURE_TEXTS).sort());
    for (const text of found) expect([text, classifyTsunamiPotential(text)]).toEqual([text, FIXTURE_TEXTS[text]]);
  });

  it('classifies the headlines of the tsunami bulletins: the ended one as none, the others as warnings', () => {
    const { bulletins } = parseInatewsFeed(fixtureBytes('inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml'), 'last30tsunamievent');
    expect(bulletins.map((b) => [b.stage, classifyTsunamiPotential(b.headline)])).toEqual([
      ['PD-4', 'none'],
      ['PD-3.4', 'warning'],
      ['PD-3.3', 'warning'],
      ['PD-3.2', 'warning'],
      ['PD-3.1', 'warning'],
      ['PD-2', 'warning'],
      ['PD-1', 'warning'],
      ['PD-4', 'none'],
    ]);
  });

  const VARIANTS: [string | undefined, TsunamiPotential][] = [
    // no potential: case, spacing, punctuation, typos, glued words, abbreviations
    ['TIDAK BERPOTENSI TSUNAMI', 'none'],
    ['tidak  berpotensi   tsunami ', 'none'],
    ['Tidak berpotensi tsunami.', 'none'],
    ['Gempa ini tidak berpotensi tsunami', 'none'],
    ['Tidak ber-potensi tsunami', 'none'],
    ['Tidakberpotensi tsunami', 'none'],
    ['tidak berpotensi tsunmai', 'none'],
    ['Tidak berpotnsi tsunami', 'none'],
    ['Tdk berpotensi tsunami', 'none'],
    ['Tidak berpotensi Tsunami, namun dirasakan', 'none'],
    ['No tsunami potential', 'none'],
    ['NO TSUNAMI POTENTIAL', 'none'],
    ['No potential for a tsunami', 'none'],
    ['This earthquake does not have tsunami potential', 'none'],
    ['Not expected to generate a tsunami', 'none'],
    ['Non-tsunamigenic earthquake', 'none'],
    // felt, no tsunami concern
    ['Gempa ini dirasakan untuk diteruskan pada masyarakat', 'none'],
    ['gempa ini DIRASAKAN untuk diteruskan pada masyarakat', 'none'],
    ['Gempa ini dirasakn untuk diteruskan pada masyarakat', 'none'],
    ['This earthquake was felt; pass it on to the public', 'none'],
    // warnings in force
    ['Potensi TSUNAMI untuk diteruskan pada masyarakat', 'warning'],
    ['POTENSI TSUNAMI UNTUK DITERUSKAN PADA MASYARAKAT', 'warning'],
    ['Peringatan Dini Tsunami', 'warning'],
    ['Peringatan dini tsunami untuk wilayah NTT', 'warning'],
    ['Tsunami warning', 'warning'],
    ['Tsunami early warning for NTT', 'warning'],
    ['Awas tsunami', 'warning'],
    ['Waspada tsunami', 'warning'],
    // stated potential
    ['Berpotensi tsunami', 'potential'],
    ['BERPOTENSI TSUNAMI', 'potential'],
    ['Berpotensi tsunmi', 'potential'],
    ['Gempa ini berpotensi tsunami', 'potential'],
    ['Berpotensi TSUNAMI, jauhi pantai', 'potential'],
    ['Tsunami potential', 'potential'],
    ['Potential tsunami', 'potential'],
    ['TSUNAMI', 'potential'],
    // ended
    ['Peringatan dini tsunami telah berakhir', 'none'],
    ['Peringatan Dini TSUNAMI ... dinyatakan telah berakhir', 'none'],
    ['Tsunami warning ended', 'none'],
    ['The tsunami warning has been lifted', 'none'],
    // nothing usable
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['   ', 'unknown'],
    ['-', 'unknown'],
    ['Informasi belum tersedia', 'unknown'],
    ['Magnitudo 5,2 kedalaman 10 km', 'unknown'],
  ];

  it.each(VARIANTS)('%j → %s', (text, expected) => {
    expect(classifyTsunamiPotential(text)).toBe(expected);
  });

  it('does not let ordinary BMKG words pass for tsunami words (no false "none" from a typo-tolerant match)', () => {
    for (const text of [
      'Pemutakhiran peringatan dini',
      'telah terdeteksi di SIKKA',
      'Ikuti arahan BPBD',
      'disampaikan oleh Sistem Peringatan Dini',
    ]) {
      expect([text, classifyTsunamiPotential(text)]).not.toEqual([text, 'none']);
    }
  });
});
