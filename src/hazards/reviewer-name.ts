// Who drafted, approved or rejected a candidate: a person's name (or `siaga:<product>` for the job).
// Over the API and the web pages the name is an account's username, so four-eyes compares accounts.
// Typed names remain on the command line (operators with database access) and in old records; they
// are compared after Unicode NFKC normalisation, with accents dropped, case folded and spaces
// collapsed: four-eyes must not be beaten by typing "Rina" once and "rina " or "Ríña" the second time.
// Erring towards "same person" only ever asks for one more reviewer.
import { HazardReviewError } from './hazard-review-error.ts';

/** The name as stored: trimmed, inner spaces collapsed; refused when empty, too long or with control characters. */
export function reviewerName(raw: string, field = 'by'): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') throw new HazardReviewError('invalid', `${field}: say who you are (a name, e.g. "Rina Siregar")`);
  if (name.length > 80) throw new HazardReviewError('invalid', `${field}: at most 80 characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new HazardReviewError('invalid', `${field}: control characters are not allowed`);
  if (/^siaga:/i.test(name))
    throw new HazardReviewError('invalid', `${field}: names starting with "siaga:" are Siaga's own jobs, not people`);
  return name;
}

export function samePerson(a: string, b: string): boolean {
  return personKey(a) === personKey(b);
}

/** The form two names are compared in. */
export function personKey(name: string): string {
  return name.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase().trim().replace(/\s+/g, ' ');
}

/** The name the scheduled job drafts under. */
export function jobDrafter(product: string): string {
  return `siaga:${product}`;
}
