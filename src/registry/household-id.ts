// A household's id is the registry's own, kept as written, so that the next file updates the same
// household: any text of up to 128 characters (letters in any script, digits, spaces, `/`, `#`…),
// trimmed and in Unicode NFC. Siaga only ever compares ids and shows them escaped; it never builds
// a path, a query or a file name from one. Characters that could hide or reorder what a volunteer
// reads (control, invisible format and line-separator characters) are not kept: such an id, or a
// longer one, is replaced by a stable digest of it, so that the same registry id always gives the
// same household. A row with no id at all gets one made from its location and phone.
import { createHash } from 'node:crypto';
import { quoteField } from './quote-field.ts';

export const MAX_ID_LENGTH = 128;

// Cc (C0, DEL, C1), Cf (soft hyphen, zero-width and bidirectional controls, BOM…), Cs (lone
// surrogates), Zl / Zp (line and paragraph separators).
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

export type IdReading = { id: string; note?: string } | { missing: true };

// Printable ASCII: nothing to normalise or replace (most registries' ids; the fast path at 10 million rows).
const PLAIN = /^[\x21-\x7e](?:[\x20-\x7e]{0,126}[\x21-\x7e])?$/;

export function readHouseholdId(text: string): IdReading {
  if (PLAIN.test(text)) return { id: text };
  const id = text.normalize('NFC').trim();
  if (id === '') return { missing: true };
  const length = [...id].length;
  if (!UNSAFE.test(id) && length <= MAX_ID_LENGTH) return { id };
  const kept = `id-${digest(id).slice(0, 20)}`;
  const why = length > MAX_ID_LENGTH ? `is longer than ${MAX_ID_LENGTH} characters` : 'holds control or invisible characters';
  return { id: kept, note: `id ${quoteField(id)} ${why}: kept as ${kept} (the same id always gives the same one)` };
}

/**
 * The id of a household given none: from its location (6 decimals, about 0.1 m) and phone, so that
 * the same row in a later file updates it; `occurrence` (2, 3…) tells apart rows that share both.
 */
export function derivedHouseholdId(lat: number, lon: number, phone: string | null, occurrence: number): string {
  const base = `noid-${digest(`${lat.toFixed(6)},${lon.toFixed(6)},${phone ?? ''}`).slice(0, 16)}`;
  return occurrence > 1 ? `${base}-${occurrence}` : base;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
