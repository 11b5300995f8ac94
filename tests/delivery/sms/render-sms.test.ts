// The SMS text of a warning, built from BMKG's own nowcast CAP (fixtures/bmkg, Indonesian and
// English): one GSM-7 segment for typical warnings, the documented order of shortening, and the
// parts that are never dropped (prefix, event, code, link).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSms } from '../../../src/delivery/sms/render-sms.ts';
import { analyseSms } from '../../../src/delivery/sms/sms-encoding.ts';
import type { WarningText } from '../../../src/delivery/warning-text.ts';
import { FIXTURES } from '../../support/fixtures.ts';

const LINK = 'https://siaga.id/alerts/48213';
const CODE = 'K7Q-4MX';

/** The CAP fields a WarningText is made of, read from a BMKG nowcast fixture (one info block, no markup inside). */
function nowcast(file: string, language: 'id' | 'en'): WarningText {
  const xml = readFileSync(join(FIXTURES, 'bmkg', file), 'utf8');
  const field = (name: string) => {
    const value = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
    if (value === undefined) throw new Error(`${file} has no <${name}>`);
    return value;
  };
  return {
    language,
    kind: 'warning',
    event: field('event'),
    headline: field('headline'),
    description: field('description'),
    instruction: '',
    severity: 'Moderate',
    urgency: 'Immediate',
    areaDesc: field('areaDesc'),
    onset: new Date(field('effective')),
    expires: new Date(field('expires')),
    senderName: field('senderName'),
    link: LINK,
    alertId: '48213',
    verificationCode: CODE,
  };
}

const GORONTALO_ID = nowcast('cap-nowcast-CGT20260924002-id.xml', 'id');
const GORONTALO_EN = nowcast('cap-nowcast-CGT20260924002-en.xml', 'en');
const BANTEN_ID = nowcast('cap-nowcast-CBT20260216004-id-unverified.xml', 'id');

