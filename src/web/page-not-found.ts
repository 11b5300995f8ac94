// The page for an address that does not exist (or an alert that is not public).
import { html } from './html.ts';
import type { Lang } from './language.ts';
import { layout, type Audience } from './layout.ts';
import { COMMON_WORDS } from './words-common.ts';

export function notFoundPage(lang: Lang, here: string, audience: Audience = 'resident'): string {
  const c = COMMON_WORDS[lang];
  return layout({ lang, title: c.notFound, here, audience, body: html`<h1>${c.notFound}</h1><p>${c.notFoundText}</p>` });
}
