// Readers for the single fields of a households CSV row other than id, vulnerable and phone. Each
// says what it read and, when it had to choose a reading, a note that becomes the row's warning.
// Only the location can refuse a row: without it Siaga cannot place the household.
import { MAX_MEMBERS } from './vulnerable-people.ts';
import { quoteField } from './quote-field.ts';

/**
 * Indonesia's extent with a margin of about 50 km: 6°N (Weh island) to 11°S (Rote), 95°E to 141°E
 * (the Papua New Guinea border). A point outside is a typo or swapped coordinates.
 */
export const INDONESIA_BBOX = { minLat: -11.5, maxLat: 6.5, minLon: 94.5, maxLon: 141.5 } as const;

// Decimal degrees with `.` or a lone `,` as the decimal mark (the Indonesian way), optionally with a
// hemisphere: N/S/E/W or Lintang Utara / Lintang Selatan / Bujur Timur / Bujur Barat.
const DEGREES = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*°?\s*(lu|ls|bt|bb|n|s|e|w)?$/i;

export type CoordinatesReading = { lat: number; lon: number; note?: string } | { refuse: string };

export function readCoordinates(latText: string, lonText: string): CoordinatesReading {
  const lat = degrees(latText, 'lat');
  const lon = degrees(lonText, 'lon');
  if (typeof lat === 'string') return { refuse: lat };
  if (typeof lon === 'string') return { refuse: lon };
  if (inIndonesia(lat, lon)) return { lat, lon };
  // The two boxes do not overlap, so a swap is never ambiguous; PostGIS then checks the point
  // against the villages like any other.
  if (inIndonesia(lon, lat)) return { lat: lon, lon: lat, note: `lat and lon are swapped: read as lat=${lon}, lon=${lat}` };
  return { refuse: `no usable location: lat=${lat}, lon=${lon} is outside Indonesia` };
}

// Plain decimal degrees, the fast path at 10 million rows.
const PLAIN_DEGREES = /^-?\d{1,3}\.\d{1,15}$/;

function degrees(text: string, name: 'lat' | 'lon'): number | string {
  if (PLAIN_DEGREES.test(text)) return Number(text);
  const trimmed = text.trim();
  if (trimmed === '') return `no usable location: ${name} is empty`;
  const m = DEGREES.exec(trimmed);
  const value = m ? Number((m[1] ?? '').replace(',', '.')) : NaN;
  if (!Number.isFinite(value)) return `no usable location: ${name} ${quoteField(trimmed)} is not a number`;
  const hemisphere = (m?.[2] ?? '').toLowerCase();
  return ['s', 'ls', 'w', 'bb'].includes(hemisphere) ? -Math.abs(value) : hemisphere ? Math.abs(value) : value;
}

function inIndonesia(lat: number, lon: number): boolean {
  const b = INDONESIA_BBOX;
  return lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
}

/** Members as written, or undefined with why when it cannot be read (the caller counts the vulnerable people instead). */
export function readMembers(text: string): { members: number; note?: string } | { unreadable: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { unreadable: 'members is empty' };
  // "4", "4.0" or "4,0" from a spreadsheet's number cell.
  const n = /^\d{1,9}(?:[.,]0+)?$/.test(trimmed) ? parseInt(trimmed, 10) : NaN;
  if (!(n >= 1 && n <= MAX_MEMBERS)) {
    return { unreadable: `members ${quoteField(trimmed)} is not a whole number from 1 to ${MAX_MEMBERS}` };
  }
  if (n > 100) return { members: n, note: `members ${n} is more than 100: kept as written (a care home or boarding school?)` };
  return { members: n };
}

const LANGUAGES: Record<string, 'id' | 'en'> = {
  id: 'id',
  ind: 'id',
  in: 'id',
  indonesia: 'id',
  indonesian: 'id',
  bahasa: 'id',
  'bahasa indonesia': 'id',
  'b. indonesia': 'id',
  en: 'en',
  eng: 'en',
  english: 'en',
  inggris: 'en',
  'bahasa inggris': 'en',
  'b. inggris': 'en',
};

export function readLanguage(text: string): { language: 'id' | 'en'; note?: string } {
  if (text === 'id' || text === 'en') return { language: text };
  const word = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (word === '') return { language: 'id' };
  // A locale such as id-ID or en_GB names the language first.
  const language = LANGUAGES[word] ?? LANGUAGES[word.split(/[-_]/)[0] ?? ''];
  if (language) return { language };
  return { language: 'id', note: `language ${quoteField(text.trim())} is not id or en: warnings go out in Indonesian` };
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;

/** An ISO time, or null: not given here (an earlier consent stays, else the import time is recorded). */
export function readConsentAt(text: string): { consentAt: string | null; note?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { consentAt: null };
  if (WITH_OFFSET.test(trimmed) && realDate(trimmed)) {
    const ms = Date.parse(trimmed);
    if (!Number.isNaN(ms)) return { consentAt: new Date(ms).toISOString() };
  }
  const local = LOCAL_TIME.exec(trimmed);
  if (local && realDate(trimmed)) {
    // Without an offset, the time of western Indonesia (WIB, UTC+7), where most registries are kept.
    const ms = Date.parse(`${local[1]}T${local[2] ?? '00:00'}+07:00`);
    if (!Number.isNaN(ms)) {
      return { consentAt: new Date(ms).toISOString(), note: `consent_at ${quoteField(trimmed)} has no UTC offset: read as WIB (+07:00)` };
    }
  }
  return {
    consentAt: null,
    note: `consent_at ${quoteField(trimmed)} cannot be read (write 2026-11-01T08:00:00+07:00): treated as not given, so an earlier consent stays, else the import time is recorded`,
  };
}

/** Date.parse rolls 2026-02-31 over into March: the day must exist in its month. */
function realDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
