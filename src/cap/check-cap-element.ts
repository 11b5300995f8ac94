import type { CapAlert, Issue, RefusalReason } from './cap-types.ts';
import { identifyCapRoot } from './identify-cap-root.ts';
import { readCapAlert } from './read-cap-alert.ts';
import type { XmlElement } from './read-xml-tree.ts';
import { validateCap } from './validate-cap.ts';

/** The verdict on one CAP document: `valid` means no errors (warnings allowed); `refused` means it could not be read as CAP at all. */
export interface CapCheck {
  valid: boolean;
  refused: boolean;
  reason?: RefusalReason;
  errors: Issue[];
  warnings: Issue[];
  alert?: CapAlert;
}

/** Reads and validates an `<alert>` element already parsed from a document (a standalone file or a feed entry). */
export function checkCapElement(el: XmlElement): CapCheck {
  const root = identifyCapRoot(el);
  if (!root.ok)
    return { valid: false, refused: true, reason: 'not-cap', errors: [{ path: 'document', message: root.message }], warnings: [] };
  const read = readCapAlert(el, root.version);
  const content = validateCap(read.alert);
  const errors = [...read.errors, ...content.errors];
  return { valid: errors.length === 0, refused: false, errors, warnings: [...read.warnings, ...content.warnings], alert: read.alert };
}
