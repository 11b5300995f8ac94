// A small namespace-aware element tree over fast-xml-parser, which itself knows nothing of
// namespaces: CAP is defined by its namespace, not by its prefix (`<cap:alert xmlns:cap=…>` is the
// same element as `<alert xmlns=…>`). The caller must have refused DTDs first (findHostileMarkup);
// entities are decoded here, never by the parser, so only the five XML ones and character
// references exist.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RefusalReason } from './cap-types.ts';

export interface XmlAttribute {
  name: string;
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  /** The name as written, with its prefix. */
  name: string;
  /** Namespace URI; '' when the element is in no namespace. */
  ns: string;
  local: string;
  /** Attributes other than namespace declarations. */
  attrs: XmlAttribute[];
  children: XmlElement[];
  /** All character data directly inside the element (text and CDATA), entities decoded. */
  text: string;
}

export type XmlTree = { ok: true; root: XmlElement } | { ok: false; reason: RefusalReason; message: string };

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
});

type Ordered = Record<string, unknown>;

class NotWellFormed extends Error {}

export function readXmlTree(text: string): XmlTree {
  const check = XMLValidator.validate(text);
  if (check !== true) {
    const { msg, line, col } = check.err;
    return notWellFormed(`The document is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  let nodes: Ordered[];
  try {
    nodes = parser.parse(text) as Ordered[];
  } catch (cause) {
    return notWellFormed(`The document could not be read as XML: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const roots = nodes.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1 || nodes.some((n) => typeof n[TEXT] === 'string' && n[TEXT].trim() !== '')) {
    return notWellFormed(
      `The document must have exactly one root element and nothing else outside it; found ${roots.length} root elements.`,
    );
  }
  try {
    return { ok: true, root: toElement(roots[0] as Ordered, new Map([['xml', XML_NAMESPACE]])) };
  } catch (cause) {
    if (cause instanceof NotWellFormed) return notWellFormed(cause.message);
    throw cause;
  }
}

function notWellFormed(message: string): XmlTree {
  return { ok: false, reason: 'not-well-formed', message };
}

function elementName(node: Ordered): string | undefined {
  return Object.keys(node).find((k) => k !== ATTRS && k !== TEXT && k !== CDATA);
}

function toElement(node: Ordered, inherited: Map<string, string>): XmlElement {
  const name = elementName(node) ?? '';
  const rawAttrs = (node[ATTRS] ?? {}) as Record<string, string>;
  const scope = new Map(inherited);
  for (const [attr, value] of Object.entries(rawAttrs)) {
    if (attr === 'xmlns') scope.set('', unescapeXml(value));
    else if (attr.startsWith('xmlns:')) scope.set(attr.slice(6), unescapeXml(value));
  }
  const [ns, local] = resolve(name, scope, true);
  const attrs: XmlAttribute[] = [];
  for (const [attr, value] of Object.entries(rawAttrs)) {
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) continue;
    const [attrNs, attrLocal] = resolve(attr, scope, false);
    attrs.push({ name: attr, ns: attrNs, local: attrLocal, value: unescapeXml(value) });
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] ?? []) as Ordered[]) {
    if (typeof child[TEXT] === 'string') text += unescapeXml(child[TEXT]);
    else if (Array.isArray(child[CDATA])) text += (child[CDATA] as Ordered[]).map((c) => String(c[TEXT] ?? '')).join('');
    else if (elementName(child) !== undefined) children.push(toElement(child, scope));
  }
  return { name, ns, local, attrs, children, text };
}

function resolve(qname: string, scope: Map<string, string>, isElement: boolean): [string, string] {
  const colon = qname.indexOf(':');
  if (colon === -1) return [isElement ? (scope.get('') ?? '') : '', qname];
  const prefix = qname.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined)
    throw new NotWellFormed(`The prefix "${prefix}" in <${qname}> is not bound to any namespace (no xmlns:${prefix} declaration).`);
  return [ns, qname.slice(colon + 1)];
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is an error, since no DTD may declare more. */
export function unescapeXml(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new NotWellFormed(`A bare "&" appears in "${excerpt(raw)}"; write it as &amp;.`);
    const named = NAMED[body];
    if (named !== undefined) return named;
    const num = /^#x([0-9a-fA-F]+)$/.exec(body)?.[1] ?? /^#([0-9]+)$/.exec(body)?.[1];
    if (num !== undefined) {
      const code = body.startsWith('#x') ? parseInt(num, 16) : parseInt(num, 10);
      const allowed =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (allowed) return String.fromCodePoint(code);
      throw new NotWellFormed(`The character reference &${body}; is not a legal XML character.`);
    }
    throw new NotWellFormed(
      `The entity &${body}; is not defined: only &amp; &lt; &gt; &quot; &apos; and numeric references exist without a DTD (HTML entities such as &nbsp; are not XML).`,
    );
  });
}

function excerpt(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
