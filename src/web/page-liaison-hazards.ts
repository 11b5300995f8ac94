// The liaison's review of raster-derived hazard candidates: the waiting list, and one candidate on
// a map with the villages and households it would reach, approved (issuing the CAP warning) or
// rejected with a reason, as plain form posts.
import type { CandidateSummary, CandidateVillage } from '../db/hazard-candidate-queries.ts';
import { formatTime } from './format.ts';
import { html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { say } from '../messages/say.ts';
import { stateWord } from './state-words.ts';
import { HAZARD_WORDS } from './words-hazards.ts';

export function hazardListPage(lang: Lang, user: string, rows: CandidateSummary[], required: number, all: boolean): string {
  const w = HAZARD_WORDS[lang];
  const body = html`
<h1>${w.title}</h1>
<p>${w.intro}</p>
${all ? '' : html`<p><a href="/liaison/hazards?state=all">${w.showAll}</a></p>`}
${
  rows.length === 0
    ? html`<p>${w.none}</p>`
    : html`<div class="table-wrap" tabindex="0"><table id="candidates">
<thead><tr><th scope="col">${w.product}</th><th scope="col">${w.productTime}</th><th scope="col">${w.event}</th><th scope="col">${w.area}</th><th scope="col">${w.villages}</th><th scope="col">${w.householdsInside}</th><th scope="col">${w.vulnerable}</th><th scope="col">${w.draftedBy}</th><th scope="col">${w.approvals}</th><th scope="col">${w.state}</th></tr></thead>
<tbody>${rows.map(
        (c) => html`<tr data-candidate="${c.id}">
<th scope="row"><a href="/liaison/hazards/${c.id}">#${c.id} ${c.product}</a></th>
<td>${formatTime(c.product_time, lang)}</td><td>${c.event ?? '—'} (${stateWord('cap.severity', c.severity, lang)})</td><td>${c.area_km2.toFixed(1)} km²</td>
<td>${c.affected_villages.length}</td><td>${c.households_inside}</td><td>${c.vulnerable_households}</td><td>${c.drafted_by}</td>
<td>${c.approvals.length}/${required}</td><td><span class="badge state-${c.state}">${stateWord('candidate.state', c.state, lang)}</span></td>
</tr>`,
      )}</tbody></table></div>`
}`;
  return layout({ lang, title: w.title, here: '/liaison/hazards', audience: 'liaison', user, body });
}

export function hazardPage(
  lang: Lang,
  user: string,
  c: CandidateSummary & { villages: CandidateVillage[] },
  bbox: number[] | undefined,
  required: number,
  message?: { error?: string; ok?: string },
): string {
  const w = HAZARD_WORDS[lang];
  const body = html`
<h1>#${c.id} ${c.product} · ${formatTime(c.product_time, lang)} <span class="badge state-${c.state}" id="candidate-state" data-state="${c.state}">${stateWord('candidate.state', c.state, lang)}</span></h1>
${message?.error ? html`<p class="error" role="alert">${w.refused}: ${message.error}</p>` : ''}
${message?.ok ? html`<p class="notice" role="status">${message.ok}</p>` : ''}
<dl class="facts">
  <dt>${w.event}</dt><dd>${c.event ?? '—'} (${stateWord('cap.severity', c.severity, lang)})</dd>
  <dt>${w.threshold}</dt><dd>${c.threshold} ${c.unit}</dd>
  <dt>${w.area}</dt><dd>${c.area_km2.toFixed(1)} km², ${say('candidate.polygons', lang, { n: c.polygons })}</dd>
  <dt>${w.householdsInside}</dt><dd>${c.households_inside} (${w.vulnerable}: ${c.vulnerable_households}; ${w.margin}: ${c.households_margin_only})</dd>
  <dt>${w.expires}</dt><dd>${formatTime(c.expires_at, lang)}</dd>
  <dt>${w.draftedBy}</dt><dd>${c.drafted_by} · ${formatTime(c.drafted_at, lang)}</dd>
  <dt>${w.approvals}</dt><dd>${c.approvals.length}/${required}${c.approvals.length ? `: ${c.approvals.map((a) => a.by).join(', ')}` : ''}</dd>
  ${c.alert_id ? html`<dt>${w.approvedAs}</dt><dd><a href="/liaison/alerts/${c.alert_id}">${c.alert_identifier ?? ''}</a></dd>` : ''}
  ${c.rejected_by ? html`<dt>${w.state}</dt><dd>${w.rejectedBecause.replace('{by}', c.rejected_by).replace('{reason}', c.rejection_reason ?? '')}</dd>` : ''}
</dl>
${bbox ? html`<figure class="map-figure"><div id="map" class="map" data-geojson="/liaison/hazards/${c.id}.geojson" data-bbox="${bbox.join(',')}" role="region" aria-label="${w.mapCaption}"></div><figcaption>${w.mapCaption}</figcaption></figure>` : ''}
${
  c.state === 'pending'
    ? html`<div class="review">
<form method="post" action="/liaison/hazards/${c.id}/approve"><p><button type="submit" class="primary">${w.approve}</button></p></form>
<form method="post" action="/liaison/hazards/${c.id}/reject" class="stack">
  <p><label for="reason">${w.reason}</label><textarea id="reason" name="reason" rows="2" required minlength="3" maxlength="1000"></textarea></p>
  <p><button type="submit" class="danger">${w.reject}</button></p>
</form></div>`
    : ''
}
<h2>${w.villages}</h2>
<div class="table-wrap" tabindex="0"><table id="candidate-villages">
<thead><tr><th scope="col">${w.villages}</th><th scope="col">${w.householdsInside}</th><th scope="col">${w.vulnerable}</th><th scope="col">${w.margin}</th></tr></thead>
<tbody>${c.villages.map((v) => html`<tr><th scope="row">${v.name} <span class="note">${v.code}</span></th><td>${v.households}</td><td>${v.vulnerable_households}</td><td>${v.margin_households}</td></tr>`)}</tbody>
</table></div>`;
  return layout({
    lang,
    title: `#${c.id} ${c.product}`,
    here: `/liaison/hazards/${c.id}`,
    audience: 'liaison',
    user,
    body,
    map: bbox !== undefined,
    scripts: ['hazard.js'],
  });
}
