import type { CapVersion } from './cap-types.ts';
import { CAP_NAMESPACES } from './cap-vocabulary.ts';
import type { XmlElement } from './read-xml-tree.ts';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
const EXPECTED =
  'expected <alert> in the namespace urn:oasis:names:tc:emergency:cap:1.2 (or cap:1.1, or http://www.incident.com/cap/1.0 for CAP 1.0)';

/** The CAP version of a root element, decided by its namespace only (RULES 1.2), or why it is not a CAP alert. */
export function identifyCapRoot(root: XmlElement): { ok: true; version: CapVersion } | { ok: false; message: string } {
  const version = CAP_NAMESPACES[root.ns];
  if (root.local === 'alert' && version !== undefined) return { ok: true, version };
  if (root.local === 'alert') {
    const found = root.ns === '' ? 'in no namespace' : `in the namespace "${root.ns}"`;
    return {
      ok: false,
      message: `The root element <${root.name}> is ${found}, which is not a CAP namespace, so this is not a CAP message; ${EXPECTED}.`,
    };
  }
  if (root.local === 'feed' && root.ns === ATOM_NAMESPACE) {
    return {
      ok: false,
      message:
        'This is an Atom feed, not a single CAP alert; where feeds are accepted (siaga cap validate, cap ingest, POST /api/cap) each entry is read for the alert it embeds or links to.',
    };
  }
  if (root.local === 'rss')
    return {
      ok: false,
      message:
        'This is an RSS feed, not a single CAP alert; where feeds are accepted (siaga cap validate, cap ingest, POST /api/cap) each item is read for the alert it embeds or links to.',
    };
  return {
    ok: false,
    message: `The root element is <${root.name}>, not a single CAP alert, so this is not a CAP alert message; ${EXPECTED}.`,
  };
}
