// The staff sign-in form: a plain POST form (works without scripts), same for liaisons and teams.
import { html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { STAFF_WORDS } from './words-staff.ts';

export function signInPage(lang: Lang, next: string, failed: boolean, username = ''): string {
  const w = STAFF_WORDS[lang];
  const body = html`
<h1>${w.signInTitle}</h1>
<p>${w.signInIntro}</p>
${failed ? html`<p class="error" role="alert">${w.signInFailed}</p>` : ''}
<form method="post" action="/signin" class="stack">
  <input type="hidden" name="next" value="${next}">
  <p><label for="username">${w.username}</label><input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${username}"></p>
  <p><label for="password">${w.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
  <p><button type="submit" class="primary">${w.signIn}</button></p>
</form>`;
  return layout({ lang, title: w.signInTitle, here: '/signin', audience: 'resident', body });
}

export function forbiddenPage(lang: Lang, here: string, user: string): string {
  const w = STAFF_WORDS[lang];
  return layout({ lang, title: w.forbidden, here, audience: 'resident', user, body: html`<h1>${w.forbidden}</h1>` });
}

/** A staff form post without proof that it came from Siaga's own page (no same-origin header). */
export function crossSitePage(lang: Lang): string {
  const w = STAFF_WORDS[lang];
  return layout({
    lang,
    title: w.crossSite,
    here: '/signin',
    audience: 'resident',
    body: html`<h1>${w.crossSite}</h1><p>${w.crossSiteHelp}</p>`,
  });
}
