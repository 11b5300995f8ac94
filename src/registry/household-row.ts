// One line of a households CSV (`id,lat,lon,members,vulnerable,language,phone[,consent_at]`),
// checked field by field so that a rejected row says exactly what was wrong with it.

export const HOUSEHOLD_COLUMNS = ['id', 'lat', 'lon', 'members', 'vulnerable', 'language', 'phone'] as const;
export const OPTIONAL_HOUSEHOLD_COLUMNS = ['consent_at'] as const;

export const VULNERABLE_KINDS = ['elderly', 'disabled', 'infant', 'pregnant', 'ill'] as const;
export type VulnerableKind = (typeof VULNERABLE_KINDS)[number];

export interface HouseholdRow {
  id: string;
  lat: number;
  lon: number;
  members: number;
  vulnerable: Record<VulnerableKind, number>;
  language: 'id' | 'en';
  /** E.164, or null when the household gave no phone. */
  phone: string | null;
  /** ISO timestamp when the file carries one; otherwise consent is recorded as the import time. */
  consentAt: string | null;
}

export type RowVerdict = { ok: true; row: HouseholdRow } | { ok: false; reason: string };

/**
 * Indonesia's extent with a margin of about 50 km: 6°N (Weh island) to 11°S (Rote), 95°E to 141°E
 * (the Papua New Guinea border). A point outside is a typo or swapped coordinates.
 */
export const INDONESIA_BBOX = { minLat: -11.5, maxLat: 6.5, minLon: 94.5, maxLon: 141.5 } as const;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** `header` maps column name to position (from checkHouseholdHeader). */
export function parseHouseholdRow(fields: readonly string[], header: ReadonlyMap<string, number>): RowVerdict {
  if (fields.length !== header.size) return fail(`has ${fields.length} fields, expected ${header.size}`);
  const get = (name: string) => (fields[header.get(name) ?? -1] ?? '').trim();

  const id = get('id');
  if (!ID_PATTERN.test(id)) return fail(`id ${JSON.stringify(id)} must be 1-64 letters, digits or . _ : - (starting with a letter or digit)`);

  const lat = decimal(get('lat'));
  const lon = decimal(get('lon'));
  if (lat === undefined) return fail(`lat ${JSON.stringify(get('lat'))} is not a number`);
  if (lon === undefined) return fail(`lon ${JSON.stringify(get('lon'))} is not a number`);
  const box = INDONESIA_BBOX;
  if (lat < box.minLat || lat > box.maxLat || lon < box.minLon || lon > box.maxLon) {
    const swapped = lon >= box.minLat && lon <= box.maxLat && lat >= box.minLon && lat <= box.maxLon;
    return fail(`coordinates lat=${lat}, lon=${lon} are outside Indonesia${swapped ? ' (lat and lon look swapped)' : ''}`);
  }

  const membersText = get('members');
  const members = /^\d{1,3}$/.test(membersText) ? Number(membersText) : NaN;
  if (!(members >= 1 && members <= 100)) return fail(`members ${JSON.stringify(membersText)} must be a whole number from 1 to 100`);

  const vulnerable = parseVulnerable(get('vulnerable'));
  if (typeof vulnerable === 'string') return fail(vulnerable);
  const vulnerableCount = Object.values(vulnerable).reduce((a, b) => a + b, 0);
  if (vulnerableCount > members) return fail(`${vulnerableCount} vulnerable members listed but the household has ${members} members`);

  const language = get('language').toLowerCase() || 'id';
  if (language !== 'id' && language !== 'en') return fail(`language ${JSON.stringify(get('language'))} must be id or en`);

  const phone = normalizePhone(get('phone'));
  if (phone === undefined) return fail(`phone ${JSON.stringify(get('phone'))} is not a phone number (E.164 like +6281234567890, or 081234567890)`);

  let consentAt: string | null = null;
  if (header.has('consent_at') && get('consent_at') !== '') {
    const text = get('consent_at');
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(ms)) return fail(`consent_at ${JSON.stringify(text)} must be an ISO 8601 time with offset, like 2026-11-01T08:00:00+07:00`);
    consentAt = new Date(ms).toISOString();
  }

  return { ok: true, row: { id, lat, lon, members, vulnerable, language, phone, consentAt } };
}

/** Returns the column positions, or a message naming what is missing or unexpected. */
export function checkHouseholdHeader(fields: readonly string[]): Map<string, number> | string {
  const names = fields.map((f) => f.trim().replace(/^\uFEFF/, '').toLowerCase());
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

function parseVulnerable(text: string): Record<VulnerableKind, number> | string {
  const counts: Record<VulnerableKind, number> = { elderly: 0, disabled: 0, infant: 0, pregnant: 0, ill: 0 };
  if (text === '') return counts;
  for (const raw of text.split(';')) {
    const kind = raw.trim().toLowerCase();
    if (!(VULNERABLE_KINDS as readonly string[]).includes(kind)) {
      return `vulnerable kind ${JSON.stringify(raw)} is not one of ${VULNERABLE_KINDS.join(', ')}`;
    }
    counts[kind as VulnerableKind] += 1;
  }
  return counts;
}

/**
 * E.164, accepting the ways Indonesian numbers are written: `+62…`, `62…`, `0…` (national),
 * with spaces, dots or dashes. Empty means no phone (null); undefined means not a number.
 */
export function normalizePhone(text: string): string | null | undefined {
  if (text === '') return null;
  const digits = text.replace(/[\s.()-]/g, '');
  let e164: string;
  if (digits.startsWith('+')) e164 = digits;
  else if (digits.startsWith('62')) e164 = `+${digits}`;
  else if (digits.startsWith('0')) e164 = `+62${digits.slice(1)}`;
  else return undefined;
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : undefined;
}

function decimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

function fail(reason: string): RowVerdict {
  return { ok: false, reason };
}
