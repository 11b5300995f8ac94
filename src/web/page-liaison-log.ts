// The ingestion log with filters (feed, outcome, since) as a plain GET form, and one fetch with the
// payloads kept for it: the raw bytes and the validation problems of what was rejected. Below the
// feeds, what other authorities posted to POST /api/cap, so that the liaison sees who sent what.
import type { CapIntakeRow } from '../db/cap-senders.ts';
import type { FetchLogRow } from '../db/feed-log.ts';
import { FETCH_LOG_FILTERS } from '../db/fetch-outcomes.ts';
import type { KeptPayload } from '../db/web-feed-payloads.ts';
import { say } from '../messages/say.ts';
import { formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { stateWord } from './state-words.ts';
import { timeAlarmBadge, timeAlarmSection } from './time-alarms.ts';
import { STAFF_WORDS } from './words-staff.ts';

export interface LogFilter {
  feed: string;
  outcome: string;
  since: string;
  error?: string;
}

export function liaisonLogPage(
  lang: Lang,
  user: string,
  feeds: string[],
  filter: LogFilter,
  rows: FetchLogRow[],
  intakes: CapIntakeRow[] = [],
): string {
  const w = STAFF_WORDS[lang];
  const body = html`
<h1>${w.logTitle}</h1>
<form method="get" action="/liaison/log" class="inline-form" aria-label="${w.filter}">
  <p><label for="f-feed">${w.feed}</label><select id="f-feed" name="feed"><option value="">${w.anyFeed}</option>${feeds.map((f) => html`<option value="${f}"${f === filter.feed ? ' selected' : ''}>${f}</option>`)}</select></p>
  <p><label for="f-outcome">${w.outcome}</label><select id="f-outcome" name="outcome"><option value="">${w.anyOutcome}</option>${FETCH_LOG_FILTERS.map((o) => html`<option value="${o}"${o === filter.outcome ? ' selected' : ''}>${stateWord('fetch.outcome', o, lang)}</option>`)}</select></p>
  <p><label for="f-since">${w.since}</label><input id="f-since" name="since" value="${filter.since}"></p>
  <p><button type="submit">${w.filter}</button></p>
</form>
${filter.error ? html`<p class="error" role="alert">${w.badFilter}: ${filter.error}</p>` : ''}
${
  rows.length === 0
    ? html`<p>${w.noFetches}</p>`
    : html`<div class="table-wrap" tabindex="0"><table id="fetch-log" class="cards">
<thead><tr><th scope="col">${w.startedAt}</th><th scope="col">${w.feed}</th><th scope="col">${w.outcome}</th><th scope="col">${w.httpStatus}</th><th scope="col">${w.items}</th><th scope="col">${w.duration}</th><th scope="col">${w.lastError}</th><th scope="col">${w.payloads}</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr data-fetch="${r.id}">
<td data-label="${w.startedAt}"><a href="/liaison/fetches/${r.id}">${formatTime(r.started_at, lang)}</a></td>
<td data-label="${w.feed}">${r.feed}${r.backfill ? ` (${say('fetch.backfill', lang)})` : ''}</td>
<td data-label="${w.outcome}"><span class="badge${r.outcome === 'error' ? ' status-down' : ''}" data-outcome="${r.outcome}">${stateWord('fetch.outcome', r.outcome, lang)}</span>${timeAlarmBadge(r.time_alarms.length, w)}</td>
<td data-label="${w.httpStatus}">${r.http_status ?? '—'}</td>
<td data-label="${w.items}">${r.items_seen}: ${r.items_new}/${r.items_updated}/${r.items_invalid}</td>
<td data-label="${w.duration}">${r.duration_ms} ms</td>
<td data-label="${w.lastError}">${r.error_class ? html`<span lang="en">${r.error_class}: ${r.error_message ?? ''}</span>` : ''}</td>
<td data-label="${w.payloads}">${r.payloads > 0 ? html`<a href="/liaison/fetches/${r.id}">${r.payloads}</a>` : '0'}</td>
</tr>`,
      )}</tbody></table></div>`
}
${intakeSection(lang, intakes)}`;
  return layout({ lang, title: w.logTitle, here: '/liaison/log', audience: 'liaison', user, body });
}

function intakeSection(lang: Lang, rows: CapIntakeRow[]): Html {
  const w = STAFF_WORDS[lang];
  return html`<h2 id="cap-intake">${w.intakeTitle}</h2>
<p class="note">${w.intakeIntro}</p>
${
  rows.length === 0
    ? html`<p>${w.noIntakes}</p>`
    : html`<div class="table-wrap" tabindex="0"><table id="cap-intake-log" class="cards" aria-labelledby="cap-intake">
<thead><tr><th scope="col">${w.receivedAt}</th><th scope="col">${w.intakeSender}</th><th scope="col">${w.outcome}</th><th scope="col">${w.httpStatus}</th><th scope="col">${w.capSenderIdentifier}</th><th scope="col">${w.intakeAlert}</th><th scope="col">${w.lastError}</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr>
<td data-label="${w.receivedAt}">${formatTime(new Date(r.received_at).toISOString(), lang)}</td>
<td data-label="${w.intakeSender}">api:${r.sender_name}</td>
<td data-label="${w.outcome}"><span class="badge${r.status >= 400 ? ' status-down' : ''}" data-outcome="${r.outcome}">${stateWord('intake.outcome', r.outcome, lang)}</span></td>
<td data-label="${w.httpStatus}">${r.status}</td>
<td data-label="${w.capSenderIdentifier}">${[r.cap_sender, r.identifier].filter(Boolean).join(' · ')}</td>
<td data-label="${w.intakeAlert}">${r.alert_id ? html`<a href="/liaison/alerts/${r.alert_id}">${r.alert_id}</a>` : '—'}</td>
<td data-label="${w.lastError}">${r.error ? html`<span lang="en">${r.error}</span>` : ''}</td>
</tr>`,
      )}</tbody></table></div>`
}`;
}

