// BMKG's own documents (fixtures/bmkg, see its SOURCES.md): every nowcast CAP file must validate,
// the id and en files are two languages of one alert, the RSS index lists the CAP links, and
// swapped coordinates in an Indonesian message are explained in terms a liaison can act on.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCap } from '../../src/cap/check-cap.ts';
import { checkCapFeed } from '../../src/cap/check-cap-feed.ts';
import { expectGolden, goldenJson } from '../support/golden.ts';
import { at, FIXTURES, fixtureBytes, fixtureText } from './cap-fixtures.ts';

const NOWCASTS = readdirSync(new URL('bmkg/', FIXTURES)).filter((f) => /^cap-nowcast-.*\.xml$/.test(f));

describe('BMKG nowcast CAP', () => {
  it('has the three nowcast fixtures', () => {
    expect(NOWCASTS.sort()).toEqual([
      'cap-nowcast-CBT20260216004-id-unverified.xml',
      'cap-nowcast-CGT20260924002-en.xml',
      'cap-nowcast-CGT20260924002-id.xml',
    ]);
  });

  it.each(NOWCASTS)('%s is valid CAP 1.2 with polygons only', (file) => {
    const r = checkCap(fixtureBytes(`bmkg/${file}`));
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.alert?.version).toBe('1.2');
    const areas = r.alert?.infos.flatMap((i) => i.areas) ?? [];
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) {
      expect(area.polygons.length).toBeGreaterThan(0);
      expect(area.circles).toEqual([]);
      for (const polygon of area.polygons) expect(polygon.ring[0]).toEqual(polygon.ring[polygon.ring.length - 1]);
    }
  });

  it('reads the id and en documents as one alert in two languages', () => {
    const id = checkCap(fixtureBytes('bmkg/cap-nowcast-CGT20260924002-id.xml')).alert;
    const en = checkCap(fixtureBytes('bmkg/cap-nowcast-CGT20260924002-en.xml')).alert;
    const key = (a: typeof id) => a && { sender: a.sender, identifier: a.identifier, sent: a.sent };
    expect(key(id)).toEqual({
      sender: 'cuaca.ekstrem@bmkg.go.id',
      identifier: '2.49.0.1.360.0.2026.09.24.07.75.002',
      sent: { raw: '2026-09-24T15:07:00+08:00', epochMs: Date.UTC(2026, 8, 24, 7, 7) },
    });
    expect(key(en)).toEqual(key(id));
    expect([id?.infos[0]?.language, en?.infos[0]?.language]).toEqual(['id', 'en']);
    expect(en?.infos[0]?.event).toBe('Thunderstorm');
    expect(id?.infos[0]?.event).toBe('Hujan Lebat dan Petir');
    expect(en?.infos[0]?.areas).toEqual(id?.infos[0]?.areas);
  });

  it('gives the reviewed model for the en document (golden)', () => {
    const alert = checkCap(fixtureBytes('bmkg/cap-nowcast-CGT20260924002-en.xml')).alert;
    expectGolden(goldenJson(alert), 'cap-golden/cap-nowcast-CGT20260924002-en.alert.json');
  });

  it('reports swapped lon,lat in a BMKG polygon as an error that names the fix', () => {
    const xml = fixtureText('bmkg/cap-nowcast-CGT20260924002-en.xml').replace(/<polygon>([^<]*)<\/polygon>/, (_m, pairs: string) => {
      const swapped = pairs.split(' ').map((p) => p.split(',').reverse().join(','));
      return `<polygon>${swapped.join(' ')}</polygon>`;
    });
    const r = checkCap(xml);
    expect(r.valid).toBe(false);
    expect(at(r.errors, 'alert/info[0]/area[0]/polygon[0]').map((i) => i.message)).toEqual([
      '44 point(s) of the polygon are outside the valid range, such as "122.117,0.919" (latitude -90 to 90, longitude -180 to 180). It looks like longitude,latitude: read the other way round (0.919,122.117) it lies in Indonesia. CAP writes latitude first.',
    ]);
  });

  it('warns when an Indonesian polygon lies outside Indonesia (e.g. a template polygon left in)', () => {
    const xml = fixtureText('bmkg/cap-nowcast-CBT20260216004-id-unverified.xml').replace(
      /<polygon>[^<]*<\/polygon>/,
      '<polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>',
    );
    const r = checkCap(xml);
    expect(r.errors).toEqual([]);
    expect(at(r.warnings, 'alert/info[0]/area[0]/polygon[0]').map((i) => i.message)).toEqual([
      '5 of 5 polygon point(s) lie outside Indonesia, such as "38.47,-120.14"; check that the pairs are latitude,longitude with the right signs (south is negative).',
    ]);
    expect(at(r.warnings, 'alert/info[0]/area[0]/polygon[1]')).toEqual([]);
  });

  it('refuses the InaTEWS tsunami bulletin as CAP: it is CAP-shaped but not valid', () => {
    const r = checkCap(fixtureBytes('bmkg/inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml'));
    expect(r.valid).toBe(false);
    expect(at(r.errors, 'alert/sent')[0]?.message).toMatch(/"2026-08-15T07:31:30WIB" is not a date-time in CAP form/);
    expect(at(r.errors, 'alert/info[0]/magnitude')[0]?.message).toBe('<magnitude> is not a CAP element allowed inside <info>.');
  });
});

describe('BMKG nowcast RSS index', () => {
  it('lists every item with its CAP link and the alert identifier as guid', () => {
    const r = checkCapFeed(fixtureBytes('bmkg/rss-nowcast-id-20260924.xml'));
    expect(r).toMatchObject({ valid: true, refused: false, kind: 'rss', errors: [], warnings: [] });
    expect(r.entries).toHaveLength(11);
    for (const e of r.entries) expect(e.capUrl).toMatch(/^https:\/\/www\.bmkg\.go\.id\/alerts\/nowcast\/id\/[A-Z]{3}\d{11}_alert\.xml$/);
    const cgt = r.entries.find((e) => e.capUrl?.endsWith('/CGT20260924002_alert.xml'));
    expect(cgt?.id).toBe(checkCap(fixtureBytes('bmkg/cap-nowcast-CGT20260924002-id.xml')).alert?.identifier);
  });
});
