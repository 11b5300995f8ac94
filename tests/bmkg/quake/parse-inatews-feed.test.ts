// The InaTEWS feeds: every fixture with its values written out, the tsunami bulletins' stages,
// zones and tide-gauge observations, the swapped loclatitude/loclongitude, and refused bodies.
import { describe, expect, it } from 'vitest';
import { parseInatewsFeed } from '../../../src/bmkg/quake/parse-inatews-feed.ts';
import type { QuakeEvent } from '../../../src/bmkg/quake/quake-types.ts';
import { fixtureBytes, fixtureText } from './quake-fixtures.ts';

const core = (e: QuakeEvent) => [e.originTime, e.lat, e.lon, e.magnitude, e.depthKm, e.tsunami, e.key];

describe('parseInatewsFeed: quake bulletins', () => {
  it('reads datagempa JSON (felt quake, 2026-09-26 02:39:29 WIB, point "LON,LAT")', () => {
    const { bulletins, events, issues } = parseInatewsFeed(fixtureBytes('inatews-datagempa-felt-20260926023929.json'), 'datagempa');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([['2026-09-25T19:39:29Z', -8.23, 120.31, 4.9, 9, 'none', '20260925T1939Z']]);
    expect(bulletins[0]).toMatchObject({
      kind: 'quake',
      observed: false,
      sentAt: '2026-09-25T19:44:29Z',
      subject: 'Warning Gempa dirasakan',
      zones: [],
      event: {
        region: 'Pusat gempa berada di laut 46 km utara Ruteng-Manggarai',
        felt: 'II - III Kab. Manggarai',
        eventId: '20260926023929',
        shakemapUrl: 'https://bmkg-content-inatews.storage.googleapis.com/20260926023929.mmi.jpg',
        source: 'datagempa',
      },
    });
    expect(bulletins[0]?.event.test).toBeUndefined();
  });

  it('reads last30event XML (2 quakes of M ≥ 5, "tidak berpotensi TSUNAMI")', () => {
    const { events, issues } = parseInatewsFeed(fixtureBytes('inatews-last30event-20260922-2entries.xml'), 'last30event');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([
      ['2026-09-21T23:48:13Z', 4.74, 125.3, 5.2, 10, 'none', '20260921T2348Z'],
      ['2026-09-21T07:31:07Z', -0.7, 122.45, 5.3, 10, 'none', '20260921T0731Z'],
    ]);
  });

  it('reads last30feltevent XML', () => {
    const { events, issues } = parseInatewsFeed(fixtureBytes('inatews-last30feltevent-20260926-2entries.xml'), 'last30feltevent');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([
      ['2026-09-25T19:39:29Z', -8.23, 120.31, 4.9, 9, 'none', '20260925T1939Z'],
      ['2026-09-25T13:47:30Z', -7.04, 105.22, 4.7, 10, 'none', '20260925T1347Z'],
    ]);
    expect(events[1]?.felt).toBe(
      'III Sumur, III Muara Binuangeun, III Bayah, III Panggarangan, III Malingping, II - III Anyer, II - III Rangkasbitung',
    );
  });

  it('reads live30event (plain Infogempa, UTC, signed lintang/bujur; a quake off New Caledonia is no issue here)', () => {
    const { events, issues } = parseInatewsFeed(fixtureBytes('inatews-live30event-20260926-3entries.xml'), 'live30event');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([
      ['2026-09-26T08:10:21.751Z', -8.16, 120.23, 3.2, 10, 'unknown', '20260926T0810Z'],
      ['2026-09-26T07:22:19.405Z', -22.01, 168.88, 5.5, 10, 'unknown', '20260926T0722Z'],
      ['2026-09-26T04:26:21.915Z', -10.27, 124.31, 3.5, 24, 'unknown', '20260926T0426Z'],
    ]);
    expect(events.map((e) => [e.eventId, e.region])).toEqual([
      ['bmg2026swgz', 'Flores Region, Indonesia'],
      ['bmg2026swfl', 'New Caledonia'],
      ['bmg2026svzp', 'Timor Region'],
    ]);
  });

  it('reads lastQL and gempaQL (GeoJSON, numbers as strings, coordinates lon,lat)', () => {
    const last = parseInatewsFeed(fixtureBytes('inatews-lastQL-20241001.json'), 'lastQL');
    expect(last.issues).toEqual([]);
    expect(last.events.map(core)).toEqual([['2024-10-01T11:16:08.874Z', -2.878999, 129.632828, 4.447314, 10, 'unknown', '20241001T1116Z']]);
    expect(last.events[0]).toMatchObject({ region: 'Seram, Indonesia', eventId: 'bmg2024thmd', source: 'lastQL' });

    const all = parseInatewsFeed(fixtureBytes('inatews-gempaQL-20241001.json'), 'gempaQL');
    expect(all.issues).toEqual([]);
    expect(all.events).toHaveLength(122);
    expect(core(all.events[0] as QuakeEvent)).toEqual([
      '2024-10-01T10:59:49.101Z',
      0.987844,
      126.572929,
      2.76209,
      17.767141,
      'unknown',
      '20241001T1059Z',
    ]);
    expect(core(all.events[121] as QuakeEvent)).toEqual([
      '2024-09-24T02:24:24.926Z',
      -7.154121,
      107.47287,
      2.614605,
      10,
      'unknown',
      '20240924T0224Z',
    ]);
    // The deepest: the Banda Sea M6.1 at 599 km.
    const deepest = all.events.reduce((a, b) => (b.depthKm > a.depthKm ? b : a));
    expect([deepest.region, deepest.magnitude, deepest.depthKm]).toEqual(['Banda Sea', 6.093122, 598.711731]);
  });
});

