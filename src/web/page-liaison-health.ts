// The liaison's first look: every feed's health (ok / late / down), last success, last error.
// refresh.js swaps the table every 30 s, so a feed going late shows without a reload.
import type { FeedHealth } from '../feeds/feeds-health.ts';
import { formatAge, formatTime } from './format.ts';
import { html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { STAFF_WORDS, type StaffWords } from './words-staff.ts';

export function statusWord(status: FeedHealth['status'], w: StaffWords): string {
  return { waiting: w.statusWaiting, ok: w.statusOk, late: w.statusLate, down: w.statusDown }[status];
}

export function liaisonHealthPage(lang: Lang, user: string, feeds: FeedHealth[], now: Date): string {
  const w = STAFF_WORDS[lang];
  const body = html`
<h1>${w.healthTitle}</h1>
<p>${w.healthIntro}</p>
<div data-live data-refresh="30">
<p class="note">${w.updatedAt} ${formatTime(now.toISOString(), lang)}</p>
${
  feeds.length === 0
    ? html`<p>${w.noFeeds}</p>`
    : html`<div class="table-wrap" tabindex="0"><table id="feed-health">
<caption class="sr-only">${w.healthTitle}</caption>
<thead><tr><th scope="col">${w.feed}</th><th scope="col">${w.status}</th><th scope="col">${w.lastSuccess}</th><th scope="col">${w.lastAttempt}</th><th scope="col">${w.lastError}</th><th scope="col">${w.failures}</th><th scope="col">${w.schedule}</th></tr></thead>
<tbody>${feeds.map(
        (f) => html`<tr data-feed="${f.feed}">
<th scope="row"><a href="/liaison/log?feed=${encodeURIComponent(f.feed)}">${f.feed}</a></th>
<td><span class="badge status-${f.status}" data-status="${f.status}">${statusWord(f.status, w)}</span>${f.status === 'waiting' && f.first_run_due_at ? html`<br><span class="note">${w.firstRunDue} ${formatTime(f.first_run_due_at, lang)}</span>` : ''}</td>
<td>${formatAge(f.last_success_at, now, lang)}<br><span class="note">${formatTime(f.last_success_at, lang)}</span></td>
<td>${formatAge(f.last_attempt_at, now, lang)}</td>
<td>${f.last_error ? html`<span lang="en">${f.last_error}</span><br><span class="note">${formatTime(f.last_error_at, lang)}</span>` : '—'}</td>
<td>${f.consecutive_failures}</td>
<td><code>${f.schedule}</code> (${f.cadence_s} s)</td>
</tr>`,
      )}</tbody></table></div>`
}
</div>`;
  return layout({ lang, title: w.healthTitle, here: '/liaison', audience: 'liaison', user, body, scripts: ['refresh.js'] });
}
