// The page a browser gets when an address does not exist, a request is refused or Siaga fails:
// what happened and what to do next in the reader's language, the status as a code to quote, and
// the way home. A refusal (4xx) may carry its technical reason, folded away for whoever is asked to
// help; a failure's (5xx) reason stays in the log, never on the page.
import type { MessageKey } from '../messages/message-catalogue.ts';
import { say } from '../messages/say.ts';
import { html } from './html.ts';
import type { Lang } from './language.ts';
import { layout, type Audience } from './layout.ts';

const PAGES: Record<number, { title: MessageKey; text: MessageKey }> = {
  400: { title: 'page.badRequest.title', text: 'page.badRequest.text' },
  403: { title: 'page.forbidden.title', text: 'page.forbidden.text' },
  404: { title: 'page.notFound.title', text: 'page.notFound.text' },
  405: { title: 'page.methodNotAllowed.title', text: 'page.methodNotAllowed.text' },
  413: { title: 'page.tooLarge.title', text: 'page.tooLarge.text' },
  429: { title: 'page.tooMany.title', text: 'page.tooMany.text' },
};
const SERVER_ERROR = { title: 'page.serverError.title', text: 'page.serverError.text' } as const;
const CLIENT_ERROR = PAGES[400] ?? SERVER_ERROR;

export function errorPage(lang: Lang, status: number, here: string, audience: Audience = 'resident', detail?: string): string {
  const keys = PAGES[status] ?? (status >= 500 ? SERVER_ERROR : CLIENT_ERROR);
  const home = audience === 'resident' ? '/' : `/${audience}`;
  const body = html`<section class="error-page" aria-labelledby="error-h">
<h1 id="error-h">${say(keys.title, lang)}</h1>
<p>${say(keys.text, lang)}</p>
<p class="note">${say('page.errorCode', lang, { status: String(status) })}</p>
${detail && status < 500 ? html`<details><summary>${say('page.technicalDetail', lang)}</summary><p lang="en"><code>${detail}</code></p></details>` : ''}
<p><a class="button primary" href="${home}">${say('page.backHome', lang)}</a></p>
</section>`;
  return layout({ lang, title: say(keys.title, lang), here, audience, body });
}