describe('parseInatewsFeed: tsunami bulletins', () => {
  const nagekeo = parseInatewsFeed(fixtureBytes('inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml'), 'last30tsunamievent');

  it('reads all eight bulletins with stage, kind and whether the tsunami was observed', () => {
    expect(nagekeo.bulletins.map((b) => [b.stage, b.kind, b.observed, b.zones.length, b.observations.length, b.sentAt])).toEqual([
      ['PD-4', 'tsunami-ended', false, 0, 0, '2026-08-15T00:31:30Z'],
      ['PD-3.4', 'tsunami-warning', true, 22, 10, '2026-08-15T00:05:32Z'],
      ['PD-3.3', 'tsunami-warning', true, 22, 9, '2026-08-14T23:49:18Z'],
      ['PD-3.2', 'tsunami-warning', true, 22, 7, '2026-08-14T23:28:39Z'],
      ['PD-3.1', 'tsunami-warning', true, 22, 3, '2026-08-14T22:49:48Z'],
      ['PD-2', 'tsunami-warning', false, 22, 0, '2026-08-14T22:09:54Z'],
      // PD-1 lists NGADA BAGIAN UTARA twice; it is kept once.
      ['PD-1', 'tsunami-warning', false, 1, 0, '2026-08-14T22:00:37Z'],
      ['PD-4', 'tsunami-ended', false, 0, 0, '2026-06-08T03:15:48Z'],
    ]);
  });

  it('reads the quake of each: PD-1 (automatic, M7.0) and the revised M7.7, and the June M7.7', () => {
    expect(nagekeo.events.map(core)).toEqual([
      ['2026-08-14T21:58:24Z', -8.41, 121.39, 7.7, 15, 'warning', '20260814T2158Z'],
      ['2026-08-14T21:58:24Z', -8.41, 121.39, 7.7, 15, 'warning', '20260814T2158Z'],
      ['2026-08-14T21:58:24Z', -8.41, 121.39, 7.7, 15, 'warning', '20260814T2158Z'],
      ['2026-08-14T21:58:24Z', -8.41, 121.39, 7.7, 15, 'warning', '20260814T2158Z'],
      ['2026-08-14T21:58:24Z', -8.41, 121.39, 7.7, 15, 'warning', '20260814T2158Z'],
      ['2026-08-14T21:58:24Z', -8.41, 121.39, 7.7, 15, 'warning', '20260814T2158Z'],
      ['2026-08-14T21:58:23Z', -8.33, 121.32, 7.0, 10, 'warning', '20260814T2158Z'],
      ['2026-06-07T23:37:42Z', 5.79, 125.14, 7.7, 47, 'warning', '20260607T2337Z'],
    ]);
  });

  it('reads the warning zones with level, province, district as written, and expected arrival (UTC)', () => {
    const pd2 = nagekeo.bulletins[5];
    expect(pd2?.zones.slice(0, 2)).toEqual([
      { level: 'SIAGA', province: 'NTT', district: 'MANGGARAI BAGIAN UTARA', expectedAt: '2026-08-14T22:02:23Z' },
      { level: 'SIAGA', province: 'NTT', district: 'NGADA BAGIAN UTARA', expectedAt: '2026-08-14T22:02:23Z' },
    ]);
    expect(pd2?.zones.filter((z) => z.level === 'SIAGA').map((z) => z.district)).toEqual([
      'MANGGARAI BAGIAN UTARA',
      'NGADA BAGIAN UTARA',
      'MANGGARAI-BARAT BAGIAN UTARA',
      'SELAYAR',
      'ENDE BAGIAN UTARA',
      'SIKKA BAGIAN UTARA',
      'JENEPONTO',
      'BANTAENG',
    ]);
    expect(pd2?.zones.filter((z) => z.level === 'WASPADA')).toHaveLength(14);
    expect(pd2?.zones.at(-1)).toEqual({
      level: 'WASPADA',
      province: 'SULSEL',
      district: 'KOTA-PALOPO',
      expectedAt: '2026-08-14T23:41:23Z',
    });
  });

  it('swaps back the loclatitude/loclongitude of the PD-3.2 and PD-3.1 blocks and records each', () => {
    const swapped = nagekeo.issues.filter((i) => /looks swapped/.test(i.message));
    expect(swapped.map((i) => i.path)).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6].map((n) => `alert/info[3].obsarea[${n}].loclatitude`),
      ...[0, 1, 2].map((n) => `alert/info[4].obsarea[${n}].loclatitude`),
    ]);
    expect(swapped[0]?.message).toMatch(/"124\.23"\/"-8\.26" looks swapped.*read as latitude -8\.26, longitude 124\.23/);
    // Fixed, they equal the PD-3.4 block's correct pairs for the same gauges.
    const correct = new Map(nagekeo.bulletins[1]?.observations.map((o) => [o.location, [o.lat, o.lon]]));
    for (const b of [nagekeo.bulletins[3], nagekeo.bulletins[4]])
      for (const o of b?.observations ?? []) expect([o.location, o.lat, o.lon]).toEqual([o.location, ...(correct.get(o.location) ?? [])]);
    expect(nagekeo.bulletins[4]?.observations).toEqual([
      { location: 'DOMPU', lat: -8.3, lon: 118.38, heightM: 0.17, observedAt: '2026-08-14T22:29:00Z' },
      { location: 'LABUANBAJO', lat: -8.49, lon: 119.87, heightM: 0.36, observedAt: '2026-08-14T22:26:00Z' },
      { location: 'SIKKA', lat: -8.3, lon: 121.73, heightM: 0.19, observedAt: '2026-08-14T22:03:00Z' },
    ]);
    // The only other issue is PD-1's repeated zone.
    expect(nagekeo.issues.filter((i) => !/looks swapped/.test(i.message))).toEqual([
      { path: 'alert/info[6].wzarea[1]', message: 'The warning zone WASPADA NTT NGADA BAGIAN UTARA is listed twice; it was kept once.' },
    ]);
  });

  it('marks the BMKG test bulletin (identifier TEST-1, "Hanya TEST Event") as a test and reads its 46 zones', () => {
    const { bulletins, issues } = parseInatewsFeed(fixtureBytes('inatews-datagempa-tsunami-warning-20180712085018-test.json'), 'datagempa');
    expect(issues).toEqual([]);
    const b = bulletins[0];
    expect(b?.event.test).toBe(true);
    expect(core(b?.event as QuakeEvent)).toEqual(['2018-07-11T04:04:25Z', -10.48, 112.83, 7.8, 10, 'warning', '20180711T0404Z']);
    expect([b?.kind, b?.stage, b?.observed]).toEqual(['tsunami-warning', 'PD-1', false]);
    expect(b?.zones.map((z) => z.level).reduce<Record<string, number>>((n, l) => ({ ...n, [l]: (n[l] ?? 0) + 1 }), {})).toEqual({
      AWAS: 2,
      SIAGA: 21,
      WASPADA: 23,
    });
    expect(b?.zones[0]).toEqual({
      level: 'AWAS',
      province: 'JATIM',
      district: 'JEMBER PULAU NUSABARUNG',
      expectedAt: '2018-07-11T04:16:55Z',
    });
  });
});

