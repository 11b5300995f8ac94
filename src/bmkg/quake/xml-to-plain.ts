// BMKG's quake XML is JSON in angle brackets: no attributes, no mixed content. Turning an element
// into the plain value its JSON twin would hold lets one reader serve both formats: a leaf becomes
// its trimmed text, a parent an object by local name, and a repeated name (gempa, info, wzarea) an array.
import type { XmlElement } from '../../cap/read-xml-tree.ts';

export type Plain = string | PlainObject | Plain[];
export interface PlainObject {
  [key: string]: Plain;
}

/** The element's content as a plain value (its own name is not included). */
export function xmlToPlain(element: XmlElement): Plain {
  if (element.children.length === 0) return element.text.trim();
  const out: PlainObject = {};
  for (const child of element.children) {
    const value = xmlToPlain(child);
    const existing = out[child.local];
    if (existing === undefined) out[child.local] = value;
    // Only repetition makes an array: a leaf is a string and a parent an object.
    else if (Array.isArray(existing)) existing.push(value);
    else out[child.local] = [existing, value];
  }
  return out;
}
