// InaTEWS tsunami bulletins as CAP messages Siaga issues, over zones resolved to Kemendagri codes
// with matchRegionName: every tsunami bulletin of the fixtures must pass checkCap with no error.
import { describe, expect, it } from 'vitest';
import { inatewsProvinceCodes } from '../../../src/bmkg/quake/inatews-province-codes.ts';
import { matchRegionName } from '../../../src/bmkg/quake/match-region-name.ts';
import { parseInatewsFeed } from '../../../src/bmkg/quake/parse-inatews-feed.ts';
import type { InatewsBulletin, TsunamiLevel } from '../../../src/bmkg/quake/quake-types.ts';
import { tsunamiWarningToCap } from '../../../src/bmkg/quake/tsunami-warning-to-cap.ts';
import { buildTargetSpec } from '../../../src/cap/build-target-spec.ts';
import { KEMENDAGRI_REGENCIES } from '../../../src/registry/kemendagri-regencies.ts';
import { SENDER, fixtureBytes, writtenAndChecked } from './quake-fixtures.ts';

const NAGEKEO = parseInatewsFeed(fixtureBytes('inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml'), 'last30tsunamievent').bulletins;
const TEST = parseInatewsFeed(fixtureBytes('inatews-datagempa-tsunami-warning-20180712085018-test.json'), 'datagempa')
  .bulletins[0] as InatewsBulletin;
const [ENDED, PD34, , , PD31, PD2, PD1, JUNE_ENDED] = NAGEKEO as [
  InatewsBulletin,
  InatewsBulletin,
  InatewsBulletin,
  InatewsBulletin,
  InatewsBulletin,
  InatewsBulletin,
  InatewsBulletin,
  InatewsBulletin,
];

/** What a job does: each zone's name resolved among its province's kabupaten/kota. */
function resolve(bulletin: InatewsBulletin): { level: TsunamiLevel; code: string }[] {
  return bulletin.zones.flatMap((z) => {
    const provinces = inatewsProvinceCodes(z.province);
    const code = matchRegionName(
      z.district,
      KEMENDAGRI_REGENCIES.filter((r) => provinces.some((p) => r.code.startsWith(`${p}.`))),
    );
    return code === undefined ? [] : [{ level: z.level, code }];
  });
}

const sentAfter = (b: InatewsBulletin) => new Date(Date.parse(b.sentAt ?? b.event.originTime) + 60_000);

describe('tsunamiWarningToCap: every tsunami bulletin of the fixtures', () => {
  it('passes checkCap with no error (warnings: geocode-only areas), warnings as Alert/Update, endings as Cancel', () => {
    let previous: { identifier: string; sent: Date } | undefined;
    // Oldest first, as a job sees them: PD-1, PD-2, PD-3.1 … PD-3.4, then PD-4 (the June bulletin belongs to another quake).
    for (const bulletin of [PD1, PD2, PD31, NAGEKEO[3] as InatewsBulletin, NAGEKEO[2] as InatewsBulletin, PD34, ENDED]) {
      const zones = resolve(bulletin);
      expect(zones).toHaveLength(bulletin.zones.length);
      const draft = tsunamiWarningToCap(bulletin, zones, { sender: SENDER, now: sentAfter(bulletin), previous });
      const { alert, warnings } = writtenAndChecked(draft);
      for (const w of warnings) expect(w.message).toMatch(/described by geocodes only/);
      expect(alert.msgType).toBe(bulletin.kind === 'tsunami-ended' ? 'Cancel' : previous ? 'Update' : 'Alert');
      previous = { identifier: draft.identifier, sent: draft.sent };
    }
    const test = writtenAndChecked(tsunamiWarningToCap(TEST, resolve(TEST), { sender: SENDER, now: new Date('2018-07-11T04:10:00Z') }));
    expect(test.alert.status).toBe('Test');
    const june = writtenAndChecked(
      tsunamiWarningToCap(JUNE_ENDED, [], {
        sender: SENDER,
        now: sentAfter(JUNE_ENDED),
        previous: { identifier: 'siaga-tsunami-20260607T2337Z', sent: new Date('2026-06-07T23:45:00Z') },
      }),
    );
    expect(june.alert.msgType).toBe('Cancel');
  });
});

