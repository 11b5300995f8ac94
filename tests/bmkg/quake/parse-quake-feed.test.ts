// The data.bmkg.go.id/DataMKG/TEWS quake feeds: every fixture, with its values written out, and
// the ways a body goes wrong (swapped pairs, disagreeing fields, hostile or broken documents).
import { describe, expect, it } from 'vitest';
import { parseQuakeFeed } from '../../../src/bmkg/quake/parse-quake-feed.ts';
import type { QuakeEvent } from '../../../src/bmkg/quake/quake-types.ts';
import { fixtureBytes, fixtureText } from './quake-fixtures.ts';

type Core = Pick<QuakeEvent, 'originTime' | 'lat' | 'lon' | 'magnitude' | 'depthKm' | 'tsunami' | 'key'>;
const core = (e: QuakeEvent): Core => ({
  originTime: e.originTime,
  lat: e.lat,
  lon: e.lon,
  magnitude: e.magnitude,
  depthKm: e.depthKm,
  tsunami: e.tsunami,
  key: e.key,
});

describe('parseQuakeFeed: fixtures', () => {
  it('reads autogempa JSON (2026-09-23, M1.8 Lembata, felt)', () => {
    const { events, issues } = parseQuakeFeed(fixtureBytes('autogempa-20260923.json'), 'autogempa');
    expect(issues).toEqual([]);
    expect(events).toEqual([
      {
        // Jam "19:16:56 WIB" and DateTime "2026-09-23T12:16:56+00:00" agree.
        originTime: '2026-09-23T12:16:56Z',
        lat: -8.51,
        lon: 123.27,
        depthKm: 12,
        magnitude: 1.8,
        region: 'Pusat gempa berada di darat 24 km barat daya Lembata',
        potensi: 'Gempa ini dirasakan untuk diteruskan pada masyarakat',
        felt: 'II-III Kab. Lembata',
        shakemapUrl: 'https://data.bmkg.go.id/DataMKG/TEWS/20260923191656.mmi.jpg',
        tsunami: 'none',
        key: '20260923T1216Z',
        source: 'autogempa',
      },
    ]);
  });

  it('reads autogempa JSON (2024-01-10, M2.8 Sumedang)', () => {
    const { events, issues } = parseQuakeFeed(fixtureBytes('autogempa-20240110-sumedang.json'), 'autogempa');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([
      { originTime: '2024-01-10T13:17:26Z', lat: -6.83, lon: 107.95, magnitude: 2.8, depthKm: 6, tsunami: 'none', key: '20240110T1317Z' },
    ]);
    expect(events[0]?.felt).toBe('III Sumedang Utara');
  });

  it('reads current-format autogempa XML, whose point.coordinates is lat,lon (2022-08-22, M4.2 Poso; Tanggal "22 Agu 2022")', () => {
    const { events, issues } = parseQuakeFeed(fixtureBytes('autogempa-20220822-poso.xml'), 'autogempa');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([
      { originTime: '2022-08-22T12:08:45Z', lat: -1.85, lon: 120.88, magnitude: 4.2, depthKm: 5, tsunami: 'none', key: '20220822T1208Z' },
    ]);
    expect(events[0]).toMatchObject({
      region: 'Pusat gempa berada di darat 8 km TimurLaut Poso',
      felt: 'II - III Tomata',
      shakemapUrl: 'https://data.bmkg.go.id/DataMKG/TEWS/20220822190845.mmi.jpg',
    });
  });

  it('reads the legacy pre-2021 autogempa XML: coordinates LON,LAT, "6.3 SR", "94 Km", Wilayah1, no DateTime', () => {
    const { events, issues } = parseQuakeFeed(fixtureBytes('autogempa-legacy-20200623-format-pre2021.xml'), 'autogempa');
    expect(issues).toEqual([]);
    // "123.82,0.03" is lon,lat; Lintang "0.03 LU" and Bujur "123.82 BT" agree. 14:43:29 WIB = 07:43:29 UTC.
    expect(events.map(core)).toEqual([
      { originTime: '2020-06-23T07:43:29Z', lat: 0.03, lon: 123.82, magnitude: 6.3, depthKm: 94, tsunami: 'none', key: '20200623T0743Z' },
    ]);
    expect(events[0]?.region).toBe('42 km BaratDaya BOLAANGUKI-BOLSEL-SULUT');
    expect(events[0]?.potensi).toBe('tidak berpotensi TSUNAMI');
    expect(events[0]?.shakemapUrl).toBeUndefined();
  });

  it('reads gempaterkini (2026-09-24, 2 of 15 entries)', () => {
    const { events, issues } = parseQuakeFeed(fixtureBytes('gempaterkini-20260924-first2of15.json'), 'gempaterkini');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([
      // 22 Sep 2026 06:48:13 WIB is still 21 Sep in UTC.
      { originTime: '2026-09-21T23:48:13Z', lat: 4.74, lon: 125.3, magnitude: 5.2, depthKm: 10, tsunami: 'none', key: '20260921T2348Z' },
      { originTime: '2026-09-21T07:31:07Z', lat: -0.7, lon: 122.45, magnitude: 5.3, depthKm: 10, tsunami: 'none', key: '20260921T0731Z' },
    ]);
    expect(events.map((e) => e.source)).toEqual(['gempaterkini', 'gempaterkini']);
  });

  it('reads the pretty-printed gempaterkini of 2023 (all 15 entries)', () => {
    const { events, issues } = parseQuakeFeed(fixtureBytes('gempaterkini-20230712-pretty.json'), 'gempaterkini');
    expect(issues).toEqual([]);
    expect(events.map((e) => [e.originTime, e.lat, e.lon, e.magnitude, e.depthKm, e.tsunami])).toEqual([
      ['2023-07-12T08:39:35Z', -10.01, 118.81, 5.3, 10, 'none'],
      ['2023-07-10T01:19:04Z', 3.65, 95.84, 5.2, 27, 'none'],
      ['2023-07-09T14:09:06Z', 5.38, 94.77, 5.5, 24, 'none'],
      ['2023-07-07T04:25:08Z', -2.4, 140.07, 5.0, 28, 'none'],
      ['2023-07-06T17:13:19Z', -7.17, 129.62, 6.0, 162, 'none'],
      ['2023-07-03T02:51:38Z', -3.71, 140.25, 6.2, 33, 'none'],
      ['2023-07-01T18:44:18Z', -7.89, 117.66, 5.0, 31, 'none'],
      ['2023-06-30T12:57:43Z', -8.63, 110.08, 6.4, 25, 'none'],
      ['2023-06-30T10:37:31Z', -0.59, 122.44, 5.3, 10, 'none'],
      ['2023-06-30T10:29:48Z', 3.6, 127.94, 5.0, 94, 'none'],
      ['2023-06-30T02:00:38Z', -6.99, 129.67, 5.1, 160, 'none'],
      ['2023-06-29T13:52:47Z', 4.9, 126.04, 5.0, 104, 'none'],
      ['2023-06-27T16:55:17Z', -7.35, 130.22, 5.5, 123, 'none'],
      ['2023-06-26T10:12:37Z', 2.13, 98.41, 5.1, 71, 'none'],
      ['2023-06-20T08:39:18Z', -0.91, 98.55, 5.8, 10, 'none'],
    ]);
  });

  it('reads gempadirasakan, which has no Potensi: tsunami class unknown', () => {
    const { events, issues } = parseQuakeFeed(fixtureBytes('gempadirasakan-20260924-first2of15.json'), 'gempadirasakan');
    expect(issues).toEqual([]);
    expect(events.map(core)).toEqual([
      {
        originTime: '2026-09-23T02:02:44Z',
        lat: -8.21,
        lon: 120.61,
        magnitude: 4.7,
        depthKm: 9,
        tsunami: 'unknown',
        key: '20260923T0202Z',
      },
      { originTime: '2026-09-22T22:27:42Z', lat: -7, lon: 105.57, magnitude: 4.6, depthKm: 20, tsunami: 'unknown', key: '20260922T2227Z' },
    ]);
    expect(events.map((e) => [e.potensi, e.felt])).toEqual([
      [undefined, 'II - III Kab. Manggarai'],
      [undefined, 'II - III Sumur'],
    ]);
  });

  it('reads text as well as bytes, with the same result', () => {
    expect(parseQuakeFeed(fixtureText('autogempa-20220822-poso.xml'), 'autogempa')).toEqual(
      parseQuakeFeed(fixtureBytes('autogempa-20220822-poso.xml'), 'autogempa'),
    );
  });
});

