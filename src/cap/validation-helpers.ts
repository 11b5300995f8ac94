// Small checks shared by the alert, info, resource and area validators. Each pushes plain-language
// issues ("what was found, what was expected") into the given lists.
import type { CapIssues, CapValuePair, CapVersion } from './cap-types.ts';
import { clip } from './check-children.ts';
import { allowedValues, type EnumField } from './cap-vocabulary.ts';
import { readCapDateTime } from './read-cap-date-time.ts';

/** identifier, sender and the parts of a reference: non-empty, no whitespace, comma, "<" or "&" (CAP 3.2.1). */
export function identifierProblem(label: string, value: string): string | undefined {
  if (value === '') return `${label} is missing or empty; CAP requires it.`;
  const bad = [
    /\s/.test(value) && 'spaces',
    value.includes(',') && 'commas',
    value.includes('<') && '"<"',
    value.includes('&') && '"&"',
  ].filter((b) => b !== false);
  if (bad.length === 0) return undefined;
  return `${label} "${clip(value)}" contains ${bad.join(' and ')}; CAP does not allow spaces, commas, "<" or "&" in it.`;
}

export function checkEnum(out: CapIssues, path: string, field: EnumField, value: string, version: CapVersion): void {
  const allowed = allowedValues(field, version);
  if (allowed.includes(value)) return;
  if (value === '') {
    out.errors.push({ path, message: `${field} is missing or empty; expected one of ${allowed.join(', ')}.` });
    return;
  }
  const sameIgnoringCase = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  let hint = '';
  if (value === 'Very Likely') hint = ' "Very Likely" is the CAP 1.0 value; CAP 1.1 and later write "Likely".';
  else if (sameIgnoringCase) hint = ` Values are case-sensitive: write "${sameIgnoringCase}".`;
  else if (allowedValues(field, '1.2').includes(value)) hint = ` It exists only in a later CAP version than ${version}.`;
  out.errors.push({ path, message: `${field} "${clip(value)}" is not allowed; expected one of ${allowed.join(', ')}.${hint}` });
}

export function checkDateTime(out: CapIssues, path: string, label: string, raw: string, version: CapVersion): void {
  const reading = readCapDateTime(label, raw, version);
  for (const message of reading.errors) out.errors.push({ path, message });
  for (const message of reading.warnings) out.warnings.push({ path, message });
}

/** An absolute URI: a scheme, a colon, and no spaces (xs:anyURI plus CAP's "full absolute URI"). */
export function isAbsoluteUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(value);
}

/** Entity text that survives XML decoding (e.g. "&apos;" written as "&amp;apos;"), discouraged by CAP 3.3.3. */
export function htmlProblem(label: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const entity = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/.exec(text);
  if (entity)
    return `${label} contains the HTML entity text "${entity[0]}", which receivers will show literally; write the character itself.`;
  const tag = /<\/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?\/?>/.exec(text);
  if (tag)
    return `${label} contains HTML markup such as "${clip(tag[0], 30)}"; CAP text should be plain, since SMS and push receivers show tags literally.`;
  return undefined;
}

/** eventCode, parameter, geocode: an empty valueName leaves the code system unknown. (An empty value is normal: NWS sends them.) */
export function checkValueNames(out: CapIssues, path: string, pairs: CapValuePair[]): void {
  pairs.forEach((pair, i) => {
    if (pair.valueName === '')
      out.warnings.push({
        path: `${path}[${i}]`,
        message: `This pair has an empty valueName (value "${clip(pair.value)}"), so receivers cannot tell which code system it uses.`,
      });
  });
}
