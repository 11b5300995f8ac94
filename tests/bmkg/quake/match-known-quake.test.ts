// Revision detection: the same quake from another feed, BMKG's revision of it, a revision across a
// minute boundary, two quakes in one minute, and an aftershock.
import { describe, expect, it } from 'vitest';
import { matchKnownQuake } from '../../../src/bmkg/quake/match-known-quake.ts';
import { parseInatewsFeed } from '../../../src/bmkg/quake/parse-inatews-feed.ts';
import { parseQuakeFeed } from '../../../src/bmkg/quake/parse-quake-feed.ts';
import { quakeKey } from '../../../src/bmkg/quake/quake-key.ts';
import type { QuakeEvent } from '../../../src/bmkg/quake/quake-types.ts';
import { sameQuake } from '../../../src/bmkg/quake/same-quake.ts';
import { fixtureBytes } from './quake-fixtures.ts';

const nagekeo = parseInatewsFeed(fixtureBytes('inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml'), 'last30tsunamievent').events;
const PD1 = nagekeo[6] as QuakeEvent; // M7.0, 04:58:23 WIB, 8.33 S 121.32 E, 10 km
const PD2 = nagekeo[5] as QuakeEvent; // M7.7, 04:58:24 WIB, 8.41 S 121.39 E, 15 km
const JUNE = nagekeo[7] as QuakeEvent;

const moved = (e: QuakeEvent, fields: Partial<QuakeEvent>): QuakeEvent => ({
  ...e,
  ...fields,
  key: fields.originTime ? quakeKey(fields.originTime) : e.key,
});

describe('quakeKey', () => {
  it('is the origin time floored to the UTC minute', () => {
    expect(quakeKey('2026-08-14T21:58:59.999Z')).toBe('20260814T2158Z');
    expect(quakeKey('2026-08-14T21:59:00Z')).toBe('20260814T2159Z');
    expect(quakeKey(Date.UTC(2026, 0, 1, 0, 0, 30))).toBe('20260101T0000Z');
    expect(() => quakeKey('yesterday')).toThrow(/not a time/);
  });

  it('is the same for one quake in every feed', () => {
    const terkini = parseQuakeFeed(fixtureBytes('gempaterkini-20260924-first2of15.json'), 'gempaterkini').events;
    const last30 = parseInatewsFeed(fixtureBytes('inatews-last30event-20260922-2entries.xml'), 'last30event').events;
    expect(terkini.map((e) => e.key)).toEqual(last30.map((e) => e.key));
    const felt = parseInatewsFeed(fixtureBytes('inatews-datagempa-felt-20260926023929.json'), 'datagempa').events;
    const feltHistory = parseInatewsFeed(fixtureBytes('inatews-last30feltevent-20260926-2entries.xml'), 'last30feltevent').events;
    expect(felt[0]?.key).toBe(feltHistory[0]?.key);
  });
});

describe('sameQuake', () => {
  it("holds for BMKG's revision of the Nagekeo quake (1 s, 11.8 km apart) and not for another quake", () => {
    expect(sameQuake(PD1, PD2)).toBe(true);
    expect(sameQuake(PD1, JUNE)).toBe(false);
  });

  it('uses 60 s and 100 km as its limits', () => {
    const t = Date.parse(PD2.originTime);
    expect(sameQuake(PD2, { ...PD2, originTime: new Date(t + 60_000).toISOString() })).toBe(true);
    expect(sameQuake(PD2, { ...PD2, originTime: new Date(t + 61_000).toISOString() })).toBe(false);
    // 0.89° of latitude ≈ 99 km; 0.91° ≈ 101 km.
    expect(sameQuake(PD2, { ...PD2, lat: PD2.lat + 0.89 })).toBe(true);
    expect(sameQuake(PD2, { ...PD2, lat: PD2.lat + 0.91 })).toBe(false);
  });
});

describe('matchKnownQuake', () => {
  it("calls BMKG's revision a revision, keeps the known key, and says what moved", () => {
    const match = matchKnownQuake(PD2, [JUNE, PD1]);
    expect(match).toEqual({
      kind: 'revision',
      known: PD1,
      key: '20260814T2158Z',
      changes: [
        'magnitude 7 → 7.7',
        'depth 10 → 15 km',
        'epicentre moved 11.8 km (-8.33,121.32 → -8.41,121.39)',
        'origin time 2026-08-14T21:58:23Z → 2026-08-14T21:58:24Z',
      ],
    });
  });

  it('calls the same quake from another feed unchanged (gempaterkini and last30event of 2026-09-22)', () => {
    const terkini = parseQuakeFeed(fixtureBytes('gempaterkini-20260924-first2of15.json'), 'gempaterkini').events;
    const last30 = parseInatewsFeed(fixtureBytes('inatews-last30event-20260922-2entries.xml'), 'last30event').events;
    for (const e of last30) expect(matchKnownQuake(e, terkini)).toMatchObject({ kind: 'unchanged', known: { key: e.key } });
    // A feed without tsunami text (gempadirasakan, 'unknown') does not make a revision either.
    expect(matchKnownQuake({ ...(last30[0] as QuakeEvent), tsunami: 'unknown' }, terkini).kind).toBe('unchanged');
  });

  it('keeps the key when a revised origin time crosses into the next minute', () => {
    const known = moved(PD1, { originTime: '2026-08-14T21:58:58Z' });
    const revised = moved(PD2, { originTime: '2026-08-14T21:59:01Z' });
    expect(revised.key).toBe('20260814T2159Z');
    expect(matchKnownQuake(revised, [known])).toMatchObject({ kind: 'revision', key: '20260814T2158Z' });
  });

  it('gives a second quake in the same minute, far away, a key of its own', () => {
    const elsewhere = moved(PD2, { lat: 3.6, lon: 98.6 }); // Medan, over 1,000 km away
    expect(elsewhere.key).toBe(PD2.key);
    expect(matchKnownQuake(elsewhere, [PD2])).toEqual({ kind: 'new', key: '20260814T2158Z-2' });
    expect(matchKnownQuake(moved(elsewhere, { lon: 100 }), [PD2, { ...elsewhere, key: '20260814T2158Z-2' }])).toEqual({
      kind: 'new',
      key: '20260814T2158Z-3',
    });
  });

  it('treats an aftershock two minutes later as a new quake, and an escalation of the tsunami class as a revision', () => {
    const aftershock = moved(PD2, { originTime: '2026-08-14T22:00:30Z', magnitude: 5.9 });
    expect(matchKnownQuake(aftershock, [PD2])).toEqual({ kind: 'new', key: '20260814T2200Z' });
    const quiet: QuakeEvent = { ...PD2, tsunami: 'unknown' };
    expect(matchKnownQuake(PD2, [quiet])).toMatchObject({ kind: 'revision', changes: ['tsunami unknown → warning'] });
  });

  it('calls an unseen quake new, under its own key', () => {
    expect(matchKnownQuake(JUNE, [PD1, PD2])).toEqual({ kind: 'new', key: '20260607T2337Z' });
    expect(matchKnownQuake(JUNE, [])).toEqual({ kind: 'new', key: '20260607T2337Z' });
  });
});
