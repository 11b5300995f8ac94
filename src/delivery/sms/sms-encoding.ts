// How an SMS text travels: GSM-7 or UCS-2, how many units it takes, and where it is cut into the
// parts of a concatenated SMS. The gateways split with splitSmsParts and the renderer budgets with
// analyseSms, so the count the renderer plans with is the count the SMSC bills.
//
// Limits (3GPP TS 23.040): a single SMS carries 140 octets = 160 septets or 70 UCS-2 units; a part
// of a concatenated SMS loses 6 octets to the UDH (concatenation header), leaving 153 septets or 67
// units. Two things must never be cut across parts: a GSM extension character (escape + code, two
// septets) and a UTF-16 surrogate pair (an emoji is two units) — either would arrive as garbage.
// Parts are therefore counted by packing whole characters, not by dividing the length.
import { gsm7Septets, isGsm7 } from './gsm7-alphabet.ts';

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsAnalysis {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text. */
  units: number;
  /** SMS parts the text is sent as (an empty text still is one SMS). */
  segments: number;
  /** Units one part holds: 160/70 for a single SMS, 153/67 for each part of a concatenated one. */
  perSegment: number;
}

const LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** Units a character takes in the given encoding (GSM-7 extension characters 2, astral code points 2 in UCS-2). */
function unitsOf(character: string, encoding: SmsEncoding): number {
  return encoding === 'gsm7' ? (gsm7Septets(character) ?? 2) : character.length;
}

function encodingOf(text: string): SmsEncoding {
  return isGsm7(text) ? 'gsm7' : 'ucs2';
}

function totalUnits(text: string, encoding: SmsEncoding): number {
  let units = 0;
  for (const c of text) units += unitsOf(c, encoding);
  return units;
}

/** Whole characters packed greedily into parts of at most `capacity` units. */
function pack(text: string, encoding: SmsEncoding, capacity: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const c of text) {
    const units = unitsOf(c, encoding);
    if (used + units > capacity) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += c;
    used += units;
  }
  parts.push(current);
  return parts;
}

/** The parts `text` is sent as, in order; one part when it fits a single SMS. */
export function splitSmsParts(text: string): string[] {
  const encoding = encodingOf(text);
  const limits = LIMITS[encoding];
  if (totalUnits(text, encoding) <= limits.single) return [text];
  return pack(text, encoding, limits.part);
}

export function analyseSms(text: string): SmsAnalysis {
  const encoding = encodingOf(text);
  const units = totalUnits(text, encoding);
  const limits = LIMITS[encoding];
  if (units <= limits.single) return { encoding, units, segments: 1, perSegment: limits.single };
  return { encoding, units, segments: pack(text, encoding, limits.part).length, perSegment: limits.part };
}

// Characters that word processors and CAP editors put into text where a GSM character means the
// same. One curly apostrophe would otherwise turn a 160-character warning into three UCS-2 parts.
const GSM_EQUIVALENTS = new Map<string, string>([
  ...[...'\u2018\u2019\u201A\u201B\u2032\u0060\u00B4'].map((c) => [c, "'"] as const),
  ...[...'\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB'].map((c) => [c, '"'] as const),
  ...[...'\u2010\u2011\u2012\u2013\u2014\u2015\u2212'].map((c) => [c, '-'] as const),
  // Spaces of other widths (non-breaking, thin, figure, ideographic) and tab.
  ...[...'\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000\t'].map((c) => [c, ' '] as const),
  // Invisible characters: zero-width spaces and joiners, byte-order mark, soft hyphen.
  ...[...'\u200B\u200C\u200D\u2060\uFEFF\u00AD'].map((c) => [c, ''] as const),
  ...[...'\u2022\u2023\u25CF\u00B7'].map((c) => [c, '-'] as const),
  ['\u2028', '\n'],
  ['\u2029', '\n'],
  ['\u2026', '...'],
  ['\u00D7', 'x'],
  ['\u2264', '<='],
  ['\u2265', '>='],
  ['\u00B1', '+/-'],
  ['\u2192', '->'],
  ['\u2044', '/'],
  ['\u0131', 'i'],
  ['\u0142', 'l'],
  ['\u0141', 'L'],
  // "32°C" reads as "32C"; the degree sign alone would cost the message its GSM-7.
  ['\u00B0', ''],
]);

/**
 * `text` with characters replaced by GSM-7 ones where the meaning is kept: typographic quotes and
 * dashes, odd spaces, ellipsis, letters with accents GSM-7 lacks (á → a; é, è, à, ü… are kept, GSM-7
 * has them). Anything else (emoji, other scripts) is left as it is, and the text stays UCS-2.
 */
export function toGsm7Friendly(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    if (gsm7Septets(c) !== undefined) {
      out += c;
      continue;
    }
    const equivalent = GSM_EQUIVALENTS.get(c);
    if (equivalent !== undefined) {
      out += equivalent;
      continue;
    }
    // Compatibility decomposition without the marks: á → a, ş → s, full-width Ａ → A.
    const plain = c.normalize('NFKD').replace(/\p{M}/gu, '');
    out += plain !== '' && isGsm7(plain) ? plain : c;
  }
  return out;
}
