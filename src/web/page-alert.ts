// The public page of one warning, complete without JavaScript: the text in both languages (the
// reader's first), what to do, validity, the SMS verification code, "am I inside?" as a plain GET
// form answered by the server, and the history of the warning. The map is drawn by map.js when
// scripts run; without them the page loses nothing it needs.
import type { TimeAlarm } from '../cap/time-alarm.ts';
import type { AlertDetail, AlertState } from '../db/alert-queries.ts';
import type { AlertPlace } from './alert-place.ts';
import { formatNumber, formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import type { IndonesianZone } from '../time/indonesian-time-zone.ts';
import { stateWord } from './state-words.ts';
import { RESIDENT_WORDS, type ResidentWords } from './words-resident.ts';

export interface InsideCheck {
  lat: string;
  lon: string;
  result?: { inside: boolean; distance_m: number | null };
  error?: boolean;
}

interface Info {
  language: string;
  event: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  severity: string | null;
  urgency: string | null;
  certainty: string | null;
  sender_name: string | null;
  effective: string | null;
  onset: string | null;
  expires: string | null;
}

export interface AlertPageData {
  detail: AlertDetail;
  verificationCode: string;
  bbox: [number, number, number, number] | undefined;
  /** Where the warning is: its times are shown in that place's zone. */
  place: AlertPlace;
}

export function alertPage(lang: Lang, data: AlertPageData, check: InsideCheck): string {
  const w = RESIDENT_WORDS[lang];
  const { detail } = data;
  const zone = data.place.zone;
  // Through Record: the detail's alert is an untyped row whose jsonb columns alone are typed, which
  // TypeScript will not compare with this shape directly.
  const a = detail.alert as Record<string, unknown> as {
    id: number;
    identifier: string;
    msg_type: string;
    sent: string;
    state: AlertState;
    households_inside: number | null;
    event: string | null;
    expires: string | null;
    sent_used: string | null;
    time_alarms: TimeAlarm[];
  };
  // When the message's own times contradicted each other, residents read the times Siaga used.
  const contradicted = a.time_alarms.length > 0;
  const infos = detail.infos as unknown as Info[];
  // The reader's language first; the other language follows in full (a household may read both).
  const ordered = [...infos].sort((x, y) => rank(x.language, lang) - rank(y.language, lang));
  const first = ordered[0];
  const title = first?.event ?? a.event ?? a.identifier;
  const areaNames = [
    ...new Set(
      ((detail.areas as { features?: { properties?: { areaDesc?: string } }[] } | undefined)?.features ?? [])
        .map((f) => f.properties?.areaDesc ?? '')
        .filter(Boolean),
    ),
  ];
  const body = html`
<article class="alert-page">
<h1>${stateWord('alert.msgType', a.msg_type, lang)}: ${title}</h1>
<p><span class="badge state-${a.state}">${stateWord('alert.state', a.state, lang)}</span> <span class="badge sev-${(first?.severity ?? 'unknown').toLowerCase()}">${w.severity}: ${stateWord('cap.severity', first?.severity, lang)}</span></p>
<dl class="facts">
  <dt>${w.sentAt}</dt><dd>${formatTime(a.sent_used ?? a.sent, lang, zone)}</dd>
  <dt>${w.validFrom}</dt><dd>${formatTime(first?.onset ?? first?.effective ?? a.sent_used ?? a.sent, lang, zone)}</dd>
  <dt>${w.validUntil}</dt><dd>${formatTime(contradicted && a.expires ? a.expires : first?.expires, lang, zone)}</dd>
  ${data.place.text ? html`<dt>${w.area}</dt><dd id="alert-place">${data.place.text}</dd>` : ''}
  <dt>${w.alertFrom}</dt><dd>${first?.sender_name ?? 'BMKG'}</dd>
  <dt>${w.urgency}</dt><dd>${stateWord('cap.urgency', first?.urgency, lang)}</dd>
  <dt>${w.certainty}</dt><dd>${stateWord('cap.certainty', first?.certainty, lang)}</dd>
  ${a.households_inside !== null ? html`<dt>${w.households}</dt><dd>${formatNumber(a.households_inside, lang)}</dd>` : ''}
</dl>
<section class="code" aria-labelledby="code-h">
  <h2 id="code-h">${w.codeTitle}</h2>
  <p class="verification-code" id="verification-code">${data.verificationCode}</p>
  <p>${w.codeText}</p>
</section>
${ordered.map((info, i) => infoSection(info, i === 0 ? w : RESIDENT_WORDS[info.language === 'en' ? 'en' : 'id'], i === 0))}
${areaNames.length ? html`<section aria-labelledby="area-h"><h2 id="area-h">${w.area}</h2><p>${areaNames.join('; ')}</p></section>` : ''}
${data.bbox ? html`<figure class="map-figure"><div id="map" class="map" data-alert="${a.id}" data-bbox="${data.bbox.join(',')}" role="region" aria-label="${w.mapCaption}"></div><figcaption>${w.mapCaption}</figcaption></figure>` : ''}
${insideSection(a.id, lang, w, check)}
${historySection(detail, a.id, lang, w, zone)}
</article>`;
  return layout({
    lang,
    title: `${title}`,
    here: `/alerts/${a.id}`,
    audience: 'resident',
    body,
    map: data.bbox !== undefined,
    scripts: ['alert.js'],
  });
}

function rank(language: string, lang: Lang): number {
  return language.toLowerCase().startsWith(lang) ? 0 : 1;
}

function infoSection(info: Info, w: ResidentWords, mine: boolean): Html {
  const lang = info.language.toLowerCase().startsWith('en') ? 'en' : 'id';
  return html`<section class="info${mine ? ' mine' : ''}" lang="${lang}" aria-label="${info.event ?? ''} (${lang})">
  ${mine ? '' : html`<h2>${lang === 'en' ? 'In English' : 'Dalam Bahasa Indonesia'}: ${info.event ?? ''}</h2>`}
  ${info.headline ? html`<p class="headline">${info.headline}</p>` : ''}
  ${info.instruction ? html`<div class="todo"><h3>${w.whatToDo}</h3><p>${info.instruction}</p></div>` : ''}
  ${info.description ? html`<h3>${w.description}</h3><p>${info.description}</p>` : ''}
</section>`;
}

function insideSection(id: number, lang: Lang, w: ResidentWords, check: InsideCheck): Html {
  const r = check.result;
  const answer = check.error
    ? html`<p class="inside-answer error" role="status">${w.insideBadInput}</p>`
    : r
      ? html`<p class="inside-answer ${r.inside ? 'inside' : 'outside'}" role="status">${r.inside ? w.insideYes : w.insideNo.replace('{km}', formatNumber((r.distance_m ?? 0) / 1000, lang, 1))}</p>`
      : '';
  return html`<section aria-labelledby="inside-h" class="inside">
  <h2 id="inside-h">${w.insideTitle}</h2>
  <form method="get" action="/alerts/${id}#inside-h" class="inline-form" id="inside-form">
    <p><label for="inside-lat">${w.latitude}</label><input id="inside-lat" name="lat" inputmode="decimal" value="${check.lat}" required pattern="-?[0-9]+([.,][0-9]+)?"></p>
    <p><label for="inside-lon">${w.longitude}</label><input id="inside-lon" name="lon" inputmode="decimal" value="${check.lon}" required pattern="-?[0-9]+([.,][0-9]+)?"></p>
    <p class="actions"><button type="button" id="inside-locate" hidden>${w.useMyLocation}</button><button type="submit">${w.insideCheck}</button></p>
  </form>
  ${answer}
</section>`;
}

function historySection(detail: AlertDetail, id: number, lang: Lang, w: ResidentWords, zone: IndonesianZone): Html {
  const rows = detail.lineage as { id: number; msg_type: string; sent: string; state: AlertState }[];
  if (rows.length < 2) return html``;
  return html`<section aria-labelledby="history-h"><h2 id="history-h">${w.historyTitle}</h2><ol class="history">${rows.map(
    (m) =>
      html`<li>${m.id === id ? html`<strong>${stateWord('alert.msgType', m.msg_type, lang)} · ${formatTime(m.sent, lang, zone)} ${w.historyThis}</strong>` : html`<a href="/alerts/${m.id}">${stateWord('alert.msgType', m.msg_type, lang)} · ${formatTime(m.sent, lang, zone)}</a>`} <span class="badge state-${m.state}">${stateWord('alert.state', m.state, lang)}</span></li>`,
  )}</ol></section>`;
}
