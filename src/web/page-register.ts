// Registering a household: a pin on the map (or the phone's location), the village it falls in,
// who lives there, language, phone and consent. register.js sends it to the residents' API and
// shows the private management link once. Without JavaScript the same form posts to /register and
// the server answers the registered page (or the form again, kept filled, with what was wrong).
// Every input has a visible label; the map is a second way to fill the latitude and longitude.
import { VULNERABLE_KINDS } from '../registry/household-row.ts';
import { html, jsonBlock } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { COMMON_WORDS } from './words-common.ts';
import { RESIDENT_WORDS } from './words-resident.ts';

export interface RegisterFormState {
  /** What the resident entered, to fill the form again after a refusal. */
  values: URLSearchParams;
  error: string;
}

export function registerPage(lang: Lang, mapCentre: { lat: number; lon: number }, state?: RegisterFormState): string {
  const w = RESIDENT_WORDS[lang];
  const c = COMMON_WORDS[lang];
  const v = (name: string, fallback = '') => state?.values.get(name) ?? fallback;
  const chosenLang = v('language', lang);
  const body = html`
<h1>${w.registerTitle}</h1>
<noscript><p class="notice">${w.noScriptRegister}</p></noscript>
<form id="register-form" class="stack" method="post" action="/register" novalidate>
  <fieldset>
    <legend>${w.locationLegend}</legend>
    <p>${w.registerIntro}</p>
    <figure class="map-figure"><div id="map" class="map" data-centre="${mapCentre.lat},${mapCentre.lon}" role="application" aria-label="${c.mapLabel}"></div></figure>
    <p><button type="button" id="locate" hidden>${w.useMyLocation}</button></p>
    <div class="row">
      <p><label for="lat">${w.latitude}</label><input id="lat" name="lat" inputmode="decimal" required autocomplete="off" value="${v('lat')}"></p>
      <p><label for="lon">${w.longitude}</label><input id="lon" name="lon" inputmode="decimal" required autocomplete="off" value="${v('lon')}"></p>
    </div>
    <p id="village" aria-live="polite">${w.villageIs} <strong id="village-name">${w.villageUnknown}</strong></p>
  </fieldset>
  <fieldset>
    <legend>${w.householdLegend}</legend>
    <p><label for="members">${w.members}</label><input id="members" name="members" type="number" min="1" max="100" value="${v('members', '1')}" required></p>
    <fieldset class="vulnerable">
      <legend>${w.vulnerableLegend}</legend>
      <div class="grid">${VULNERABLE_KINDS.map((k) => html`<p><label for="v-${k}">${w[k]}</label><input id="v-${k}" name="${k}" type="number" min="0" max="100" value="${v(k, '0')}"></p>`)}</div>
    </fieldset>
  </fieldset>
  <fieldset>
    <legend>${w.contactLegend}</legend>
    <p><label for="language">${w.language}</label><select id="language" name="language"><option value="id"${chosenLang === 'id' ? ' selected' : ''}>${w.langId}</option><option value="en"${chosenLang === 'en' ? ' selected' : ''}>${w.langEn}</option></select></p>
    <p><label for="phone">${w.phone}</label><input id="phone" name="phone" type="tel" autocomplete="tel" aria-describedby="phone-hint" placeholder="+62…" value="${v('phone')}"><span class="hint" id="phone-hint">${w.phoneHint}</span></p>
  </fieldset>
  <fieldset>
    <legend>${w.consentLegend}</legend>
    <p id="consent-text">${w.consentText}</p>
    <p class="check"><input id="consent" name="consent" type="checkbox" required aria-describedby="consent-text"${v('consent') === 'on' ? ' checked' : ''}><label for="consent">${w.consent}</label></p>
  </fieldset>
  <p id="register-error" class="error" role="alert">${state ? `${c.errorPrefix}: ${state.error}` : ''}</p>
  <p><button type="submit" class="primary" id="register-submit">${w.submit}</button></p>
</form>
<section id="registered" hidden aria-labelledby="registered-h" tabindex="-1">
  <h2 id="registered-h">${w.registeredTitle}</h2>
  <p>${w.registeredVillage}: <strong id="registered-village"></strong></p>
  <p><label for="manage-link">${w.manageLink}</label><input id="manage-link" readonly></p>
  <p class="notice">${w.manageWarning}</p>
  <p><a class="button primary" id="open-manage" href="/me">${w.openManage}</a></p>
</section>
${jsonBlock('words', { ...w, errorPrefix: c.errorPrefix })}`;
  return layout({ lang, title: w.registerTitle, here: '/register', audience: 'resident', body, map: true, scripts: ['register.js'] });
}

/** The answer to the form without JavaScript: the village and the private link, shown once. */
export function registeredPage(lang: Lang, done: { villageName: string; manage: string }): string {
  const w = RESIDENT_WORDS[lang];
  const body = html`
<section id="registered" aria-labelledby="registered-h">
  <h1 id="registered-h">${w.registeredTitle}</h1>
  <p>${w.registeredVillage}: <strong id="registered-village">${done.villageName}</strong></p>
  <p><label for="manage-link">${w.manageLink}</label><input id="manage-link" readonly value="${done.manage}"></p>
  <p class="notice">${w.manageWarning}</p>
  <p><a class="button primary" id="open-manage" href="${done.manage}">${w.openManage}</a></p>
</section>`;
  return layout({ lang, title: w.registeredTitle, here: '/register', audience: 'resident', body });
}
