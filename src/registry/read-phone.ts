// A phone number as registries and residents write it, read into E.164 for the SMS gateway:
// `+62 812-3456-7890`, `62812…`, `0812…` (national), `0062…` (international prefix), `+62 (0)812…`,
// and `812…` from a spreadsheet that dropped the leading zero. Several numbers in one field: the
// first that reads is used. What cannot be read is "unusable": the caller decides what that costs
// (a file import keeps the household without SMS; the form asks the person again).
import { quoteField } from './quote-field.ts';

export type PhoneReading = { phone: string | null; note?: string } | { unusable: string };

// A field that says "no phone".
const NO_PHONE = new Set(['', 'none', 'no', 'n/a', 'na', 'nil', 'null', 'tidak', 'tidak ada', 'tak ada', 'tidak punya', 'kosong', 'nihil']);
const E164 = /^\+[1-9]\d{7,14}$/;
// Indonesian numbers after +62: 8 (small-town landlines) to 12 digits (the longest mobiles).
const INDONESIAN = /^\+62[1-9]\d{7,11}$/;

export function readPhone(text: string): PhoneReading {
  if (INDONESIAN.test(text)) return { phone: text };
  const trimmed = text.trim();
  if (NO_PHONE.has(trimmed.toLowerCase()) || /^-+$/.test(trimmed) || /^0+$/.test(trimmed)) return { phone: null };
  if (/^\d(\.\d+)?e\+?\d+$/i.test(trimmed)) {
    return { unusable: `phone ${quoteField(trimmed)} is a spreadsheet number in scientific notation: its last digits are lost` };
  }
  const whole = readOne(trimmed);
  if (whole.phone) return whole.note ? { phone: whole.phone, note: whole.note } : { phone: whole.phone };
  // "0812… / 0813…", "0812…; 0813…", "12345 atau 0812…": the first part that reads.
  const parts = trimmed.split(/\s*(?:[;,/|]|\batau\b|\bor\b)\s*/i).filter((p) => /\d{5}/.test(p.replace(/\D/g, '')));
  for (const part of parts) {
    const one = readOne(part);
    if (one.phone)
      return {
        phone: one.phone,
        note: `phone ${quoteField(trimmed)} holds ${parts.length} numbers: the first that reads (${one.phone}) is used`,
      };
  }
  return { unusable: `phone ${quoteField(trimmed)} is not a phone number (write +6281234567890 or 081234567890)` };
}

function readOne(text: string): { phone?: string; note?: string } {
  // "+62 (0)812…": the national 0 written after the country code.
  const digits = text.replace(/^(\+?62)\s*\(0\)/, '$1').replace(/[\s.\-()\u00a0]/g, '');
  let e164: string;
  let note: string | undefined;
  if (/^\+\d+$/.test(digits)) e164 = digits;
  else if (/^00\d+$/.test(digits)) e164 = `+${digits.slice(2)}`;
  else if (/^62\d+$/.test(digits)) e164 = `+${digits}`;
  else if (/^0\d+$/.test(digits)) e164 = `+62${digits.slice(1)}`;
  else if (/^8\d{8,11}$/.test(digits)) {
    // 0812… typed into a spreadsheet's number cell comes out as 812…: an Indonesian mobile.
    e164 = `+62${digits}`;
    note = `phone ${quoteField(text.trim())} has no leading 0 (a spreadsheet drops it): read as ${e164}`;
  } else return {};
  // +62 0812…: the national 0 kept after the country code.
  if (e164.startsWith('+620')) e164 = `+62${e164.slice(4)}`;
  if (!E164.test(e164) || (e164.startsWith('+62') && !INDONESIAN.test(e164))) return {};
  return note ? { phone: e164, note } : { phone: e164 };
}

/** The E.164 number, null for none, undefined when it cannot be read (for callers that need no notes). */
export function normalizePhone(text: string): string | null | undefined {
  const r = readPhone(text);
  return 'unusable' in r ? undefined : r.phone;
}
