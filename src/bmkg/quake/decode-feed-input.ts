// The front half of reading a quake feed body, JSON or XML (BMKG serves both; the bytes say which).
// XML goes through the same safe reader as CAP (size cap, declared encoding, DTD/entity refusal);
// JSON goes through decodeJsonInput (size cap, strict UTF-8, JSON.parse in a try). Nothing here
// throws on bad input.
import { DEFAULT_MAX_BYTES } from '../../cap/decode-xml-input.ts';
import { readXmlDocument } from '../../cap/read-xml-document.ts';
import type { XmlElement } from '../../cap/read-xml-tree.ts';
import { decodeJsonInput } from '../forecast/decode-json-input.ts';

export type FeedBody =
  { ok: true; format: 'json'; value: unknown } | { ok: true; format: 'xml'; root: XmlElement } | { ok: false; message: string };

/** `maxBytes` defaults to 5 MiB (a full gempaQL is about 50 KB). */
export function decodeFeedInput(input: string | Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): FeedBody {
  const first = firstSignificantChar(input);
  if (first === undefined) return { ok: false, message: 'The body is empty; expected BMKG earthquake data (JSON or XML).' };
  if (first === '<') {
    const doc = readXmlDocument(input, maxBytes);
    return doc.ok ? { ok: true, format: 'xml', root: doc.root } : { ok: false, message: doc.message };
  }
  const json = decodeJsonInput(input, maxBytes, { orXml: true });
  return json.ok ? { ok: true, format: 'json', value: json.value } : json;
}

/** The first character that is not a byte-order mark or white space; bytes are looked at as ASCII. */
function firstSignificantChar(input: string | Uint8Array): string | undefined {
  const n = input.length;
  for (let i = 0; i < Math.min(n, 4096); i++) {
    const c = typeof input === 'string' ? input.charAt(i) : String.fromCharCode(input[i] ?? 0);
    if (c === '\uFEFF' || c === '\u00EF' || c === '\u00BB' || c === '\u00BF' || /\s/.test(c)) continue;
    // UTF-16 with a byte-order mark: the XML reader understands it, JSON must be UTF-8.
    if (c === '\u00FE' || c === '\u00FF') return '<';
    return c;
  }
  return undefined;
}
