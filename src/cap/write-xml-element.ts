// An element of a parsed document written back as a document of its own: how a CAP alert embedded
// in a feed entry becomes the CAP document that is checked and stored. The tree keeps namespaces,
// not prefixes, so every element declares its namespace where it changes and every namespaced
// attribute gets a prefix declared on its element; the result means what the embedded alert meant.
// An XML signature over the alert does not survive this (its canonical form is not kept).
import type { XmlElement } from './read-xml-tree.ts';

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export function writeXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeElement(root, undefined)}\n`;
}

function writeElement(el: XmlElement, parentNs: string | undefined): string {
  const attrs: string[] = [];
  if (el.ns !== parentNs) attrs.push(`xmlns="${escape(el.ns)}"`);
  el.attrs.forEach((a, i) => {
    if (a.ns === '') attrs.push(`${a.local}="${escape(a.value)}"`);
    else if (a.ns === XML_NAMESPACE) attrs.push(`xml:${a.local}="${escape(a.value)}"`);
    else attrs.push(`xmlns:a${i}="${escape(a.ns)}"`, `a${i}:${a.local}="${escape(a.value)}"`);
  });
  const open = [el.local, ...attrs].join(' ');
  // CAP elements hold either text or elements; the whitespace between child elements is not kept.
  const inner = el.children.length > 0 ? el.children.map((c) => writeElement(c, el.ns)).join('') : escape(el.text);
  return inner === '' ? `<${open}/>` : `<${open}>${inner}</${el.local}>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');
}
