// Quakes as CAP messages Siaga issues: every event of every quake fixture must give a document
// that checkCap passes with no error; then the content of the message, one property at a time.
import { describe, expect, it } from 'vitest';
import { feltArea } from '../../../src/bmkg/quake/felt-area.ts';
import { parseInatewsFeed } from '../../../src/bmkg/quake/parse-inatews-feed.ts';
import { parseQuakeFeed } from '../../../src/bmkg/quake/parse-quake-feed.ts';
import { quakeToCap } from '../../../src/bmkg/quake/quake-to-cap.ts';
import type { InatewsSource, QuakeEvent, QuakeFeedSource } from '../../../src/bmkg/quake/quake-types.ts';
import { buildTargetSpec } from '../../../src/cap/build-target-spec.ts';
import { SENDER, fixtureBytes, writtenAndChecked } from './quake-fixtures.ts';

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
  ['inatews-live30event-20260926-3entries.xml', 'live30event'],
  ['inatews-lastQL-20241001.json', 'lastQL'],
  ['inatews-gempaQL-20241001.json', 'gempaQL'],
];

const ALL_EVENTS: QuakeEvent[] = [
  ...QUAKE_FIXTURES.flatMap(([name, source]) => parseQuakeFeed(fixtureBytes(name), source).events),
  ...INATEWS_FIXTURES.flatMap(([name, source]) => parseInatewsFeed(fixtureBytes(name), source).events),
];

/** Sent two minutes after the origin, as a job would. */
const sentFor = (e: QuakeEvent) => new Date(Date.parse(e.originTime) + 120_000);

const terkini = parseQuakeFeed(fixtureBytes('gempaterkini-20260924-first2of15.json'), 'gempaterkini').events;
const SANGIHE = terkini[0] as QuakeEvent; // M5.2, 10 km, "Tidak berpotensi tsunami"
const nagekeo = parseInatewsFeed(fixtureBytes('inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml'), 'last30tsunamievent').events;
const NAGEKEO = nagekeo[5] as QuakeEvent; // M7.7, 15 km, tsunami warning
const LEMBATA = parseQuakeFeed(fixtureBytes('autogempa-20260923.json'), 'autogempa').events[0] as QuakeEvent; // M1.8

describe('quakeToCap: every fixture event', () => {
  it(`passes checkCap with no error for all ${ALL_EVENTS.length} events, with only warnings about places outside Indonesia`, () => {
    expect(ALL_EVENTS.length).toBe(163);
    for (const event of ALL_EVENTS) {
      const { alert, warnings } = writtenAndChecked(quakeToCap(event, { sender: SENDER, now: sentFor(event) }));
      expect(alert.infos.map((i) => i.language)).toEqual(['id', 'en']);
      // The only warnings: circles centred outside Indonesia (live30event and gempaQL list foreign quakes).
      for (const w of warnings) expect([event.region, w.message]).toEqual([event.region, expect.stringMatching(/outside Indonesia/)]);
    }
  });
});