describe('tsunamiWarningToCap: a warning', () => {
  const { alert } = writtenAndChecked(tsunamiWarningToCap(TEST, resolve(TEST), { sender: SENDER, now: new Date('2018-07-11T04:10:00Z') }));

  it('has one pair of info blocks (id, en) per level, with CAP severity by level, Immediate', () => {
    expect(
      alert.infos.map((i) => [i.language, i.event, i.urgency, i.severity, i.certainty, i.responseTypes, i.parameters[0]?.value]),
    ).toEqual([
      ['id', 'Peringatan Dini Tsunami', 'Immediate', 'Extreme', 'Likely', ['Evacuate'], 'AWAS'],
      ['en', 'Tsunami Warning', 'Immediate', 'Extreme', 'Likely', ['Evacuate'], 'AWAS'],
      ['id', 'Peringatan Dini Tsunami', 'Immediate', 'Severe', 'Likely', ['Evacuate'], 'SIAGA'],
      ['en', 'Tsunami Warning', 'Immediate', 'Severe', 'Likely', ['Evacuate'], 'SIAGA'],
      ['id', 'Peringatan Dini Tsunami', 'Immediate', 'Moderate', 'Likely', ['Avoid'], 'WASPADA'],
      ['en', 'Tsunami Warning', 'Immediate', 'Moderate', 'Likely', ['Avoid'], 'WASPADA'],
    ]);
  });

  it("geocodes each level's area by Kemendagri code, a kabupaten once, at its highest level", () => {
    const codes = (i: number) => alert.infos[i]?.areas.flatMap((a) => a.geocodes.map((g) => `${g.valueName}:${g.value}`));
    // AWAS: Jember (both zones), nothing else.
    expect(codes(0)).toEqual(['ADM2:35.09']);
    // Banyuwangi is SIAGA (bagian selatan) and WASPADA (bagian timur): it stays SIAGA only.
    expect(codes(2)).toContain('ADM2:35.10');
    expect(codes(4)).not.toContain('ADM2:35.10');
    // Klungkung appears twice at SIAGA: once.
    expect(codes(2)?.filter((c) => c === 'ADM2:51.05')).toHaveLength(1);
    expect(alert.infos[0]?.areas.map((a) => a.areaDesc)).toEqual(['Wilayah berstatus AWAS']);
    expect(alert.infos[1]?.areas.map((a) => a.areaDesc)).toEqual(['Areas at AWAS level']);
    const { spec } = buildTargetSpec(alert.infos, 0);
    expect(new Set(spec.geocodes.map((g) => g.level))).toEqual(new Set(['regency']));
  });

  it('sets onset to the earliest expected arrival of the level and expires 6 h after sending', () => {
    expect(alert.infos[0]?.onset?.raw).toBe('2018-07-11T04:16:55-00:00');
    expect(alert.infos[0]?.expires?.raw).toBe('2018-07-11T10:10:00-00:00');
  });

  it("says what the level means and lists BMKG's zones; tells AWAS to evacuate fully and WASPADA to keep off the beach", () => {
    const [awasId, awasEn, , , waspadaId] = alert.infos;
    expect(awasId?.description).toContain('Status AWAS: perkiraan tinggi gelombang lebih dari 3 m.');
    expect(awasId?.description).toContain('Wilayah berstatus AWAS menurut BMKG: JEMBER PULAU NUSABARUNG, JEMBER.');
    expect(awasEn?.description).toContain('AWAS level: waves over 3 m expected.');
    expect(awasId?.instruction).toMatch(/^Segera mengungsi, semua orang/);
    expect(waspadaId?.instruction).toMatch(/^Jauhi pantai dan tepian sungai/);
  });

  it('is Observed once BMKG reports the tsunami on tide gauges, and lists them', () => {
    const { alert: observed } = writtenAndChecked(tsunamiWarningToCap(PD34, resolve(PD34), { sender: SENDER, now: sentAfter(PD34) }));
    expect(observed.infos.map((i) => i.certainty)).toEqual(['Observed', 'Observed', 'Observed', 'Observed']);
    expect(observed.infos[0]?.description).toContain('Tsunami telah terdeteksi: BAKALANG-ALOR 0,14 m (05.41 WIB)');
    expect(observed.infos[1]?.description).toContain('MAUROLE-ENDE 0.94 m (05:27 WIB)');
    expect(observed.source).toBe('BMKG InaTEWS PD-3.4 20260815070532');
  });

  it('names a kecamatan code ADM3', () => {
    const { alert: fine } = writtenAndChecked(
      tsunamiWarningToCap(PD1, [{ level: 'WASPADA', code: '530901' }], { sender: SENDER, now: sentAfter(PD1) }),
    );
    expect(fine.infos[0]?.areas[0]?.geocodes).toEqual([{ valueName: 'ADM3', value: '53.09.01' }]);
  });
});

describe('tsunamiWarningToCap: updates, the end, and refusals', () => {
  it('makes the PD-4 "berakhir" bulletin a Cancel of the previous message, with an all-clear', () => {
    const previous = { identifier: 'siaga-tsunami-20260814T2158Z-u20260815T000632Z', sent: new Date('2026-08-15T00:06:32Z') };
    const { alert } = writtenAndChecked(
      tsunamiWarningToCap(ENDED, resolve(PD34), { sender: SENDER, now: new Date('2026-08-15T00:32:30Z'), previous }),
    );
    expect(alert).toMatchObject({ identifier: 'siaga-tsunami-20260814T2158Z-c20260815T003230Z', msgType: 'Cancel', status: 'Actual' });
    expect(alert.references.map((r) => r.identifier)).toEqual([previous.identifier]);
    expect(alert.infos.map((i) => [i.language, i.urgency, i.severity, i.certainty, i.responseTypes, i.headline])).toEqual([
      ['id', 'Past', 'Minor', 'Observed', ['AllClear'], 'Peringatan dini tsunami telah berakhir'],
      ['en', 'Past', 'Minor', 'Observed', ['AllClear'], 'Tsunami warning has ended'],
    ]);
    expect(alert.infos[0]?.areas[0]?.geocodes).toHaveLength(new Set(resolve(PD34).map((z) => z.code)).size);
  });

  it('refuses an all-clear with nothing to cancel, a warning with no resolved zone, bad codes, and quake reports', () => {
    expect(() => tsunamiWarningToCap(ENDED, [], { sender: SENDER, now: new Date() })).toThrow(/no previous message/);
    expect(() => tsunamiWarningToCap(PD2, [], { sender: SENDER, now: new Date() })).toThrow(/reaches nobody/);
    expect(() => tsunamiWarningToCap(PD2, [{ level: 'SIAGA', code: 'Manggarai' }], { sender: SENDER, now: new Date() })).toThrow(
      /not a Kemendagri code/,
    );
    const quake = parseInatewsFeed(fixtureBytes('inatews-datagempa-felt-20260926023929.json'), 'datagempa').bulletins[0] as InatewsBulletin;
    expect(() => tsunamiWarningToCap(quake, [], { sender: SENDER, now: new Date() })).toThrow(/use quakeToCap/);
  });
});
