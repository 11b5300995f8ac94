// The public list of warnings Siaga relayed to residents, newest first.
import type { AlertListRow } from '../db/alert-queries.ts';
import type { AlertPlace } from './alert-place.ts';
import { say } from '../messages/say.ts';
import { formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { stateWord } from './state-words.ts';
import { RESIDENT_WORDS } from './words-resident.ts';

/** A listed warning with where it is (and so the zone its times are shown in). */
export type PlacedAlertRow = AlertListRow & { place: AlertPlace };

/**
 * Each warning as a person tells it apart from another of the same event: the event, its level as a
 * colour and a word, the place it reaches (kecamatan and kabupaten), until when it is valid (in the
 * place's zone), and a "your area" mark that yours.js shows when it covers the household's village.
 */
export function alertListItems(rows: PlacedAlertRow[], lang: Lang): Html[] {
  const w = RESIDENT_WORDS[lang];
  return rows.map((a) => {
    const level = (a.severity ?? 'unknown').toLowerCase();
    return html`<li class="alert-item sev-${level}" data-alert="${a.id}">
  <p class="alert-title"><a href="/alerts/${a.id}"><strong>${a.event ?? a.identifier}</strong></a>
  <span class="badge yours" hidden>${say('alerts.yourArea', lang)}</span></p>
  <p class="alert-badges"><span class="badge level sev-${level}">${w.severity}: ${stateWord('cap.severity', a.severity, lang)}</span>
  <span class="badge state-${a.state}">${stateWord('alert.state', a.state, lang)}</span></p>
  ${a.place.text ? html`<p class="place"><span class="sr-only">${w.area}: </span>${a.place.text}</p>` : ''}
  <p class="meta">${stateWord('alert.msgType', a.msg_type, lang)} · ${a.expires ? html`${w.validUntil} ${formatTime(a.expires, lang, a.place.zone)}` : html`${w.sentAt} ${formatTime(a.sent, lang, a.place.zone)}`}</p>
</li>`;
  });
}

export function alertsPage(lang: Lang, rows: PlacedAlertRow[]): string {
  const w = RESIDENT_WORDS[lang];
  const body = html`<h1>${w.alertsTitle}</h1>
${rows.length ? html`<ul class="alerts">${alertListItems(rows, lang)}</ul>` : html`<p>${w.alertsNone}</p>`}`;
  return layout({ lang, title: w.alertsTitle, here: '/alerts', audience: 'resident', body, scripts: ['yours.js'] });
}