export function liaisonFetchPage(lang: Lang, user: string, fetch: FetchLogRow, payloads: KeptPayload[]): string {
  const w = STAFF_WORDS[lang];
  const body = html`
<h1>${w.fetchTitle} #${fetch.id}: ${fetch.feed}</h1>
<dl class="facts">
  <dt>URL</dt><dd><code>${fetch.url}</code></dd>
  <dt>${w.startedAt}</dt><dd>${formatTime(fetch.started_at, lang)} (${fetch.slot})</dd>
  <dt>${w.outcome}</dt><dd>${stateWord('fetch.outcome', fetch.outcome, lang)}${timeAlarmBadge(fetch.time_alarms.length, w)}</dd>
  <dt>${w.httpStatus}</dt><dd>${fetch.http_status ?? '—'}, ${fetch.bytes ?? 0} B, ${fetch.attempts}×</dd>
  <dt>${w.items}</dt><dd>${fetch.items_seen}: ${fetch.items_new}/${fetch.items_updated}/${fetch.items_invalid}</dd>
  ${fetch.error_class ? html`<dt>${w.lastError}</dt><dd lang="en">${fetch.error_class}: ${fetch.error_message ?? ''}</dd>` : ''}
</dl>
${timeAlarmSection(fetch.time_alarms, w)}
<h2>${w.payloadTitle}</h2>
${
  payloads.length === 0
    ? html`<p>${w.noPayloads}</p>`
    : payloads.map((p) => {
        return html`<section class="card payload" aria-labelledby="payload-${p.id}">
<h3 id="payload-${p.id}">${p.item}</h3>
<p class="note">${p.content_type ?? ''} · ${p.bytes} B</p>
<h4>${w.problems}</h4>
<ul class="problems" lang="en">${p.problems.map((x) => html`<li><code>${x.path}</code> ${x.message}</li>`)}</ul>
<h4>${w.rawPayload}${p.truncated ? html` <span class="note">(${w.truncated})</span>` : ''}</h4>
<pre tabindex="0" aria-label="${w.rawPayload}">${p.text}</pre>
</section>`;
      })
}`;
  return layout({ lang, title: `${w.fetchTitle} #${fetch.id}`, here: `/liaison/fetches/${fetch.id}`, audience: 'liaison', user, body });
}
