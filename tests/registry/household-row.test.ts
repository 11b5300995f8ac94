// The households CSV row reader, pure: every safe reading (what is stored and the warning that
// says so) and every refusal with its reason. The importer's database side is in
// tests/import-households.test.ts and tests/registry/import-multi-condition.test.ts.
import { describe, expect, it } from 'vitest';
import { readConsentAt, readCoordinates, readLanguage, readMembers } from '../../src/registry/household-fields.ts';
import { readHouseholdId } from '../../src/registry/household-id.ts';
import { checkHouseholdHeader, createHouseholdRowReader, type HouseholdRow, type RowVerdict } from '../../src/registry/household-row.ts';
import { quoteField } from '../../src/registry/quote-field.ts';
import { readPhone } from '../../src/registry/read-phone.ts';
import { readVulnerableField } from '../../src/registry/read-vulnerable-field.ts';
import { fitHousehold, noKinds, type KindCounts } from '../../src/registry/vulnerable-people.ts';

const HEADER = checkHouseholdHeader(['id', 'lat', 'lon', 'members', 'vulnerable', 'language', 'phone']) as Map<string, number>;
const WITH_CONSENT = checkHouseholdHeader(['id', 'lat', 'lon', 'members', 'vulnerable', 'language', 'phone', 'consent_at']) as Map<
  string,
  number
>;
// Inside Deli Serdang.
const LAT = '3.5524';
const LON = '98.8712';

const kinds = (k: Partial<KindCounts>): KindCounts => ({ ...noKinds(), ...k });
const read = (line: string, header = HEADER) => createHouseholdRowReader(header)(line.split(','));
const ok = (v: RowVerdict): { row: HouseholdRow; warnings: string[] } => {
  if (!v.ok) throw new Error(`refused: ${v.reason}`);
  return v;
};

describe('the vulnerable field', () => {
  const cases: [string, number, Partial<KindCounts>, RegExp?][] = [
    ['', 0, {}],
    ['-', 0, {}],
    ['0', 0, {}],
    ['tidak ada', 0, {}],
    ['None', 0, {}],
    // One person, two conditions: one vulnerable person counted under both kinds.
    ['elderly+ill', 1, { elderly: 1, ill: 1 }],
    ['elderly+ill;infant', 2, { elderly: 1, ill: 1, infant: 1 }],
    // Today's files: each entry is one person.
    ['elderly;elderly;infant', 3, { elderly: 2, infant: 1 }],
    ['elderly;ill', 2, { elderly: 1, ill: 1 }],
    ['lansia+sakit;balita', 2, { elderly: 1, ill: 1, infant: 1 }],
    ['Lanjut_Usia & Penyandang-Disabilitas', 1, { elderly: 1, disabled: 1 }],
    ['bumil;bayi;tunanetra;ODGJ', 4, { pregnant: 1, infant: 1, disabled: 2 }],
    ['2 lansia, 1 balita', 3, { elderly: 2, infant: 1 }],
    ['2x elderly+ill', 2, { elderly: 2, ill: 2 }],
    ['lansia x2;hamil: 1;sakit (3)', 6, { elderly: 2, pregnant: 1, ill: 3 }],
    ['0 lansia;balita', 1, { infant: 1 }],
    // A number alone: people whose need was not given.
    ['3', 3, {}],
    ['elderly+elderly', 1, { elderly: 1 }],
    ['elderly;;infant;', 2, { elderly: 1, infant: 1 }],
    [
      'lansia sakit',
      1,
      { elderly: 1, ill: 1 },
      /^"lansia sakit" read as one person who is elderly\+ill \(write it so, or separate people with ";"\)$/,
    ],
    ['lansia/sakit', 1, { elderly: 1, ill: 1 }, /read as one person who is elderly\+ill/],
    ['lainnya', 1, {}, /^condition "lainnya" is not a kind Siaga knows .*: counted as a vulnerable person with no kind$/],
    ['elderly+kursi goyang;toddler', 2, { elderly: 1, infant: 1 }, /condition "kursi goyang" is not a kind/],
    ['5000 lansia', 1000, { elderly: 1000 }, /^5000 vulnerable people listed: counted as 1000, the most one household may hold$/],
  ];
  it.each(cases)('%j → %i people', (text, people, k, warning) => {
    const r = readVulnerableField(text);
    expect(r.value).toEqual({ people, kinds: kinds(k) });
    if (warning) expect(r.warnings).toEqual([expect.stringMatching(warning)]);
    else expect(r.warnings).toEqual([]);
  });
});

