// "My household": reached only through the private link (/me#<token>). The token stays in the
// fragment, which browsers never send, so it is in no server log, proxy log or Referer; manage.js
// reads it and calls the residents' API with it (see, change, delete). The page itself is the same
// for everyone. The change form moves the house too: the same map as registration (place-picker.js),
// saved as a new version of the household like every change, with each refused field's message
// next to it as on the registration form.
import { MESSAGES, type MessageKey } from '../messages/message-catalogue.ts';
import { say } from '../messages/say.ts';
import { MAX_MEMBERS, VULNERABLE_KINDS } from '../registry/vulnerable-people.ts';
import type { RegistrationField } from '../messages/registration-field-errors.ts';
import { html, jsonBlock, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { COMMON_WORDS } from './words-common.ts';
import { RESIDENT_WORDS } from './words-resident.ts';

const REGISTER_KEYS = (Object.keys(MESSAGES) as MessageKey[]).filter((k) => k.startsWith('register.'));
/** The inputs of each field a refused change marks (the registration form's, prefixed `e-`). */
const FIELD_INPUTS: Record<Exclude<RegistrationField, 'form' | 'consent'>, string[]> = {
  location: ['e-lat', 'e-lon'],
  members: ['e-members'],
  vulnerable_people: ['e-vulnerable-people'],
  ...(Object.fromEntries(VULNERABLE_KINDS.map((k) => [k, [`e-${k}`]])) as Record<(typeof VULNERABLE_KINDS)[number], string[]>),
  language: ['e-language'],
  phone: ['e-phone'],
};

/** Where a field's message is written (empty until the API refuses the change). */
const message = (field: keyof typeof FIELD_INPUTS): Html => html`<span class="field-error" id="e-${field}-error"></span>`;

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
      <fieldset>
        <legend>${w.locationLegend}</legend>
        <p>${w.meMoveIntro}</p>
        <figure class="map-figure"><div id="e-map" class="map" role="application" aria-label="${c.mapLabel}"></div></figure>
        <p><button type="button" id="e-locate" hidden>${w.useMyLocation}</button> <span id="e-locate-status" role="status"></span></p>
        <div class="row">
          <p><label for="e-lat">${w.latitude}</label><input id="e-lat" name="lat" inputmode="decimal" required autocomplete="off"></p>
          <p><label for="e-lon">${w.longitude}</label><input id="e-lon" name="lon" inputmode="decimal" required autocomplete="off"></p>
        </div>
        <p>${message('location')}</p>
        <p aria-live="polite">${w.villageIs} <strong id="e-village-name">${w.villageUnknown}</strong></p>
      </fieldset>
      <p><label for="e-members">${w.members}</label><input id="e-members" name="members" type="number" min="1" max="${MAX_MEMBERS}" required>${message('members')}</p>
      <p><label for="e-vulnerable-people">${w.vulnerablePeople}</label><input id="e-vulnerable-people" name="vulnerable_people" type="number" min="0" max="${MAX_MEMBERS}">${message('vulnerable_people')}</p>
      <fieldset class="vulnerable">
        <legend>${w.vulnerableLegend}</legend>
        <div class="grid">${VULNERABLE_KINDS.map((k) => html`<p><label for="e-${k}">${w[k]}</label><input id="e-${k}" name="${k}" type="number" min="0" max="${MAX_MEMBERS}">${message(k)}</p>`)}</div>
      </fieldset>
      <p><label for="e-language">${w.language}</label><select id="e-language" name="language"><option value="id">${w.langId}</option><option value="en">${w.langEn}</option></select>${message('language')}</p>
      <p><label for="e-phone">${w.phone}</label><input id="e-phone" name="phone" type="tel" autocomplete="tel" aria-describedby="e-phone-hint" data-hint="e-phone-hint" placeholder="+62…"><span class="hint" id="e-phone-hint">${w.phoneHint}</span>${message('phone')}</p>
      <div id="edit-error" class="error" role="alert"></div>
      <p id="edit-status" role="status" aria-live="polite"></p>
      <p><button type="submit" id="edit-save">${w.meSave}</button></p>
    </form>
  </section>
  <section aria-labelledby="delete-h" class="card danger">
    <h2 id="delete-h">${w.meDelete}</h2>
    <p><button type="button" id="delete" class="danger">${w.meDelete}</button></p>
  </section>
</div>
${jsonBlock('words', { ...w, errorPrefix: c.errorPrefix, deliveryStates: Object.fromEntries(DELIVERY_STATES.map((st) => [st, say(`delivery.state.${st}`, lang)])), messages: Object.fromEntries(REGISTER_KEYS.map((k) => [k, MESSAGES[k][lang]])), fieldInputs: FIELD_INPUTS })}`;
  return layout({
    lang,
    title: w.meTitle,
    here: '/me',
    audience: 'resident',
    body,
    map: true,
    scripts: ['place-picker.js', 'field-errors.js', 'manage.js'],
  });
}
