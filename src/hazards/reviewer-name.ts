// Who drafted, approved or rejected a candidate: a person's name (or `siaga:<product>` for the job).
// Names are compared without case and with spaces collapsed: four-eyes must not be beaten by
// typing "Rina" once and "rina " the second time.
import { HazardReviewError } from './hazard-review-error.ts';

/** The name as stored: trimmed, inner spaces collapsed; refused when empty, too long or with control characters. */
export function reviewerName(raw: string, field = 'by'): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') throw new HazardReviewError('invalid', `${field}: say who you are (a name, e.g. "Rina Siregar")`);
  if (name.length > 80) throw new HazardReviewError('invalid', `${field}: at most 80 characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new HazardReviewError('invalid', `${field}: control characters are not allowed`);
  if (/^siaga:/i.test(name)) throw new HazardReviewError('invalid', `${field}: names starting with "siaga:" are Siaga's own jobs, not people`);
  return name;
}

export function samePerson(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The name the scheduled job drafts under. */
export function jobDrafter(product: string): string {
  return `siaga:${product}`;
}
