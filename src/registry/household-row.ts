// One line of a households CSV (`id,lat,lon,members,vulnerable,language,phone[,consent_at]`), read
// the safe way: a household is refused only when Siaga cannot place it (no usable location, or
// outside Indonesia; the importer adds "far from every village" and "duplicate id"). Everything else
// is read as well as it can be and kept, with a warning for every reading Siaga had to choose.
import { derivedHouseholdId, readHouseholdId } from './household-id.ts';
import { readConsentAt, readCoordinates, readLanguage, readMembers } from './household-fields.ts';
import { readPhone } from './read-phone.ts';
import { readVulnerableField } from './read-vulnerable-field.ts';
import { fitHousehold, type VulnerablePeople } from './vulnerable-people.ts';

export const HOUSEHOLD_COLUMNS = ['id', 'lat', 'lon', 'members', 'vulnerable', 'language', 'phone'] as const;
export const OPTIONAL_HOUSEHOLD_COLUMNS = ['consent_at'] as const;

export interface HouseholdRow {
  id: string;
  lat: number;
  lon: number;
  members: number;
  vulnerable: VulnerablePeople;
  language: 'id' | 'en';
  /** E.164, or null when the household gave no phone or one that cannot be read. */
  phone: string | null;
  /** ISO timestamp when the file carries one; otherwise consent is recorded as the import time. */
  consentAt: string | null;
}

export type RowVerdict = { ok: true; row: HouseholdRow; warnings: string[] } | { ok: false; reason: string };

// The columns where a comma is part of what was meant: people listed, numbers listed, names.
const COMMA_HOLDERS = ['vulnerable', 'phone', 'id'];

type Reading = { ok: true; row: Omit<HouseholdRow, 'id'> & { id: string | undefined }; warnings: string[] } | { ok: false; reason: string };

/**
 * A reader for the rows of one file (`header` from checkHouseholdHeader). It keeps one piece of
 * state: how many rows without an id shared a location and phone, so that each gets its own id.
 */
export function createHouseholdRowReader(header: ReadonlyMap<string, number>): (fields: readonly string[]) => RowVerdict {
  const seenDerived = new Map<string, number>();
  const names = [...header.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name);
  return (fields) => {
    const reading = readFieldCount(fields, names, header);
    if (!reading.ok) return reading;
    const { row, warnings } = reading;
    let id = row.id;
    if (id === undefined) {
      const base = derivedHouseholdId(row.lat, row.lon, row.phone, 1);
      const occurrence = (seenDerived.get(base) ?? 0) + 1;
      seenDerived.set(base, occurrence);
      id = derivedHouseholdId(row.lat, row.lon, row.phone, occurrence);
      warnings.push(
        `no id: kept as ${id}, made from its location and phone (give it an id so that a later file with a new location or phone updates it)`,
      );
    }
    return { ok: true, row: { ...row, id }, warnings };
  };
}

/** Rows with missing or extra fields: read what can be aligned with the header. */
function readFieldCount(fields: readonly string[], names: readonly string[], header: ReadonlyMap<string, number>): Reading {
  const expected = names.length;
  if (fields.length === expected) return readAligned(fields, header);
  if (fields.length < expected) {
    const missing = names.slice(fields.length);
    const reading = readAligned([...fields, ...missing.map(() => '')], header);
    if (reading.ok) reading.warnings.unshift(`has ${fields.length} fields, expected ${expected}: ${missing.join(', ')} read as empty`);
    return reading;
  }
  // More fields than columns: most often an unquoted comma inside one field ("lansia, sakit",
  // "0812…, 0813…"). Try joining the surplus into each column in turn and keep the reading with the
  // fewest warnings, unless an equally good one puts the household somewhere else.
  const extra = fields.length - expected;
  const candidates: { column: string; reading: Reading & { ok: true } }[] = [];
  for (let j = 0; j < expected; j++) {
    const joined = [...fields.slice(0, j), fields.slice(j, j + extra + 1).join(','), ...fields.slice(j + extra + 1)];
    const reading = readAligned(joined, header);
    if (reading.ok) candidates.push({ column: names[j] ?? '', reading });
  }
  const refuse = `has ${fields.length} fields, expected ${expected}`;
  if (candidates.length === 0) return { ok: false, reason: `${refuse}, and no way of joining them gives a usable location` };
  const fewest = Math.min(...candidates.map((c) => c.reading.warnings.length));
  // Among equals, the columns that hold lists or names take the comma first.
  const rank = (c: (typeof candidates)[number]) => {
    const i = COMMA_HOLDERS.indexOf(c.column);
    return i === -1 ? COMMA_HOLDERS.length : i;
  };
  const best = candidates.filter((c) => c.reading.warnings.length === fewest).sort((a, b) => rank(a) - rank(b));
  const chosen = best[0] as (typeof candidates)[number];
  const at = (c: (typeof candidates)[number]) => `${c.reading.row.lat},${c.reading.row.lon}`;
  if (best.some((c) => at(c) !== at(chosen)))
    return { ok: false, reason: `${refuse}, and the location depends on which field holds the extra comma` };
  chosen.reading.warnings.unshift(
    `${refuse}: read with ${extra + 1} fields joined into ${chosen.column} (an unquoted comma?)${best.length > 1 ? ` (and ${best.length - 1} other reading(s) as good)` : ''}`,
  );
  return chosen.reading;
}

