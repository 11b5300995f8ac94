// The public list of warnings Siaga relayed to residents, newest first.
import type { AlertListRow, AlertState } from '../db/alert-queries.ts';
import type { AlertPlace } from './alert-place.ts';
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

export function alertListItems(rows: PlacedAlertRow[], lang: Lang): Html[] {
  const w = RESIDENT_WORDS[lang];
  return rows.map(
    (a) => html`<li class="alert-item sev-${(a.severity ?? 'unknown').toLowerCase()}">
  <a href="/alerts/${a.id}"><strong>${a.event ?? a.identifier}</strong></a>
  <span class="badge state-${a.state}">${stateWord(a.state, w)}</span>
  <span class="meta">${msgTypeWord(a.msg_type, w)} · ${w.severity}: ${a.severity ? (CAP_WORDS[lang][a.severity] ?? a.severity) : '—'} · ${w.sentAt} ${formatTime(a.sent, lang, a.place.zone)}${a.expires ? html` · ${w.validUntil} ${formatTime(a.expires, lang, a.place.zone)}` : ''}</span>
</li>`,
  );
}

export function alertsPage(lang: Lang, rows: PlacedAlertRow[]): string {
  const w = RESIDENT_WORDS[lang];
  const body = html`<h1>${w.alertsTitle}</h1>
${rows.length ? html`<ul class="alerts">${alertListItems(rows, lang)}</ul>` : html`<p>${w.alertsNone}</p>`}`;
  return layout({ lang, title: w.alertsTitle, here: '/alerts', audience: 'resident', body });
}
