// The public list of warnings Siaga relayed to residents, newest first.
import type { AlertListRow, AlertState } from '../db/alert-queries.ts';
import type { AlertPlace } from './alert-place.ts';
import { say } from '../messages/say.ts';
import { formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { CAP_WORDS, RESIDENT_WORDS, type ResidentWords } from './words-resident.ts';

export function stateWord(state: AlertState, w: ResidentWords): string {
  return { active: w.stateActive, expired: w.stateExpired, cancelled: w.stateCancelled, superseded: w.stateSuperseded }[state];
}

export function msgTypeWord(msgType: string, w: ResidentWords): string {
  return msgType === 'Update' ? w.msgUpdate : msgType === 'Cancel' ? w.msgCancel : w.msgAlert;
}

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
  <p class="alert-badges"><span class="badge level sev-${level}">${w.severity}: ${a.severity ? (CAP_WORDS[lang][a.severity] ?? a.severity) : '—'}</span>
  <span class="badge state-${a.state}">${stateWord(a.state, w)}</span></p>
  ${a.place.text ? html`<p class="place"><span class="sr-only">${w.area}: </span>${a.place.text}</p>` : ''}
  <p class="meta">${msgTypeWord(a.msg_type, w)} · ${a.expires ? html`${w.validUntil} ${formatTime(a.expires, lang, a.place.zone)}` : html`${w.sentAt} ${formatTime(a.sent, lang, a.place.zone)}`}</p>
</li>`;
  });
}

export function alertsPage(lang: Lang, rows: PlacedAlertRow[]): string {
  const w = RESIDENT_WORDS[lang];
  const body = html`<h1>${w.alertsTitle}</h1>
${rows.length ? html`<ul class="alerts">${alertListItems(rows, lang)}</ul>` : html`<p>${w.alertsNone}</p>`}`;
  return layout({ lang, title: w.alertsTitle, here: '/alerts', audience: 'resident', body, scripts: ['yours.js'] });
}
