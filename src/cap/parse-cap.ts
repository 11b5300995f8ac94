// Entry point for one CAP document from the outside world (a BMKG nowcast file, a peer's feed
// entry). Nothing reaches the XML parser before the size, encoding and DTD checks pass.
import type { CapAlert, CapIssues, CapVersion, Issue, RefusalReason } from './cap-types.ts';
import { identifyCapRoot } from './identify-cap-root.ts';
import { readCapAlert } from './read-cap-alert.ts';
import { readXmlDocument } from './read-xml-document.ts';

export interface ParseCapOptions {
  /** Largest accepted document in bytes (UTF-8 length for string input). Default 5 MiB. */
  maxBytes?: number;
}

export type ParseCapResult =
  /** Not read at all: too large, hostile (DTD/entities), badly encoded, not well-formed, or not a CAP alert. */
  | { ok: false; refused: true; reason: RefusalReason; errors: Issue[] }
  /**
   * Read as CAP. `readIssues` holds what the schema rejects and what was read leniently (order,
   * unknown or repeated elements, empty optional elements); validateCap adds the content rules.
   */
  | { ok: true; refused: false; version: CapVersion; alert: CapAlert; rawXml: string; readIssues: CapIssues };

export function parseCap(input: string | Uint8Array, options: ParseCapOptions = {}): ParseCapResult {
  const doc = readXmlDocument(input, options.maxBytes);
  if (!doc.ok) return refuse(doc.reason, doc.message);
  const root = identifyCapRoot(doc.root);
  if (!root.ok) return refuse('not-cap', root.message);
  const { alert, errors, warnings } = readCapAlert(doc.root, root.version);
  return { ok: true, refused: false, version: root.version, alert, rawXml: doc.text, readIssues: { errors, warnings } };
}

function refuse(reason: RefusalReason, message: string): ParseCapResult {
  return { ok: false, refused: true, reason, errors: [{ path: 'document', message }] };
}
