import type { CapCheck } from './check-cap-element.ts';
import { parseCap, type ParseCapOptions } from './parse-cap.ts';
import { validateCap } from './validate-cap.ts';

/** Parses and validates one CAP document: the usual entry point for a fetched file. */
/** `rawXml` is the document's text as decoded from its declared encoding, kept verbatim for storage. */
export function checkCap(input: string | Uint8Array, options: ParseCapOptions = {}): CapCheck & { rawXml?: string } {
  const parsed = parseCap(input, options);
  if (!parsed.ok) return { valid: false, refused: true, reason: parsed.reason, errors: parsed.errors, warnings: [] };
  const content = validateCap(parsed.alert);
  const errors = [...parsed.readIssues.errors, ...content.errors];
  return {
    valid: errors.length === 0,
    refused: false,
    errors,
    warnings: [...parsed.readIssues.warnings, ...content.warnings],
    alert: parsed.alert,
    rawXml: parsed.rawXml,
  };
}