describe('parseInatewsFeed: bad bodies', () => {
  it('refuses hostile and truncated XML, and broken JSON, with one issue each', () => {
    const xml = fixtureText('inatews-last30event-20260922-2entries.xml');
    for (const [input, pattern] of [
      ['<?xml version="1.0"?><!DOCTYPE alert SYSTEM "http://169.254.169.254/latest/meta-data/"><alert/>', /document type declaration/],
      [xml.slice(0, 1500), /not well-formed/],
      [fixtureText('inatews-datagempa-felt-20260926023929.json').slice(0, 300), /neither XML nor valid JSON/],
    ] as const) {
      const result = parseInatewsFeed(input, 'last30event');
      expect(result.bulletins).toEqual([]);
      expect(result.issues).toEqual([{ path: 'document', message: expect.stringMatching(pattern) as unknown }]);
    }
  });

  it('refuses a body of another shape for the source named', () => {
    expect(parseInatewsFeed(fixtureBytes('inatews-lastQL-20241001.json'), 'datagempa').issues[0]?.message).toMatch(/no "info"/);
    expect(parseInatewsFeed(fixtureBytes('inatews-datagempa-felt-20260926023929.json'), 'gempaQL').issues[0]?.message).toMatch(
      /not a GeoJSON FeatureCollection/,
    );
    expect(parseInatewsFeed(fixtureBytes('autogempa-20220822-poso.xml'), 'last30event').issues[0]?.message).toMatch(
      /root <infogempa>, not <alert>/,
    );
  });

  it('skips an info block with an unreadable quake and keeps the rest', () => {
    const broken = fixtureText('inatews-last30event-20260922-2entries.xml').replace(
      '<magnitude>5.2</magnitude>',
      '<magnitude>n/a</magnitude>',
    );
    const { events, issues } = parseInatewsFeed(broken, 'last30event');
    expect(events.map((e) => e.magnitude)).toEqual([5.3]);
    expect(issues).toEqual([{ path: 'alert/info[0].magnitude', message: 'magnitude "n/a" is not a magnitude; the block was skipped.' }]);
  });
});
