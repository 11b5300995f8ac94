// The page for an address that does not exist (or an alert that is not public).
import type { Lang } from './language.ts';
import type { Audience } from './layout.ts';
import { errorPage } from './page-error.ts';

export function notFoundPage(lang: Lang, here: string, audience: Audience = 'resident'): string {
  return errorPage(lang, 404, here, audience);
}
