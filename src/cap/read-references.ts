import type { CapReference, CapVersion } from './cap-types.ts';
import { readCapDateTime } from './read-cap-date-time.ts';

/**
 * Splits `references` into `sender,identifier,sent` items (whitespace-separated). An item without
 * exactly two commas keeps only `raw`; validation explains it.
 */
export function readReferences(raw: string, version: CapVersion): CapReference[] {
  return raw
    .trim()
    .split(/\s+/)
    .filter((item) => item !== '')
    .map((item) => {
      const parts = item.split(',');
      const [sender, identifier, sent] = parts;
      if (parts.length !== 3 || sender === undefined || identifier === undefined || sent === undefined) {
        return { raw: item, sender: '', identifier: '', sent: { raw: '', epochMs: null } };
      }
      return { raw: item, sender, identifier, sent: { raw: sent, epochMs: readCapDateTime('', sent, version).epochMs } };
    });
}