const SUMEDANG = JSON.parse(fixtureText('autogempa-20240110-sumedang.json')) as { Infogempa: { gempa: Record<string, string> } };
function sumedangWith(fields: Record<string, string | undefined>): string {
  const gempa: Record<string, string> = { ...SUMEDANG.Infogempa.gempa };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete gempa[k];
    else gempa[k] = v;
  }
  return JSON.stringify({ Infogempa: { gempa } });
}

describe('parseQuakeFeed: coordinates', () => {
  it('swaps a lon,lat Coordinates back when Lintang/Bujur say so, and records it', () => {
    const { events, issues } = parseQuakeFeed(sumedangWith({ Coordinates: '107.95,-6.83' }), 'autogempa');
    expect(events.map((e) => [e.lat, e.lon])).toEqual([[-6.83, 107.95]]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('Infogempa.gempa.Coordinates');
    expect(issues[0]?.message).toMatch(/wrong way round.*swapped back/);
  });

  it('swaps a pair whose "latitude" is beyond ±90° when no Lintang/Bujur are there to check', () => {
    const { events, issues } = parseQuakeFeed(
      sumedangWith({ Coordinates: '107.95,-6.83', Lintang: undefined, Bujur: undefined }),
      'autogempa',
    );
    expect(events.map((e) => [e.lat, e.lon])).toEqual([[-6.83, 107.95]]);
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/looks swapped: its latitude 107\.95 is beyond ±90°/)]);
  });

  it('keeps an epicentre outside Indonesia that no swap explains, with an issue', () => {
    const { events, issues } = parseQuakeFeed(
      sumedangWith({ Coordinates: '-3.5,40.2', Lintang: undefined, Bujur: undefined }),
      'autogempa',
    );
    expect(events.map((e) => [e.lat, e.lon])).toEqual([[-3.5, 40.2]]);
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/outside Indonesia's bounds; it was kept/)]);
  });

  it('says when the swapped pair lands in Indonesia', () => {
    const { issues } = parseQuakeFeed(sumedangWith({ Coordinates: '107.95,-6.83', Lintang: undefined, Bujur: undefined }), 'autogempa');
    expect(issues[0]?.message).toMatch(/read the other way round \(-6\.83,107\.95\) it lies in Indonesia/);
  });

  it('uses the lettered fields when they and the pair disagree beyond a swap (a sign error), and says so', () => {
    const { events, issues } = parseQuakeFeed(sumedangWith({ Coordinates: '6.83,107.95' }), 'autogempa');
    expect(events.map((e) => [e.lat, e.lon])).toEqual([[-6.83, 107.95]]);
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/disagrees with Lintang "6\.83 LS".*lettered fields.*were used/)]);
  });

  it('reads a legacy XML whose pair is mistakenly lat,lon: the lettered fields catch it', () => {
    const legacy = fixtureText('autogempa-legacy-20200623-format-pre2021.xml').replace(
      '<coordinates>123.82,0.03</coordinates>',
      '<coordinates>0.03,123.82</coordinates>',
    );
    const { events, issues } = parseQuakeFeed(legacy, 'autogempa');
    expect(events.map((e) => [e.lat, e.lon])).toEqual([[0.03, 123.82]]);
    expect(issues[0]?.message).toMatch(/documented as lon,lat.*wrong way round/);
  });

  it('skips a record with no usable position and keeps the others', () => {
    const body = JSON.parse(fixtureText('gempaterkini-20260924-first2of15.json')) as { Infogempa: { gempa: Record<string, string>[] } };
    const first = body.Infogempa.gempa[0];
    if (!first) throw new Error('fixture changed');
    first.Coordinates = 'n/a';
    delete first.Lintang;
    const { events, issues } = parseQuakeFeed(JSON.stringify(body), 'gempaterkini');
    expect(events.map((e) => e.originTime)).toEqual(['2026-09-21T07:31:07Z']);
    expect(issues.map((i) => i.path)).toEqual(['Infogempa.gempa[0].Coordinates', 'Infogempa.gempa[0]']);
  });
});