function readAligned(fields: readonly string[], header: ReadonlyMap<string, number>): Reading {
  const get = (name: string) => fields[header.get(name) ?? -1] ?? '';
  const warnings: string[] = [];
  const note = (text: string | undefined) => void (text && warnings.push(text));

  const idReading = readHouseholdId(get('id'));
  const id = 'missing' in idReading ? undefined : idReading.id;
  if (!('missing' in idReading)) note(idReading.note);

  const place = readCoordinates(get('lat'), get('lon'));
  if ('refuse' in place) return { ok: false, reason: place.refuse };
  note(place.note);

  const vulnerable = readVulnerableField(get('vulnerable'));
  warnings.push(...vulnerable.warnings);

  const membersReading = readMembers(get('members'));
  let members: number;
  if ('unreadable' in membersReading) {
    members = Math.max(1, vulnerable.value.people);
    note(`${membersReading.unreadable}: counted as ${members} (the vulnerable people listed, at least 1)`);
  } else {
    members = membersReading.members;
    note(membersReading.note);
  }
  const fitted = fitHousehold(members, vulnerable.value);
  if (fitted.membersRaisedFrom !== undefined) {
    note(
      `${fitted.vulnerable.people} vulnerable people listed but members is ${fitted.membersRaisedFrom}: members counted as ${fitted.members}`,
    );
  }

  const language = readLanguage(get('language'));
  note(language.note);

  const phoneReading = readPhone(get('phone'));
  let phone: string | null;
  if ('unusable' in phoneReading) {
    phone = null;
    note(`${phoneReading.unusable}: kept without a phone (no SMS, but web push and the door knock still reach it)`);
  } else {
    phone = phoneReading.phone;
    note(phoneReading.note);
  }

  const consent = header.has('consent_at') ? readConsentAt(get('consent_at')) : { consentAt: null };
  note(consent.note);

  return {
    ok: true,
    row: {
      id,
      lat: place.lat,
      lon: place.lon,
      members: fitted.members,
      vulnerable: fitted.vulnerable,
      language: language.language,
      phone,
      consentAt: consent.consentAt,
    },
    warnings,
  };
}

/** Returns the column positions, or a message naming what is missing or unexpected. */
export function checkHouseholdHeader(fields: readonly string[]): Map<string, number> | string {
  const names = fields.map((f) =>
    f
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase(),
  );
  const known = new Set<string>([...HOUSEHOLD_COLUMNS, ...OPTIONAL_HOUSEHOLD_COLUMNS]);
  const missing = HOUSEHOLD_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !known.has(n));
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length || unknown.length || dup.length) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unknown ${unknown.map((u) => JSON.stringify(u)).join(', ')}` : '',
      dup.length ? `repeated ${dup.join(', ')}` : '',
    ].filter(Boolean);
    return `wrong header (${parts.join('; ')}): expected ${HOUSEHOLD_COLUMNS.join(',')}[,${OPTIONAL_HOUSEHOLD_COLUMNS.join(',')}]`;
  }
  return new Map(names.map((n, i) => [n, i]));
}
