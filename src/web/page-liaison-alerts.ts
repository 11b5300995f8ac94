// Alerts as the liaison checks them: every stored message (not only the public ones) with its
// state and targeting counts, and one message with its lineage (Update/Cancel chain), references
// (resolved or still awaited), documents received, validation notes and the villages it reaches.
import type { AlertDelivery, AlertDetail, AlertListRow } from '../db/alert-queries.ts';
import type { IndonesianZone } from '../time/indonesian-time-zone.ts';
import { zoneOfPlace, zonesOfVillages } from '../time/zone-of-place.ts';
import { formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { timeAlarmBadge, timeAlarmSection } from './time-alarms.ts';
import { capLevels, stateWord } from './state-words.ts';
import { STAFF_WORDS } from './words-staff.ts';

const n = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * The hand-off state as a badge, red while a warning waits too long; the reason beside it. Reasons
 * and errors are the operators' diagnostic text, written in English, and marked so (lang="en").
 */
function deliveryCell(d: AlertDelivery, w: (typeof STAFF_WORDS)[Lang]): Html {
  const ledger = Object.entries(d.ledger)
    .map(([channel, count]) => `${channel} ${count}`)
    .join(' · ');
  const tone = d.overdue
    ? 'status-down'
    : d.state === 'awaiting' || d.state === 'held' || d.state === 'reaches_nobody'
      ? 'status-late'
      : d.state === 'planned'
        ? 'status-ok'
        : '';
  return html`<span class="badge ${tone}" data-delivery="${d.state ?? 'none'}">${w.deliveryStates[d.state ?? 'none']}${d.overdue ? html` — ${w.overdue}` : ''}</span>${ledger ? html` <span class="note">${ledger}</span>` : ''}${d.reason ? html` <span class="note" lang="en">${d.reason}</span>` : ''}${d.last_error ? html` <span class="note" lang="en">${d.last_error}</span>` : ''}`;
}

/** `zone`: the zone of the place each message is about, its times shown in it (WIB when not given). */
export function liaisonAlertsPage(lang: Lang, user: string, rows: (AlertListRow & { zone?: IndonesianZone })[]): string {
  const w = STAFF_WORDS[lang];
  const overdue = rows.filter((a) => a.delivery.overdue).length;
  const body = html`
<h1>${w.alertsTitle}</h1>
${overdue > 0 ? html`<p class="error" role="alert" id="delivery-alarm">${w.deliveryAlarm(overdue)}</p>` : ''}
<div class="table-wrap" tabindex="0"><table id="alerts">
<thead><tr><th scope="col">${w.sent}</th><th scope="col">${w.identifier}</th><th scope="col">${w.msgType}</th><th scope="col">${w.event}</th><th scope="col">${w.state}</th><th scope="col">${w.delivery}</th><th scope="col">${w.villages}</th><th scope="col">${w.householdsInside}</th><th scope="col">${w.householdsMargin}</th></tr></thead>
<tbody>${rows.map(
    (a) => html`<tr data-alert="${a.id}">
<td>${formatTime(a.sent, lang, a.zone)}</td>
<td><a href="/liaison/alerts/${a.id}">${a.identifier}</a></td>
<td>${stateWord('alert.msgType', a.msg_type, lang)} · ${stateWord('alert.status', a.status, lang)}</td>
<td>${a.event ?? '—'} (${stateWord('cap.severity', a.severity, lang)})</td>
<td><span class="badge state-${a.state}" data-state="${a.state}">${stateWord('alert.state', a.state, lang)}</span>${timeAlarmBadge(a.time_alarms, w)}${a.deliverable ? '' : html` <span class="note">(${w.notPublic})</span>`}</td>
<td>${deliveryCell(a.delivery, w)}</td>
<td>${n(a.affected_villages)}</td>
<td>${n(a.households_inside)}</td>
<td>${n(a.households_margin_only)}</td>
</tr>`,
  )}</tbody></table></div>`;
  return layout({ lang, title: w.alertsTitle, here: '/liaison/alerts', audience: 'liaison', user, body });
}

export function liaisonAlertPage(lang: Lang, user: string, d: AlertDetail): string {
  const w = STAFF_WORDS[lang];
  const a = d.alert;
  // Times in the zone of the place the message is about (its villages, else the offset it was written in).
  const zone = zoneOfPlace(
    zonesOfVillages((d.villages as { code: string }[]).map((v) => v.code)),
    typeof a.sent_raw === 'string' ? a.sent_raw : null,
  );
  const body = html`
<h1>${String(a.identifier)}</h1>
<dl class="facts">
  <dt>${w.msgType}</dt><dd>${stateWord('alert.msgType', n(a.msg_type), lang)} · ${stateWord('alert.status', n(a.status), lang)} · ${n(a.scope)}</dd>
  <dt>${w.sent}</dt><dd>${formatTime(String(a.sent), lang, zone)} <code>${n(a.sent_raw)}</code></dd>
  ${a.sent_used ? html`<dt>${w.sentUsed}</dt><dd>${formatTime(String(a.sent_used), lang, zone)}</dd>` : ''}
  ${a.time_alarms.length > 0 && a.expires ? html`<dt>${w.expiresUsed}</dt><dd>${formatTime(String(a.expires), lang, zone)}</dd>` : ''}
  <dt>${w.event}</dt><dd>${n(a.event)} (${capLevels({ severity: str(a.severity), urgency: str(a.urgency), certainty: str(a.certainty) }, lang)})</dd>
  <dt>${w.state}</dt><dd><span class="badge state-${n(a.state)}" data-state="${n(a.state)}">${stateWord('alert.state', n(a.state), lang)}</span></dd>
  <dt>${w.delivery}</dt><dd>${deliveryCell(a.delivery as AlertDelivery, w)}${(a.delivery as AlertDelivery).intake ? html` <span class="note">(${(a.delivery as AlertDelivery).intake})</span>` : ''}</dd>
  <dt>${w.villages}</dt><dd>${n(a.affected_villages)}</dd>
  <dt>${w.householdsInside}</dt><dd>${n(a.households_inside)}</dd>
  <dt>${w.householdsMargin}</dt><dd>${n(a.households_margin_only)}</dd>
  ${a.deliverable ? html`<dt>${w.publicPage}</dt><dd><a href="/alerts/${n(a.id)}">/alerts/${n(a.id)}</a></dd>` : ''}
  <dt>${w.coverageOf}</dt><dd><a href="/liaison/coverage/${n(a.id)}" id="coverage-link">/liaison/coverage/${n(a.id)}</a></dd>
</dl>
${timeAlarmSection(a.time_alarms, w)}
<h2>${w.lineage}</h2>
<ol class="history" id="lineage">${(
    d.lineage as { id: number; msg_type: string; identifier: string; sent: string; state: string; households_inside: number | null }[]
  ).map(
    (m) =>
      html`<li>${m.id === a.id ? html`<strong>${stateWord('alert.msgType', m.msg_type, lang)} ${m.identifier}</strong>` : html`<a href="/liaison/alerts/${m.id}">${stateWord('alert.msgType', m.msg_type, lang)} ${m.identifier}</a>`} · ${formatTime(m.sent, lang, zone)} · <span class="badge state-${m.state}">${stateWord('alert.state', m.state, lang)}</span> · ${n(m.households_inside)}</li>`,
  )}</ol>
${d.references.length ? html`<h2>${w.references}</h2><ul>${d.references.map((r) => html`<li><code>${r.sender},${r.identifier},${r.sent}</code> ${r.resolved_alert_id ? html`→ <a href="/liaison/alerts/${r.resolved_alert_id}">#${r.resolved_alert_id}</a>` : html`<span class="badge status-late">${w.unresolved}</span>`}</li>`)}</ul>` : ''}
${a.warnings.length ? html`<h2>${w.warnings}</h2><ul>${a.warnings.map((x) => html`<li><code>${x.path}</code> ${x.message}</li>`)}</ul>` : ''}
<h2>${w.documents}</h2>
<ul>${(d.documents as { id: number; source: string; languages: string[]; received_at: string; signature: string | null }[]).map((doc) => html`<li>#${doc.id} ${doc.source} (${(doc.languages ?? []).join(', ')}) · ${formatTime(doc.received_at, lang, zone)}${doc.signature === 'verified' ? html` · <strong>${w.signatureVerified}</strong>` : doc.signature === 'not_verified' ? html` · ${w.signatureNotVerified}` : ''}</li>`)}</ul>
<h2>${w.targeting}</h2>
<div class="table-wrap" tabindex="0"><table id="targeting">
<thead><tr><th scope="col">${w.villages}</th><th scope="col">${w.householdsInside}</th><th scope="col">${w.vulnerable}</th><th scope="col">${w.householdsMargin}</th></tr></thead>
<tbody>${(d.villages as { code: string; name: string; households: number; vulnerable_households: number; margin_households: number }[]).map(
    (v) =>
      html`<tr><th scope="row">${v.name} <span class="note">${v.code}</span></th><td>${v.households}</td><td>${v.vulnerable_households}</td><td>${v.margin_households}</td></tr>`,
  )}</tbody></table></div>`;
  return layout({ lang, title: String(a.identifier), here: `/liaison/alerts/${n(a.id)}`, audience: 'liaison', user, body });
}