describe('parseQuakeFeed: times', () => {
  it('reports a Tanggal that disagrees with DateTime and keeps DateTime (a hand-edited date)', () => {
    const { events, issues } = parseQuakeFeed(sumedangWith({ Tanggal: '9 Jan 2024' }), 'autogempa');
    expect(events[0]?.originTime).toBe('2024-01-10T13:17:26Z');
    expect(issues).toEqual([
      { path: 'Infogempa.gempa.Tanggal', message: expect.stringMatching(/2024-01-09T13:17:26.*DateTime was used/) as unknown },
    ]);
  });

  it('falls back to Tanggal + Jam in WIB when DateTime is missing', () => {
    const { events, issues } = parseQuakeFeed(sumedangWith({ DateTime: undefined }), 'autogempa');
    expect(issues).toEqual([]);
    expect(events[0]?.originTime).toBe('2024-01-10T13:17:26Z');
  });

  it('converts WITA and WIT (UTC+8, +9) and Indonesian months (Agt, Okt, Des, Mei)', () => {
    const at = (Tanggal: string, Jam: string) =>
      parseQuakeFeed(sumedangWith({ DateTime: undefined, Tanggal, Jam }), 'autogempa').events[0]?.originTime;
    expect(at('01 Agt 2025', '07:00:00 WITA')).toBe('2025-07-31T23:00:00Z');
    expect(at('15 Okt 2025', '08:30:15 WIT')).toBe('2025-10-14T23:30:15Z');
    expect(at('31 Des 2025', '23:59:59 WIB')).toBe('2025-12-31T16:59:59Z');
    expect(at('5 Mei 2025', '12:00:00 WIB')).toBe('2025-05-05T05:00:00Z');
  });

  it('skips a record whose only time has no zone, with an issue', () => {
    const { events, issues } = parseQuakeFeed(sumedangWith({ DateTime: undefined, Jam: '20:17:26' }), 'autogempa');
    expect(events).toEqual([]);
    expect(issues[0]?.message).toMatch(/names no Indonesian time zone/);
  });
});