function expectOneGsmSegment(text: string): void {
  expect(analyseSms(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
}

describe('renderSms', () => {
  it('fits an Indonesian BMKG nowcast into one GSM-7 segment, advice taken from the description', () => {
    const sms = renderSms(GORONTALO_ID);
    // 17:27 WITA is 16.27 WIB.
    expect(sms).toBe(`PERINGATAN BMKG: Hujan Lebat dan Petir di Gorontalo s.d. 16.27 WIB. Tetap waspada. Kode: ${CODE} ${LINK}`);
    expectOneGsmSegment(sms);
  });

  it("writes times in the household's own zone: Gorontalo reads WITA", () => {
    const sms = renderSms({ ...GORONTALO_ID, timeZone: 'WITA' });
    expect(sms).toContain('di Gorontalo s.d. 17.27 WITA.');
    expectOneGsmSegment(sms);
    expect(renderSms({ ...GORONTALO_EN, timeZone: 'WIT' })).toContain('until 18:27 WIT.');
  });

  it('fits the English nowcast into one GSM-7 segment', () => {
    const sms = renderSms(GORONTALO_EN);
    expect(sms).toBe(`BMKG WARNING: Thunderstorm in Gorontalo until 16:27 WIB. Remain vigilant during this period. Code: ${CODE} ${LINK}`);
    expectOneGsmSegment(sms);
  });

  it('gives the date with the time when the warning ends on the next WIB day', () => {
    const sms = renderSms(BANTEN_ID);
    expect(sms).toContain('Hujan Lebat dan Petir di Banten s.d. 17 Feb 02.00 WIB.');
    expectOneGsmSegment(sms);
  });

  it('keeps more of the instruction when there is room for it (a short link)', () => {
    const sms = renderSms({ ...GORONTALO_ID, link: 'https://siaga.id/a/9' });
    expect(sms).toBe(
      `PERINGATAN BMKG: Hujan Lebat dan Petir di Gorontalo s.d. 16.27 WIB. Tetap waspada, mengurangi aktivitas di luar ruangan. Kode: ${CODE} https://siaga.id/a/9`,
    );
    expectOneGsmSegment(sms);
  });

  it('writes the update and all-clear prefixes; an all-clear repeats no advice of the ended warning', () => {
    expect(renderSms({ ...GORONTALO_ID, kind: 'update' })).toMatch(
      /^PEMBARUAN BMKG: Hujan Lebat dan Petir di Gorontalo s\.d\. 16\.27 WIB\./,
    );
    expect(renderSms({ ...GORONTALO_EN, kind: 'update' })).toMatch(/^BMKG UPDATE: Thunderstorm in Gorontalo until 16:27 WIB\./);
    expect(renderSms({ ...GORONTALO_ID, kind: 'all_clear', instruction: 'Segera evakuasi.' })).toBe(
      `SUDAH AMAN: peringatan Hujan Lebat dan Petir di Gorontalo telah berakhir. Kode: ${CODE} ${LINK}`,
    );
    expect(renderSms({ ...GORONTALO_EN, kind: 'all_clear' })).toBe(
      `ALL CLEAR: the Thunderstorm warning for Gorontalo has ended. Code: ${CODE} ${LINK}`,
    );
  });

  it('uses an explicit instruction, shortened to whole sentences', () => {
    const sms = renderSms({
      ...GORONTALO_ID,
      event: 'Gempa Bumi',
      areaDesc: 'Deli Serdang',
      instruction:
        'Hindari bangunan yang retak atau rusak akibat gempa. Periksa dan pastikan bangunan tempat tinggal Anda cukup tahan gempa sebelum Anda kembali ke dalam rumah.',
    });
    expect(sms).toBe(
      `PERINGATAN BMKG: Gempa Bumi di Deli Serdang s.d. 16.27 WIB. Hindari bangunan yang retak atau rusak akibat gempa. Kode: ${CODE} ${LINK}`,
    );
    expectOneGsmSegment(sms);
  });

  it('shortens the area to its regency, and drops the instruction, before giving up one segment', () => {
    const sms = renderSms({
      ...GORONTALO_ID,
      kind: 'update',
      areaDesc: 'Deli Serdang: Percut Sei Tuan, Batang Kuis, Tanjung Morawa, Pantai Labu',
      link: 'https://peringatan.siaga.example.go.id/alerts/48213?lang=id&src=sms',
    });
    expect(sms).toBe(
      `PEMBARUAN BMKG: Hujan Lebat dan Petir di Deli Serdang s.d. 16.27 WIB. Kode: ${CODE} https://peringatan.siaga.example.go.id/alerts/48213?lang=id&src=sms`,
    );
    expectOneGsmSegment(sms);
  });

  it('writes typographic characters of the source in GSM-7 rather than paying for UCS-2', () => {
    const sms = renderSms({ ...GORONTALO_ID, instruction: 'Jauhi pohon \u201Crawan\u201D \u2013 di rumah saja\u2026' });
    expect(sms).toContain('Jauhi pohon "rawan" - di rumah saja...');
    expectOneGsmSegment(sms);
  });

  it('says how to answer by SMS when it fits: before the description goes, after the instruction stays; never in an all-clear', () => {
    const short = renderSms({ ...GORONTALO_ID, description: '', instruction: 'Segera menjauh dari pantai.' });
    expect(short).toContain('Segera menjauh dari pantai. Balas AMAN/BANTU. Kode:');
    expect(renderSms({ ...GORONTALO_EN, description: '', instruction: 'Move away from the coast.' })).toContain('Reply SAFE/HELP. Code:');
    // An instruction that leaves no room: the instruction stays whole, the answer words go.
    const long = 'Jangan menyeberangi sungai yang banjir deras.';
    const crowded = renderSms({ ...GORONTALO_ID, description: '', instruction: long });
    expect(crowded).toContain(long);
    expect(crowded).not.toContain('Balas');
    expectOneGsmSegment(crowded);
    expect(renderSms({ ...GORONTALO_ID, kind: 'all_clear' })).not.toContain('Balas');
  });

  it('goes multipart, at most three segments, with the full instruction when one segment cannot hold it', () => {
    // An emoji in the event itself forces UCS-2 (70 per segment): nothing droppable makes it fit one.
    const sms = renderSms({
      ...GORONTALO_ID,
      event: 'Hujan Lebat 🌧',
      instruction: 'Jangan menyeberangi sungai yang banjir; tetap di tempat tinggi.',
    });
    expect(sms).toBe(
      `PERINGATAN BMKG: Hujan Lebat 🌧 di Gorontalo s.d. 16.27 WIB. Jangan menyeberangi sungai yang banjir; tetap di tempat tinggi. Balas AMAN/BANTU. Kode: ${CODE} ${LINK}`,
    );
    expect(analyseSms(sms)).toMatchObject({ encoding: 'ucs2', segments: 3 });
  });

  it('never drops the prefix, the event, the code or the link, even for an absurdly long event', () => {
    const event = `Hujan ${'sangat '.repeat(80)}lebat`;
    const sms = renderSms({ ...GORONTALO_ID, event });
    expect(sms.startsWith('PERINGATAN BMKG: Hujan sangat')).toBe(true);
    expect(sms).toContain(`Kode: ${CODE} ${LINK}`);
    expect(analyseSms(sms).segments).toBeLessThanOrEqual(3);
  });

  it('names an agency it does not know as SIAGA and one it knows by its short name', () => {
    expect(renderSms({ ...GORONTALO_ID, senderName: 'peringatan@siaga.local' })).toMatch(/^PERINGATAN SIAGA: /);
    expect(renderSms({ ...GORONTALO_ID, senderName: 'Badan Nasional Penanggulangan Bencana' })).toMatch(/^PERINGATAN BNPB: /);
  });

  it('drops nothing but what it must for a warning without end time, area or description', () => {
    const sms = renderSms({
      ...GORONTALO_ID,
      description: '',
      areaDesc: '',
      expires: undefined,
      instruction: 'Segera menjauh dari pantai.',
    });
    expect(sms).toBe(`PERINGATAN BMKG: Hujan Lebat dan Petir. Segera menjauh dari pantai. Balas AMAN/BANTU. Kode: ${CODE} ${LINK}`);
  });
});