describe('quakeToCap: content', () => {
  const { alert } = writtenAndChecked(quakeToCap(SANGIHE, { sender: SENDER, now: new Date('2026-09-21T23:51:00Z') }));
  const [id, en] = alert.infos;

  it('is an Actual Alert identified by the quake key', () => {
    expect(alert).toMatchObject({
      identifier: 'siaga-quake-20260921T2348Z',
      sender: SENDER,
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      references: [],
      source: 'BMKG gempaterkini',
    });
  });

  it('has an Indonesian and an English block: Gempa Bumi / Earthquake, Geo, Past, Observed, severity from MMI', () => {
    // Predicted MMI at the epicentre of an M5.2 at 10 km: 6.25 → Severe.
    expect([id, en].map((i) => [i?.language, i?.event, i?.categories, i?.urgency, i?.severity, i?.certainty, i?.responseTypes])).toEqual([
      ['id', 'Gempa Bumi', ['Geo'], 'Past', 'Severe', 'Observed', ['Monitor']],
      ['en', 'Earthquake', ['Geo'], 'Past', 'Severe', 'Observed', ['Monitor']],
    ]);
  });

  it('sets onset at the origin and expires 6 h later', () => {
    expect(id?.onset?.epochMs).toBe(Date.parse('2026-09-21T23:48:13Z'));
    expect(id?.expires?.epochMs).toBe(Date.parse('2026-09-22T05:48:13Z'));
  });

  it('draws one circle per felt level from MMI IV that is reached, the same in both languages', () => {
    const radii = feltArea(SANGIHE);
    expect(id?.areas.map((a) => [a.areaDesc, a.circles.map((c) => [c.lat, c.lon, c.radiusKm])])).toEqual([
      ['Dirasakan MMI IV', [[4.74, 125.3, 50]]],
      ['Dirasakan MMI V', [[4.74, 125.3, 22.8]]],
      ['Dirasakan MMI VI', [[4.74, 125.3, 6.7]]],
    ]);
    expect(en?.areas.map((a) => a.areaDesc)).toEqual(['Felt MMI IV', 'Felt MMI V', 'Felt MMI VI']);
    expect(en?.areas.map((a) => a.circles)).toEqual(
      id?.areas.map((a) => a.circles.map((c) => ({ ...c, path: c.path.replace('info[0]', 'info[1]') }))),
    );
    // Radii are rounded up, never down.
    id?.areas.forEach((a, i) => expect(a.circles[0]?.radiusKm).toBeGreaterThanOrEqual(radii[i + 1]?.radiusKm ?? Infinity));
    const { spec } = buildTargetSpec(alert.infos, 0);
    expect(spec.circles.map((c) => c.radiusM)).toEqual([50_000, 22_800, 6_700, 50_000, 22_800, 6_700]);
  });

  it('describes magnitude, depth, place, Potensi and the time in WIB, and instructs for a felt quake', () => {
    expect(id?.headline).toBe('Gempa M5,2: 127 km BaratLaut TAHUNA-KEP.SANGIHE-SULUT');
    expect(id?.description).toContain(
      'bermagnitudo 5,2 pada 22 September 2026 pukul 06.48.13 WIB, di kedalaman 10 km, pusat gempa 4,74° LU 125,30° BT (127 km BaratLaut TAHUNA-KEP.SANGIHE-SULUT)',
    );
    expect(id?.description).toContain('Keterangan BMKG: Tidak berpotensi tsunami.');
    expect(id?.description).toContain('MMI IV hingga sekitar 50 km');
    expect(id?.description).toContain('Sumber data: BMKG');
    expect(en?.description).toContain('magnitude 5.2 occurred on 22 September 2026, 06:48:13 WIB, 10 km deep, epicentre 4.74° N 125.30° E');
    expect(en?.description).toContain('"Tidak berpotensi tsunami" (no tsunami potential)');
    expect(id?.instruction).toMatch(/tetangga yang lanjut usia dan penyandang disabilitas.*gempa susulan/);
    expect(en?.instruction).toMatch(/elderly and disabled neighbours.*aftershocks/);
  });

  it('carries magnitude, depth, origin and tsunami class as parameters', () => {
    expect(id?.parameters).toEqual([
      { valueName: 'magnitude', value: '5.2' },
      { valueName: 'depthKm', value: '10' },
      { valueName: 'originTime', value: '2026-09-21T23:48:13Z' },
      { valueName: 'tsunamiPotential', value: 'none' },
      { valueName: 'mmiMax', value: '6.2' },
      { valueName: 'siagaQuakeKey', value: '20260921T2348Z' },
    ]);
  });
});

