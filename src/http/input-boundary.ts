// The one gate every request's text passes before a handler sees it: the path, every query
// parameter, every key and string of a JSON body and every field of a form. Control characters
// (U+0000 above all, which PostgreSQL cannot store and answers with an error) and dates a database
// or date library cannot represent are refused here with 400 naming where, so no route can forget.
// Tab, newline and carriage return stay allowed: notes and reasons are free text.
import { HttpError } from './route.ts';

// C0 controls except tab, newline, CR; DEL; C1 controls. Matching them is this regex's purpose.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// A year beyond four digits, or signed (ISO 8601 extended years): JavaScript's Date takes them,
// PostgreSQL's timestamp text and every page formatting them do not.
const EXTENDED_YEAR = /^\s*(?:[+-]\d{4,}|\d{5,})-\d{1,2}(?:-|$|T)/;
const MAX_DEPTH = 32;

/** Refuses a control character or an extended-year date in `value`; `where` names it in the answer. */
export function checkText(value: string, where: string): void {
  const bad = CONTROL.exec(value);
  if (bad)
    throw new HttpError(
      400,
      `${where}: contains the control character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at position ${bad.index + 1}; remove it`,
    );
  if (EXTENDED_YEAR.test(value)) throw new HttpError(400, `${where}: "${value.slice(0, 40)}" is a date outside the years 1000–9999`);
}

/** The request's path (decoded) and every query parameter's name and value. */
export function checkUrl(url: URL): void {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new HttpError(400, 'the path has a broken %-escape');
  }
  checkText(path, 'the path');
  for (const [key, value] of url.searchParams) {
    checkText(key, `query parameter "${key.slice(0, 40)}"`);
    checkText(value, `query parameter ${key}`);
  }
}

/** Every key and string of a parsed JSON body, however deep (bounded). */
export function checkJson(value: unknown, path = 'body', depth = 0): void {
  if (depth > MAX_DEPTH) throw new HttpError(400, `${path}: nested more than ${MAX_DEPTH} levels deep`);
  if (typeof value === 'string') return checkText(value, path);
  if (Array.isArray(value)) return value.forEach((v, i) => checkJson(v, `${path}.${i}`, depth + 1));
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      checkText(key, `${path}: key "${key.slice(0, 40)}"`);
      checkJson(v, `${path}.${key}`, depth + 1);
    }
  }
}

/** Every field (name and value) of a posted form. */
export function checkForm(form: URLSearchParams): void {
  for (const [key, value] of form) {
    checkText(key, `form field "${key.slice(0, 40)}"`);
    checkText(value, `form field ${key}`);
  }
}

// Strict ISO 8601 (what the pages show as the example): JavaScript's own parser is lax enough to
// read "-1" as the year 2001, which would filter silently by a date nobody meant.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A query's instant (`since`…): strict ISO 8601, years 1900–9999, else 400 naming the parameter. */
export function parseInstant(text: string, name: string): Date {
  const m = ISO_INSTANT.exec(text.trim());
  const date = m
    ? new Date(m[4] === undefined && m[7] === undefined ? `${text.trim()}T00:00Z` : m[7] === undefined ? `${text.trim()}Z` : text.trim())
    : undefined;
  if (!m || !date || Number.isNaN(date.getTime()))
    throw new HttpError(400, `${name}: "${text.slice(0, 40)}" is not an ISO date-time (e.g. 2026-11-29T00:00Z)`);
  const year = Number(m[1]);
  if (year < 1900) throw new HttpError(400, `${name}: the year ${year} is before 1900`);
  return date;
}