describe('fitting the numbers of a household', () => {
  it('raises members to the vulnerable people and people to the largest kind, never lowers', () => {
    expect(fitHousehold(1, { people: 1, kinds: kinds({ elderly: 1, ill: 1 }) })).toEqual({
      members: 1,
      vulnerable: { people: 1, kinds: kinds({ elderly: 1, ill: 1 }) },
    });
    expect(fitHousehold(1, { people: 2, kinds: kinds({ elderly: 1, ill: 1 }) })).toMatchObject({ members: 2, membersRaisedFrom: 1 });
    expect(fitHousehold(4, { people: 1, kinds: kinds({ elderly: 3 }) })).toMatchObject({
      members: 4,
      vulnerable: { people: 3 },
      peopleRaisedFrom: 1,
    });
    expect(fitHousehold(2, { people: 0, kinds: kinds({ infant: 3 }) })).toMatchObject({
      members: 3,
      vulnerable: { people: 3 },
      peopleRaisedFrom: 0,
      membersRaisedFrom: 2,
    });
    expect(fitHousehold(6, { people: 5, kinds: kinds({ elderly: 1 }) })).toEqual({
      members: 6,
      vulnerable: { people: 5, kinds: kinds({ elderly: 1 }) },
    });
  });
});

describe('phones', () => {
  const readable: [string, string | null, RegExp?][] = [
    ['', null],
    ['-', null],
    ['tidak ada', null],
    ['0', null],
    ['+6281234567890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['62 812 3456 7890', '+6281234567890'],
    ['+62 (0)812 3456 7890', '+6281234567890'],
    ['+62 0812 3456 7890', '+6281234567890'],
    ['006281234567890', '+6281234567890'],
    ['(021) 555 1234', '+62215551234'],
    ['+61 412 345 678', '+61412345678'],
    ['81234567890', '+6281234567890', /^phone "81234567890" has no leading 0 \(a spreadsheet drops it\): read as \+6281234567890$/],
    ['0812-1111-2222 / 0813 3333 4444', '+6281211112222', /holds 2 numbers: the first that reads \(\+6281211112222\) is used/],
    ['12345 atau 081299990000', '+6281299990000', /holds 2 numbers/],
  ];
  it.each(readable)('%j reads as %s', (text, phone, note) => {
    const r = readPhone(text);
    expect(r).toEqual(note ? { phone, note: expect.stringMatching(note) } : { phone });
  });
  const unusable: [string, RegExp][] = [
    ['12345', /^phone "12345" is not a phone number/],
    ['0812345', /is not a phone number/],
    ['6.28123E+12', /scientific notation: its last digits are lost/],
    ['call me', /is not a phone number/],
    ['+620', /is not a phone number/],
  ];
  it.each(unusable)('%j is unusable', (text, reason) => {
    const r = readPhone(text);
    expect('unusable' in r && r.unusable).toMatch(reason);
  });
});

describe('ids', () => {
  it('keeps any printable id as written (trimmed, NFC); replaces unsafe or too long ones by a stable digest', () => {
    expect(readHouseholdId('  KK 1207/0013 ')).toEqual({ id: 'KK 1207/0013' });
    expect(readHouseholdId('Désa "Mawar", rumah 3')).toEqual({ id: 'Désa "Mawar", rumah 3' });
    expect(readHouseholdId('De\u0301sa')).toEqual({ id: 'Désa' });
    expect(readHouseholdId('rumah-ibu-siti-😀')).toEqual({ id: 'rumah-ibu-siti-😀' });
    expect(readHouseholdId('')).toEqual({ missing: true });
    const bidi = readHouseholdId('HH\u202e1');
    expect(bidi).toEqual({
      id: expect.stringMatching(/^id-[0-9a-f]{20}$/),
      note: expect.stringMatching(/^id "HH\\u\{202e\}1" holds control or invisible characters: kept as id-/),
    });
    expect(readHouseholdId('HH\u202e1')).toEqual(bidi);
    expect(readHouseholdId('a\tb')).toMatchObject({ note: expect.stringMatching(/control or invisible/) });
    const long = readHouseholdId('x'.repeat(129));
    expect(long).toMatchObject({ id: expect.stringMatching(/^id-/), note: expect.stringMatching(/is longer than 128 characters/) });
    expect(readHouseholdId('x'.repeat(128))).toEqual({ id: 'x'.repeat(128) });
  });

  it('gives a row without an id one from its location and phone, distinct for rows that share both', () => {
    const reader = createHouseholdRowReader(HEADER);
    const first = ok(reader(`,${LAT},${LON},2,,id,`.split(',')));
    const second = ok(reader(`,${LAT},${LON},2,,id,`.split(',')));
    const withPhone = ok(reader(`,${LAT},${LON},2,,id,081234567890`.split(',')));
    expect(first.row.id).toMatch(/^noid-[0-9a-f]{16}$/);
    expect(second.row.id).toBe(`${first.row.id}-2`);
    expect(withPhone.row.id).not.toBe(first.row.id);
    expect(first.warnings).toEqual([
      `no id: kept as ${first.row.id}, made from its location and phone (give it an id so that a later file with a new location or phone updates it)`,
    ]);
    // A new reader (the next file) gives the same ids.
    expect(ok(createHouseholdRowReader(HEADER)(`,${LAT},${LON},2,,id,`.split(','))).row.id).toBe(first.row.id);
  });
});

describe('locations', () => {
  it('reads decimal degrees with . or , and hemispheres; swaps swapped coordinates; refuses what it cannot place', () => {
    expect(readCoordinates('3.5524', '98.8712')).toEqual({ lat: 3.5524, lon: 98.8712 });
    expect(readCoordinates('3,5524', '98,8712')).toEqual({ lat: 3.5524, lon: 98.8712 });
    expect(readCoordinates('6.2 LS', '106.8 BT')).toEqual({ lat: -6.2, lon: 106.8 });
    expect(readCoordinates('6.2°S', '106.8°E')).toEqual({ lat: -6.2, lon: 106.8 });
    expect(readCoordinates('98.8712', '3.5524')).toEqual({
      lat: 3.5524,
      lon: 98.8712,
      note: 'lat and lon are swapped: read as lat=3.5524, lon=98.8712',
    });
    expect(readCoordinates('', '98.8')).toEqual({ refuse: 'no usable location: lat is empty' });
    expect(readCoordinates('3.5', 'x')).toEqual({ refuse: 'no usable location: lon "x" is not a number' });
    expect(readCoordinates('0', '0')).toEqual({ refuse: 'no usable location: lat=0, lon=0 is outside Indonesia' });
    expect(readCoordinates('-33.86', '151.2')).toEqual({ refuse: 'no usable location: lat=-33.86, lon=151.2 is outside Indonesia' });
    expect(readCoordinates('1.234.5', '98')).toMatchObject({ refuse: expect.stringMatching(/lat "1.234.5" is not a number/) });
  });
});

describe('members, language, consent', () => {
  it('reads members as written, up to 1000, and says when it cannot', () => {
    expect(readMembers('4')).toEqual({ members: 4 });
    expect(readMembers(' 4.0 ')).toEqual({ members: 4 });
    expect(readMembers('150')).toEqual({
      members: 150,
      note: 'members 150 is more than 100: kept as written (a care home or boarding school?)',
    });
    expect(readMembers('')).toEqual({ unreadable: 'members is empty' });
    expect(readMembers('0')).toEqual({ unreadable: 'members "0" is not a whole number from 1 to 1000' });
    expect(readMembers('5000')).toMatchObject({ unreadable: expect.stringMatching(/"5000"/) });
    expect(readMembers('empat')).toMatchObject({ unreadable: expect.stringMatching(/"empat"/) });
  });

  it('reads language codes and names, Indonesian for anything else', () => {
    for (const t of ['', 'id', 'ID', 'ind', 'Indonesia', 'Bahasa Indonesia', 'id-ID']) expect(readLanguage(t)).toEqual({ language: 'id' });
    for (const t of ['en', 'EN', 'English', 'inggris', 'en_GB']) expect(readLanguage(t)).toEqual({ language: 'en' });
    expect(readLanguage('jawa')).toEqual({ language: 'id', note: 'language "jawa" is not id or en: warnings go out in Indonesian' });
  });

  it('reads consent_at with an offset exactly, without one as WIB, and otherwise as not given', () => {
    expect(readConsentAt('')).toEqual({ consentAt: null });
    expect(readConsentAt('2026-11-01T08:00:00+07:00')).toEqual({ consentAt: '2026-11-01T01:00:00.000Z' });
    expect(readConsentAt('2026-11-01')).toEqual({
      consentAt: '2026-10-31T17:00:00.000Z',
      note: 'consent_at "2026-11-01" has no UTC offset: read as WIB (+07:00)',
    });
    expect(readConsentAt('2026-11-01 08:30')).toMatchObject({ consentAt: '2026-11-01T01:30:00.000Z' });
    expect(readConsentAt('01/11/2026')).toEqual({
      consentAt: null,
      note: expect.stringMatching(/^consent_at "01\/11\/2026" cannot be read .*treated as not given/),
    });
    expect(readConsentAt('2026-02-31')).toMatchObject({ consentAt: null });
  });
});

describe('whole rows', () => {
  it('reads a clean row with no warning', () => {
    expect(read(`H1,${LAT},${LON},4,elderly+ill;infant,en,081234567890`)).toEqual({
      ok: true,
      row: {
        id: 'H1',
        lat: 3.5524,
        lon: 98.8712,
        members: 4,
        vulnerable: { people: 2, kinds: kinds({ elderly: 1, ill: 1, infant: 1 }) },
        language: 'en',
        phone: '+6281234567890',
        consentAt: null,
      },
      warnings: [],
    });
  });

  it('keeps one elderly person who is also ill, living alone (refused before)', () => {
    expect(ok(read(`H1,${LAT},${LON},1,elderly+ill,id,`))).toMatchObject({ row: { members: 1, vulnerable: { people: 1 } }, warnings: [] });
    // Written the old way, the two conditions are two people: members is raised, never refused.
    expect(ok(read(`H1,${LAT},${LON},1,elderly;ill,id,`))).toMatchObject({
      row: { members: 2, vulnerable: { people: 2, kinds: kinds({ elderly: 1, ill: 1 }) } },
      warnings: ['2 vulnerable people listed but members is 1: members counted as 2'],
    });
  });

  it('collects every warning of a messy row, in column order', () => {
    const r = ok(read(`,${LON},${LAT},,lansia;lainnya,jawa,12345`));
    expect(r.row).toMatchObject({
      lat: 3.5524,
      lon: 98.8712,
      members: 2,
      vulnerable: { people: 2, kinds: kinds({ elderly: 1 }) },
      language: 'id',
      phone: null,
    });
    expect(r.warnings.map((w) => w.split(':')[0])).toEqual([
      'lat and lon are swapped',
      'condition "lainnya" is not a kind Siaga knows (elderly, disabled, infant, pregnant, ill or their Indonesian words)',
      'members is empty',
      'language "jawa" is not id or en',
      'phone "12345" is not a phone number (write +6281234567890 or 081234567890)',
      'no id',
    ]);
  });

  it('reads consent_at only when the header has it', () => {
    expect(ok(read(`H1,${LAT},${LON},2,,id,,2026-11-01T08:00:00+07:00`, WITH_CONSENT)).row.consentAt).toBe('2026-11-01T01:00:00.000Z');
    expect(ok(read(`H1,${LAT},${LON},2,,id,,kemarin`, WITH_CONSENT))).toMatchObject({
      row: { consentAt: null },
      warnings: [expect.stringMatching(/^consent_at "kemarin" cannot be read/)],
    });
  });

  it('reads a row with missing trailing fields as empty, and one with an unquoted comma by joining it where it reads best', () => {
    expect(ok(read(`H1,${LAT},${LON},2,elderly`))).toMatchObject({
      row: { language: 'id', phone: null, vulnerable: { people: 1 } },
      warnings: ['has 5 fields, expected 7: language, phone read as empty'],
    });
    const comma = ok(read(`H1,${LAT},${LON},3,lansia, sakit,id,081234567890`));
    expect(comma.row).toMatchObject({
      members: 3,
      vulnerable: { people: 2, kinds: kinds({ elderly: 1, ill: 1 }) },
      language: 'id',
      phone: '+6281234567890',
    });
    expect(comma.warnings).toEqual(['has 8 fields, expected 7: read with 2 fields joined into vulnerable (an unquoted comma?)']);
    const phones = ok(read(`H1,${LAT},${LON},3,,id,0812 1111 2222, 0813 3333 4444`));
    expect(phones.row.phone).toBe('+6281211112222');
    expect(phones.warnings[0]).toMatch(/joined into phone/);
  });

  it('refuses a row only when it cannot place the household, saying why', () => {
    const refused: [string, string][] = [
      [`H1,,,2,,id,`, 'no usable location: lat is empty'],
      [`H1,x,${LON},2,,id,`, 'no usable location: lat "x" is not a number'],
      [`H1,0,0,2,,id,`, 'no usable location: lat=0, lon=0 is outside Indonesia'],
      [`H1,1,2,3,4,5,6,7,8`, 'has 9 fields, expected 7, and no way of joining them gives a usable location'],
    ];
    for (const [line, reason] of refused) expect(read(line)).toEqual({ ok: false, reason });
    // Joined into the id the row reads as swapped coordinates, joined into members as unreadable
    // members: equally good readings (one warning each) in two places.
    expect(read(`H1,${LAT},${LON},3.6,2,,id,`)).toEqual({
      ok: false,
      reason: 'has 8 fields, expected 7, and the location depends on which field holds the extra comma',
    });
  });
});

describe('message quoting', () => {
  it('shows a field in quotes, cut at 60 characters, with control and invisible characters escaped', () => {
    expect(quoteField('abc')).toBe('"abc"');
    expect(quoteField('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteField('x\ny\u202ez')).toBe('"x\\u{a}y\\u{202e}z"');
    expect(quoteField('x'.repeat(70))).toBe(`"${'x'.repeat(60)}…"`);
  });
});
