// The schema part of CAP that a typed model cannot show: element order, repeats, unknown elements,
// stray text and attributes. Reported in words a BMKG liaison can act on, naming the element.
import type { Issue } from './cap-types.ts';
import { XMLDSIG_NAMESPACE, type ChildRule } from './cap-vocabulary.ts';
import type { XmlElement } from './read-xml-tree.ts';

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** Path of the `index`-th `name` child: repeatable elements carry an index, single ones do not. */
export function childPath(parent: string, name: string, index: number, rules: ChildRule[]): string {
  const rule = rules.find((r) => r.name === name);
  return rule && rule.max > 1 ? `${parent}/${name}[${index}]` : `${parent}/${name}`;
}

/**
 * Checks the children of a CAP container element against its schema sequence; pushes errors to
 * `errors`. Missing required children are reported only with `reportMissing`: for alert, info,
 * resource and area, validateCap reports them from the model ("missing or empty"), so they are not
 * reported twice.
 */
export function checkChildren(
  el: XmlElement,
  rules: ChildRule[],
  capNs: string,
  path: string,
  errors: Issue[],
  reportMissing = false,
): void {
  const expected = rules
    .filter((r) => !r.ns)
    .map((r) => r.name)
    .join(', ');
  const stray = el.text.trim();
  if (stray !== '')
    errors.push({ path, message: `Stray text "${clip(stray)}" sits directly inside <${el.local}>; only child elements belong there.` });

  const counts = new Map<ChildRule, number>();
  let lastIndex = -1;
  let lastName = '';
  for (const child of el.children) {
    const index = rules.findIndex((r) =>
      r.ns === 'dsig' ? child.ns === XMLDSIG_NAMESPACE && child.local === r.name : child.ns === capNs && child.local === r.name,
    );
    const rule = rules[index];
    if (rule === undefined) {
      const where = child.ns === capNs ? '' : child.ns === '' ? ' (in no namespace)' : ` (namespace ${child.ns})`;
      // Listing the allowed children helps for small elements; for <info> (21 names) it drowns the point.
      const hint = rules.length <= 8 ? `; expected only ${expected}, in that order` : '';
      errors.push({
        path: `${path}/${child.name}`,
        message: `<${child.name}>${where} is not a CAP element allowed inside <${el.local}>${hint}.`,
      });
      continue;
    }
    const seen = (counts.get(rule) ?? 0) + 1;
    counts.set(rule, seen);
    const at = childPath(path, child.local, seen - 1, rules);
    if (seen > rule.max) {
      // A repeat is reported once, and not also as out of order: the repeat is the mistake.
      if (seen === rule.max + 1)
        errors.push({ path: at, message: `<${child.local}> appears more than once inside <${el.local}>; CAP allows it only once.` });
    } else if (index < lastIndex) {
      errors.push({ path: at, message: `<${child.local}> comes after <${lastName}>, but CAP requires ${child.local} before ${lastName}.` });
    } else {
      lastIndex = index;
      lastName = child.local;
    }
    if (child.ns === capNs) checkAttributes(child, at, errors);
  }
  for (const rule of rules) {
    if (!reportMissing || (counts.get(rule) ?? 0) >= rule.min) continue;
    const what = rule.min === 1 && rule.max === 1 ? `the required element <${rule.name}>` : `at least one <${rule.name}>`;
    errors.push({ path: `${path}/${rule.name}`, message: `<${el.local}> is missing ${what}.` });
  }
}

/** CAP elements carry no attributes of their own; xsi:* and xml:* are schema-level and allowed. */
export function checkAttributes(el: XmlElement, path: string, errors: Issue[]): void {
  for (const attr of el.attrs) {
    if (attr.ns === XSI_NAMESPACE || attr.ns === XML_NAMESPACE) continue;
    errors.push({ path, message: `<${el.local}> has the attribute ${attr.name}="${clip(attr.value)}"; CAP elements take no attributes.` });
  }
}

export function clip(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}
