// The safe front half of reading any document from outside: size cap, then decoding, then the DTD
// refusal, and only then the XML parser. parseCap and checkCapFeed both start here.
import type { RefusalReason } from './cap-types.ts';
import { DEFAULT_MAX_BYTES, decodeXmlInput } from './decode-xml-input.ts';
import { findControlCharacter } from './find-control-character.ts';
import { findHostileMarkup } from './find-hostile-markup.ts';
import { readXmlTree, type XmlElement } from './read-xml-tree.ts';

export type XmlDocument = { ok: true; root: XmlElement; text: string } | { ok: false; reason: RefusalReason; message: string };

export function readXmlDocument(input: string | Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): XmlDocument {
  const decoded = decodeXmlInput(input, maxBytes);
  if (!decoded.ok) return decoded;
  const hostile = findHostileMarkup(decoded.text);
  if (hostile !== undefined) return { ok: false, reason: 'hostile', message: hostile };
  // Before the parser: it passes raw control characters through, and storage cannot take them.
  const control = findControlCharacter(decoded.text);
  if (control !== undefined) return { ok: false, reason: 'control-character', message: control };
  const tree = readXmlTree(decoded.text);
  if (!tree.ok) return tree;
  return { ok: true, root: tree.root, text: decoded.text };
}
