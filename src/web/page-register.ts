// Registering a household: a pin on the map (or the phone's location), the village it falls in,
// who lives there, language, phone and consent. register.js sends it to the residents' API and
// shows the private management link once. Without JavaScript the same form posts to /register and
// the server answers the registered page (or the form again, kept filled, with what was wrong).
// Every input has a visible label; the map is a second way to fill the latitude and longitude.
// Who needs help is asked as a number of people, then per kind how many of them: one person may
// count under several kinds. When the numbers contradict each other the household is registered
// with them raised (never refused), and the answer says what was recorded.
import type { FieldError, RegistrationField } from '../messages/registration-field-errors.ts';
import { MESSAGES, type MessageKey } from '../messages/message-catalogue.ts';
import { say } from '../messages/say.ts';
import { MAX_MEMBERS, VULNERABLE_KINDS, type Adjustment } from '../registry/vulnerable-people.ts';
import { html, jsonBlock, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { COMMON_WORDS } from './words-common.ts';
import { RESIDENT_WORDS } from './words-resident.ts';

export interface RegisterFormState {
  /** What the resident entered, to fill the form again after a refusal. */
  values: URLSearchParams;
  /** What was wrong, field by field: each message stands next to its field. */
  errors: readonly FieldError[];
}

/** The inputs of each field an error marks (aria-invalid, described by `<field>-error`). */
const FIELD_INPUTS: Record<Exclude<RegistrationField, 'form'>, string[]> = {
  location: ['lat', 'lon'],
  members: ['members'],
  vulnerable_people: ['vulnerable-people'],
  ...(Object.fromEntries(VULNERABLE_KINDS.map((k) => [k, [`v-${k}`]])) as Record<(typeof VULNERABLE_KINDS)[number], string[]>),
  language: ['language'],
  phone: ['phone'],
  consent: ['consent'],
};

const REGISTER_KEYS = (Object.keys(MESSAGES) as MessageKey[]).filter((k) => k.startsWith('register.'));

export function registerPage(lang: Lang, mapCentre: { lat: number; lon: number }, state?: RegisterFormState): string {
  const w = RESIDENT_WORDS[lang];
  const c = COMMON_WORDS[lang];
  const v = (name: string, fallback = '') => state?.values.get(name) ?? fallback;
  const chosenLang = v('language', lang);
  const errors = state?.errors ?? [];
  const errorOf = (field: RegistrationField) => errors.find((e) => e.field === field);
  // An input's error state: marked invalid and described by its field's message, after its own hint.
  const mark = (field: Exclude<RegistrationField, 'form'>, hint?: string): Html => {
    const wrong = errorOf(field) !== undefined;
    const described = [hint, wrong ? `${field}-error` : undefined].filter(Boolean).join(' ');
    return html`${wrong ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''} data-field="${field}"${hint ? html` data-hint="${hint}"` : ''}`;
  };
  const message = (field: Exclude<RegistrationField, 'form'>): Html => {
    const e = errorOf(field);
    return html`<span class="field-error" id="${field}-error">${e ? say(e.key, lang, e.params) : ''}</span>`;
  };
  const body = html`
<h1>${w.registerTitle}</h1>
<noscript><p class="notice">${w.noScriptRegister}</p></noscript>
<form id="register-form" class="stack" method="post" action="/register" novalidate>
  <fieldset>
    <legend>${w.locationLegend}</legend>
    <p>${w.registerIntro}</p>
    <figure class="map-figure"><div id="map" class="map" data-centre="${mapCentre.lat},${mapCentre.lon}" role="application" aria-label="${c.mapLabel}"></div></figure>
    <p><button type="button" id="locate" hidden>${w.useMyLocation}</button> <span id="locate-status" role="status"></span></p>
    <div class="row">
      <p><label for="lat">${w.latitude}</label><input id="lat" name="lat" inputmode="decimal" required autocomplete="off" value="${v('lat')}"${mark('location')}></p>
      <p><label for="lon">${w.longitude}</label><input id="lon" name="lon" inputmode="decimal" required autocomplete="off" value="${v('lon')}"${mark('location')}></p>
    </div>
    <p>${message('location')}</p>
    <p id="village" aria-live="polite">${w.villageIs} <strong id="village-name">${w.villageUnknown}</strong></p>
  </fieldset>
  <fieldset>
    <legend>${w.householdLegend}</legend>
    <p><label for="members">${w.members}</label><input id="members" name="members" type="number" min="1" max="${MAX_MEMBERS}" value="${v('members', '1')}" required${mark('members')}>${message('members')}</p>
    <p><label for="vulnerable-people">${w.vulnerablePeople}</label><input id="vulnerable-people" name="vulnerable_people" type="number" min="0" max="${MAX_MEMBERS}" value="${v('vulnerable_people')}"${mark('vulnerable_people', 'vulnerable-people-hint')}><span class="hint" id="vulnerable-people-hint">${w.vulnerablePeopleHint}</span>${message('vulnerable_people')}</p>
    <fieldset class="vulnerable">
      <legend>${w.vulnerableLegend}</legend>
      <div class="grid">${VULNERABLE_KINDS.map((k) => html`<p><label for="v-${k}">${w[k]}</label><input id="v-${k}" name="${k}" type="number" min="0" max="${MAX_MEMBERS}" value="${v(k, '0')}"${mark(k)}>${message(k)}</p>`)}</div>
    </fieldset>
  </fieldset>
  <fieldset>
    <legend>${w.contactLegend}</legend>
    <p><label for="language">${w.language}</label><select id="language" name="language"${mark('language')}><option value="id"${chosenLang === 'id' ? ' selected' : ''}>${w.langId}</option><option value="en"${chosenLang === 'en' ? ' selected' : ''}>${w.langEn}</option></select>${message('language')}</p>
    <p><label for="phone">${w.phone}</label><input id="phone" name="phone" type="tel" autocomplete="tel" placeholder="+62…" value="${v('phone')}"${mark('phone', 'phone-hint')}><span class="hint" id="phone-hint">${w.phoneHint}</span>${message('phone')}</p>
  </fieldset>
  <fieldset>
    <legend>${w.consentLegend}</legend>
    <p id="consent-text">${w.consentText}</p>
    <p class="check"><input id="consent" name="consent" type="checkbox" required${mark('consent', 'consent-text')}${v('consent') === 'on' ? ' checked' : ''}><label for="consent">${w.consent}</label></p>
    <p>${message('consent')}</p>
  </fieldset>
  <div id="register-error" class="error" role="alert">${errors.length ? errorSummary(lang, errors) : ''}</div>
  <p><button type="submit" class="primary" id="register-submit">${w.submit}</button></p>
</form>
<section id="registered" hidden aria-labelledby="registered-h" tabindex="-1">
  <h2 id="registered-h">${w.registeredTitle}</h2>
  <p>${w.registeredVillage}: <strong id="registered-village"></strong></p>
  <ul id="registered-adjusted" class="notice" hidden></ul>
  <p><label for="manage-link">${w.manageLink}</label><input id="manage-link" readonly></p>
  <p class="notice">${w.manageWarning}</p>
  <p><a class="button primary" id="open-manage" href="/me">${w.openManage}</a></p>
</section>
${jsonBlock('words', { ...w, errorPrefix: c.errorPrefix, messages: Object.fromEntries(REGISTER_KEYS.map((k) => [k, MESSAGES[k][lang]])), fieldInputs: FIELD_INPUTS })}`;
  return layout({
    lang,
    title: w.registerTitle,
    here: '/register',
    audience: 'resident',
    body,
    map: true,
    scripts: ['place-picker.js', 'field-errors.js', 'register.js'],
  });
}

/** Above the form: that something is wrong, and each message as a link to its field. */
function errorSummary(lang: Lang, errors: readonly FieldError[]): Html {
  return html`<p>${say('register.invalid', lang)}</p><ul>${errors.map((e) => html`<li>${e.field === 'form' ? say(e.key, lang, e.params) : html`<a href="#${FIELD_INPUTS[e.field][0] ?? ''}">${say(e.key, lang, e.params)}</a>`}</li>`)}</ul>`;
}

/** The answer to the form without JavaScript: the village, what was raised, and the private link, shown once. */
export function registeredPage(lang: Lang, done: { villageName: string; manage: string; adjusted: readonly Adjustment[] }): string {
  const w = RESIDENT_WORDS[lang];
  const body = html`
<section id="registered" aria-labelledby="registered-h">
  <h1 id="registered-h">${w.registeredTitle}</h1>
  <p>${w.registeredVillage}: <strong id="registered-village">${done.villageName}</strong></p>
  ${done.adjusted.length ? html`<ul id="registered-adjusted" class="notice">${done.adjusted.map((a) => html`<li>${adjustedText(lang, a)}</li>`)}</ul>` : ''}
  <p><label for="manage-link">${w.manageLink}</label><input id="manage-link" readonly value="${done.manage}"></p>
  <p class="notice">${w.manageWarning}</p>
  <p><a class="button primary" id="open-manage" href="${done.manage}">${w.openManage}</a></p>
</section>`;
  return layout({ lang, title: w.registeredTitle, here: '/register', audience: 'resident', body });
}

/** What was raised, in the page's language (register.js fills the same words in the browser). */
export function adjustedText(lang: Lang, a: Pick<Adjustment, 'field' | 'from' | 'to'>): string {
  const w = RESIDENT_WORDS[lang];
  const template = a.field === 'members' ? w.adjustedMembers : w.adjustedPeople;
  return template.replaceAll('{from}', String(a.from)).replaceAll('{to}', String(a.to));
}