describe('quakeToCap: classes and lineage', () => {
  it('makes a quake with a tsunami warning Immediate, at least Severe, and tells the coast to move to high ground', () => {
    const { alert } = writtenAndChecked(quakeToCap(NAGEKEO, { sender: SENDER, now: new Date('2026-08-14T22:00:00Z') }));
    const [id, en] = alert.infos;
    // Predicted MMI 8.1 at the epicentre → Extreme.
    expect([id?.urgency, id?.severity, id?.responseTypes]).toEqual(['Immediate', 'Extreme', ['Evacuate']]);
    expect(id?.headline).toBe('Gempa M7,7, peringatan tsunami: 30 km TimurLaut MBAY-NAGEKEO-NTT');
    expect(id?.instruction).toMatch(/menjauh menuju tempat yang tinggi/);
    expect(en?.instruction).toMatch(/^If you are on the coast or near a riverbank, move away now to high ground/);
    expect(id?.areas.map((a) => a.areaDesc)).toEqual(['Dirasakan MMI IV', 'Dirasakan MMI V', 'Dirasakan MMI VI']);
    const potential = writtenAndChecked(
      quakeToCap(
        { ...SANGIHE, tsunami: 'potential', potensi: 'Berpotensi tsunami' },
        { sender: SENDER, now: new Date('2026-09-21T23:51:00Z') },
      ),
    ).alert.infos[0];
    expect([potential?.urgency, potential?.severity]).toEqual(['Immediate', 'Severe']);
  });

  it("uses BMKG's felt report when it is higher than the prediction", () => {
    const { alert } = writtenAndChecked(quakeToCap({ ...LEMBATA, felt: 'V Lewoleba' }, { sender: SENDER, now: sentFor(LEMBATA) }));
    expect(alert.infos[0]?.severity).toBe('Moderate');
    // The quake itself is too small for any MMI IV circle: the message targets nobody and says so.
    expect(alert.infos[0]?.areas).toEqual([]);
    expect(alert.infos[0]?.description).toContain('guncangan di bawah MMI IV');
    expect(writtenAndChecked(quakeToCap(LEMBATA, { sender: SENDER, now: sentFor(LEMBATA) })).alert.infos[0]?.severity).toBe('Minor');
  });

  it('issues a revision as an Update with its own identifier, referencing the earlier message', () => {
    const first = quakeToCap(nagekeo[6] as QuakeEvent, { sender: SENDER, now: new Date('2026-08-14T22:00:40Z') });
    const { alert } = writtenAndChecked(
      quakeToCap(NAGEKEO, {
        sender: SENDER,
        now: new Date('2026-08-14T22:10:00Z'),
        previous: { identifier: first.identifier, sent: first.sent },
        note: 'magnitude 7 → 7.7',
      }),
    );
    expect(first.identifier).toBe('siaga-quake-20260814T2158Z');
    expect(alert).toMatchObject({
      identifier: 'siaga-quake-20260814T2158Z-r20260814T221000Z',
      msgType: 'Update',
      note: 'magnitude 7 → 7.7',
    });
    // A quake message is sent at the quake's time (no timesent given here); the revision after it.
    expect(alert.references.map((r) => [r.sender, r.identifier, r.sent.raw])).toEqual([
      [SENDER, 'siaga-quake-20260814T2158Z', '2026-08-14T21:58:23-00:00'],
    ]);
    expect(alert.sent.epochMs).toBeGreaterThan(first.sent.getTime());
    expect(alert.infos[0]?.expires?.epochMs).toBe((alert.sent.epochMs ?? 0) + 6 * 3_600_000);
    expect(() =>
      quakeToCap(NAGEKEO, {
        sender: SENDER,
        now: new Date('2026-08-14T22:10:00Z'),
        previous: { identifier: 'siaga-quake-20260814T2158Z-r20260814T221000Z', sent: new Date() },
      }),
    ).toThrow(/identifier of the message it updates/);
  });

  it('sends a BMKG test event with status Test and says so', () => {
    const test = parseInatewsFeed(fixtureBytes('inatews-datagempa-tsunami-warning-20180712085018-test.json'), 'datagempa')
      .events[0] as QuakeEvent;
    const { alert } = writtenAndChecked(quakeToCap(test, { sender: SENDER, now: sentFor(test) }));
    expect([alert.status, alert.note]).toEqual(['Test', 'BMKG marked this event as a test; nobody is to act on it.']);
    expect(alert.infos[0]?.headline).toMatch(/^\[UJI\/TEST\] /);
  });
});
