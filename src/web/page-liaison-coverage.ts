// The coverage audit as the liaison reads it: per standing warning (or one message), the targeted
// households in their classes (which add up to the targeted count), the ledger by channel and
// state, failures by reason, door knocks for the unreached vulnerable, and an alarm at the top of
// the page when any household is unaccounted.
import { COVERAGE_CLASSES, type CoverageReport } from '../db/coverage-audit.ts';
import { formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import { capLevels, stateWord } from './state-words.ts';
import { STAFF_WORDS, type StaffWords } from './words-staff.ts';

function section(r: CoverageReport, w: StaffWords, lang: Lang, single: boolean): Html {
  const handoff = r.handoff_state
    ? (w.deliveryStates[r.handoff_state as keyof StaffWords['deliveryStates']] ?? r.handoff_state)
    : w.deliveryStates.none;
  const heading = single
    ? html`<h1>${w.coverageOf}: ${r.identifier}</h1>`
    : html`<h2><a href="/liaison/coverage/${r.id}">${r.identifier}</a></h2>`;
  return html`<section
    class="coverage"
    data-alert="${r.id}"
    data-unaccounted="${r.unaccounted}"
  >
    ${heading}
    <p>
      ${stateWord('alert.msgType', r.msg_type, lang)} · ${r.event ?? '—'} (${capLevels(r, lang)}) · ${w.sent}
      ${formatTime(r.sent, lang)}${r.standing ? '' : html` · <span class="badge status-late">${w.notStanding}</span>`}
      · <a href="/liaison/alerts/${r.id}">${w.alertsTitle}</a>
    </p>
    ${r.unaccounted > 0 ? html`<p class="error" role="alert" data-coverage-alarm="${r.id}">${w.coverageAlarm(r.unaccounted)} ${w.unaccountedSample}: ${r.unaccounted_sample.join(', ')}</p>` : ''}
    <dl class="facts">
      <dt>${w.handoff}</dt>
      <dd data-handoff="${r.handoff_state ?? 'none'}">
        ${handoff}${r.handoff_reason ? html` <span class="note" lang="en">${r.handoff_reason}</span>` : ''}
      </dd>
      <dt>${w.targetedHouseholds}</dt>
      <dd data-figure="targeted">
        ${r.targeted} (${w.vulnerable}: ${r.vulnerable})
      </dd>
      <dt>${w.unreachableVulnerable}</dt>
      <dd data-figure="unreachable_vulnerable">${r.unreachable_vulnerable}</dd>
    </dl>
    <div class="table-wrap" tabindex="0">
      <table class="coverage-classes">
        <thead>
          <tr>
            <th scope="col">${w.state}</th>
            <th scope="col">${w.households}</th>
          </tr>
        </thead>
        <tbody>
          ${COVERAGE_CLASSES.map(
            (c) =>
              html`<tr
                data-class="${c}"
                ${c === 'unaccounted' && r.unaccounted > 0 ? html` class="status-down"` : ''}
              >
                <th scope="row">${w.coverageClasses[c]}</th>
                <td>${r.households[c]}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h3>${w.knocksTitle} (${r.unreached_vulnerable})</h3>
    <p data-figure="knocks">
      ${w.knockOpen} ${r.knocks.open} · ${w.knockDone} ${r.knocks.done} ·
      ${w.knockStoodDown} ${r.knocks.stood_down} · ${w.knockNone}
      ${r.knocks.none}
    </p>
    <h3>${w.ledgerTitle}</h3>
    <div class="table-wrap" tabindex="0">
      <table class="coverage-ledger">
        <thead>
          <tr>
            <th scope="col">${w.channel}</th>
            <th scope="col">${w.state}</th>
            <th scope="col">${w.rows}</th>
          </tr>
        </thead>
        <tbody>
          ${r.ledger.map(
            (l) =>
              html`<tr data-ledger="${l.channel}/${l.state}">
                <td>${l.channel}</td>
                <td>${stateWord('delivery.state', l.state, lang)}</td>
                <td>${l.n}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      r.failures.length > 0
        ? html`<h3>${w.failuresTitle}</h3>
            <ul class="coverage-failures" lang="en">
              ${r.failures.map((f) => html`<li>${f.channel} · ${f.n} · ${f.reason}</li>`)}
            </ul>`
        : ''
    }
  </section>`;
}

/** Every standing warning; `single` is set for one message's page. */
export function liaisonCoveragePage(lang: Lang, user: string, reports: CoverageReport[], single?: CoverageReport): string {
  const w = STAFF_WORDS[lang];
  const shown = single ? [single] : reports;
  const unaccounted = shown.reduce((sum, r) => sum + r.unaccounted, 0);
  const body = html` ${single ? '' : html`<h1>${w.coverageTitle}</h1>`}
    <p>${w.coverageIntro}</p>
    ${unaccounted > 0 ? html`<p class="error" role="alert" id="coverage-alarm">${w.coverageAlarm(unaccounted)}</p>` : ''}
    ${shown.length === 0 ? html`<p id="coverage-none">${w.coverageNone}</p>` : shown.map((r) => section(r, w, lang, Boolean(single)))}`;
  const here = single ? `/liaison/coverage/${single.id}` : '/liaison/coverage';
  return layout({
    lang,
    title: single ? `${w.coverageOf}: ${single.identifier}` : w.coverageTitle,
    here,
    audience: 'liaison',
    user,
    body,
  });
}
