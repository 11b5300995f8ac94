// "My household": reached only through the private link (/me#<token>). The token stays in the
// fragment, which browsers never send, so it is in no server log, proxy log or Referer; manage.js
// reads it and calls the residents' API with it (see, change, delete). The page itself is the same
// for everyone.
import { MESSAGES, type MessageKey } from '../messages/message-catalogue.ts';
import { say } from '../messages/say.ts';
import { MAX_MEMBERS, VULNERABLE_KINDS } from '../registry/vulnerable-people.ts';
import { html, jsonBlock } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { COMMON_WORDS } from './words-common.ts';
import { RESIDENT_WORDS } from './words-resident.ts';

const REGISTER_KEYS = (Object.keys(MESSAGES) as MessageKey[]).filter((k) => k.startsWith('register.'));
const DELIVERY_STATES = ['queued', 'sending', 'sent', 'delivered', 'acknowledged', 'failed', 'expired'] as const;

export function mePage(lang: Lang): string {
  const w = RESIDENT_WORDS[lang];
  const c = COMMON_WORDS[lang];
  const body = html`
<h1>${w.meTitle}</h1>
<noscript><p class="notice">${c.noScript}</p></noscript>
<p id="me-status" role="status">${c.loading}</p>
<div id="me" hidden>
  <section aria-labelledby="push-h" class="card">
    <h2 id="push-h">${w.meWarningsLegend}</h2>
    <p id="push-state" aria-live="polite">${w.meOff}</p>
    <p><button type="button" class="primary" id="push-on">${w.meTurnOn}</button></p>
  </section>
  <section aria-labelledby="recent-h" class="card">
    <h2 id="recent-h">${w.meRecent}</h2>
    <ul id="deliveries" class="deliveries"></ul>
  </section>
  <section aria-labelledby="data-h" class="card">
    <h2 id="data-h">${w.meDataLegend}</h2>
    <dl class="facts" id="me-data"></dl>
  </section>
  <section aria-labelledby="edit-h" class="card">
    <h2 id="edit-h">${w.meEdit}</h2>
    <form id="edit-form" class="stack" novalidate>
      <p><label for="e-members">${w.members}</label><input id="e-members" name="members" type="number" min="1" max="${MAX_MEMBERS}" required></p>
      <p><label for="e-vulnerable-people">${w.vulnerablePeople}</label><input id="e-vulnerable-people" name="vulnerable_people" type="number" min="0" max="${MAX_MEMBERS}"></p>
      <fieldset class="vulnerable">
        <legend>${w.vulnerableLegend}</legend>
        <div class="grid">${VULNERABLE_KINDS.map((k) => html`<p><label for="e-${k}">${w[k]}</label><input id="e-${k}" name="${k}" type="number" min="0" max="${MAX_MEMBERS}"></p>`)}</div>
      </fieldset>
      <p><label for="e-language">${w.language}</label><select id="e-language" name="language"><option value="id">${w.langId}</option><option value="en">${w.langEn}</option></select></p>
      <p><label for="e-phone">${w.phone}</label><input id="e-phone" name="phone" type="tel" autocomplete="tel" aria-describedby="e-phone-hint" placeholder="+62…"><span class="hint" id="e-phone-hint">${w.phoneHint}</span></p>
      <p id="edit-status" role="status" aria-live="polite"></p>
      <p><button type="submit" id="edit-save">${w.meSave}</button></p>
    </form>
  </section>
  <section aria-labelledby="delete-h" class="card danger">
    <h2 id="delete-h">${w.meDelete}</h2>
    <p><button type="button" id="delete" class="danger">${w.meDelete}</button></p>
  </section>
</div>
${jsonBlock('words', { ...w, errorPrefix: c.errorPrefix, deliveryStates: Object.fromEntries(DELIVERY_STATES.map((st) => [st, say(`delivery.state.${st}`, lang)])), messages: Object.fromEntries(REGISTER_KEYS.map((k) => [k, MESSAGES[k][lang]])) })}`;
  return layout({ lang, title: w.meTitle, here: '/me', audience: 'resident', body, scripts: ['manage.js'] });
}