describe('parseQuakeFeed: refused bodies are issues, never exceptions', () => {
  const refusedWith = (input: string | Uint8Array, pattern: RegExp) => {
    const result = parseQuakeFeed(input, 'autogempa');
    expect(result.events).toEqual([]);
    expect(result.issues).toEqual([{ path: 'document', message: expect.stringMatching(pattern) as unknown }]);
  };

  it('refuses XML with a DTD or entity declarations (XXE, billion laughs) unread', () => {
    refusedWith(
      '<?xml version="1.0"?><!DOCTYPE Infogempa [<!ENTITY x SYSTEM "file:///etc/passwd">]><Infogempa><gempa><Wilayah>&x;</Wilayah></gempa></Infogempa>',
      /refused.*document type declaration/,
    );
    refusedWith('<?xml version="1.0"?>\n<!ENTITY lol "lol"><Infogempa/>', /refused/);
  });

  it('refuses truncated XML and truncated JSON', () => {
    const xml = fixtureText('autogempa-20220822-poso.xml');
    refusedWith(xml.slice(0, Math.floor(xml.length / 2)), /not well-formed/);
    const json = fixtureText('autogempa-20260923.json');
    refusedWith(json.slice(0, 120), /neither XML nor valid JSON/);
  });

  it('refuses an empty body, an HTML error page, and a body over the size limit', () => {
    refusedWith('', /empty/);
    refusedWith('<html><body><h1>403 Forbidden</h1></body></html>', /root <html>, not <Infogempa>/);
    const result = parseQuakeFeed(fixtureBytes('gempaterkini-20230712-pretty.json'), 'gempaterkini', { maxBytes: 1000 });
    expect(result.events).toEqual([]);
    expect(result.issues[0]?.message).toMatch(/larger than the 1000-byte limit/);
  });

  it('refuses bytes that are not valid UTF-8, and JSON of another shape', () => {
    refusedWith(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), /not valid UTF-8/);
    refusedWith('{"data":[]}', /no "Infogempa"/);
    refusedWith('{"Infogempa":{"gempa":[]}}', /no "gempa" entry/);
  });
});
