// The residents' front page: what Siaga does, the way to register, and the warnings in force.
import { html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { alertListItems, type PlacedAlertRow } from './page-alerts.ts';
import { RESIDENT_WORDS } from './words-resident.ts';

export function homePage(lang: Lang, active: PlacedAlertRow[]): string {
  const w = RESIDENT_WORDS[lang];
  const body = html`
<h1>${w.homeTitle}</h1>
<p class="lead">${w.homeIntro}</p>
<p><a class="button primary" href="/register">${w.homeRegister}</a></p>
<section aria-labelledby="active-h">
  <h2 id="active-h">${w.homeActive}</h2>
  ${active.length ? html`<ul class="alerts">${alertListItems(active, lang)}</ul>` : html`<p>${w.homeNoActive}</p>`}
  <p><a href="/alerts">${w.homeAllAlerts}</a></p>
</section>
<p class="note">${w.homeCheck}</p>`;
  return layout({ lang, title: w.homeTitle, here: '/', audience: 'resident', body, scripts: ['yours.js'] });
}
