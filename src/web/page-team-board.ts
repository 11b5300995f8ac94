// The Tagana team board: tasks by priority as a list (each with its moves as plain POST forms, so
// they work without scripts) and on a map (board.js), escalations marked; refresh.js keeps the
// list current. And one task: its vulnerable households, where they live, and its history.
import type { TaskEvent, TaskSummary, VulnerableHousehold } from '../db/tagana-task-queries.ts';
import type { VulnerableReach } from '../db/tagana-vulnerable-reach.ts';
import type { MessageKey } from '../messages/message-catalogue.ts';
import { say } from '../messages/say.ts';
import { VULNERABLE_KINDS } from '../registry/vulnerable-people.ts';
import type { TaskState } from '../db/tagana-task-queries.ts';
import { zoneOfAreaCode } from '../time/indonesian-time-zone.ts';
import { formatNumber, formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
import type { BoardSummary } from './team-board-summary.ts';
import { capLevels, stateWord } from './state-words.ts';
import { taskEventActor, taskEventNote, taskEventSentence } from './task-event-words.ts';
import { TEAM_WORDS, type TeamWords } from './words-team.ts';

const MOVES: Record<TaskState, ('acknowledge' | 'start' | 'done')[]> = {
  open: ['acknowledge', 'start'],
  acknowledged: ['start', 'done'],
  in_progress: ['done'],
  done: [],
  stood_down: [],
};

function moveForms(t: TaskSummary, w: TeamWords, back: string): Html {
  const label = { acknowledge: w.acknowledge, start: w.start, done: w.finish };
  return html`<div class="actions">${MOVES[t.state].map(
    (m) =>
      html`<form method="post" action="/team/tasks/${t.id}/${m}"><input type="hidden" name="back" value="${back}"><button type="submit"${m === 'acknowledge' ? ' class="primary"' : ''} aria-label="${label[m]}: ${t.village_name} (#${t.id})">${label[m]}</button></form>`,
  )}</div>`;
}

function escalation(t: TaskSummary, team: string, w: TeamWords): Html {
  if (t.escalated_team_code === team && t.team_code !== team)
    return html`<span class="badge status-down">${w.escalated}: ${w.escalatedToUs} (${t.team_code})</span>`;
  if (t.escalation_level > 0)
    return html`<span class="badge status-down">${w.escalatedLevel.replace('{n}', String(t.escalation_level))}</span>`;
  return html``;
}

// Per kind, how many of the vulnerable people have it: one person may count under several kinds
// (an elderly person who is ill), or under none when the registry gave no kind for them, so the
// counts need not add up to the people shown before them.
function kinds(v: TaskSummary['vulnerable_by_kind'] | VulnerableHousehold, w: TeamWords): string {
  const known = VULNERABLE_KINDS.filter((k) => v[k] > 0)
    .map((k) => `${v[k]} ${w[k]}`)
    .join(', ');
  return known || w.kindNotGiven;
}

/** The team as its members know it: its name, and its code where the registry has no name. */
export interface BoardTeam {
  code: string;
  name: string;
}

function summaryList(lang: Lang, summary: BoardSummary): Html {
  const item = (key: MessageKey, n: number, cls: string) =>
    html`<div class="count ${cls}"><dt>${say(key, lang)}</dt><dd>${formatNumber(n, lang)}</dd></div>`;
  return html`<section aria-label="${say('team.summary', lang)}"><dl class="summary" id="summary">
${item('team.summary.open', summary.open, 'open')}${item('team.summary.urgent', summary.urgent, summary.urgent ? 'alarm' : '')}${item('team.summary.vulnerable', summary.vulnerable, '')}${item('team.summary.unreached', summary.unreached, summary.unreached ? 'alarm' : '')}
</dl></section>`;
}

export function teamBoardPage(lang: Lang, user: string, team: BoardTeam, tasks: TaskSummary[], now: Date, summary: BoardSummary): string {
  const w = TEAM_WORDS[lang];
  const title = say('team.boardTitle', lang, { team: team.name });
  const body = html`
<h1>${title}</h1>
<div data-live data-refresh="15">
${summaryList(lang, summary)}
<p class="note">${formatTime(now, lang, tasks[0] ? zoneOfAreaCode(tasks[0].village_code) : 'WIB')} · ${w.boardIntro}</p>
${tasks.length === 0 ? html`<p>${w.noTasks}</p>` : ''}
<ol class="tasks" id="tasks">${tasks.map(
    (
      t,
    ) => html`<li class="task state-${t.state}${t.escalation_level > 0 || t.escalated_team_code === team.code ? ' escalated' : ''}" data-task="${t.id}" data-state="${t.state}">
  <h2><a href="/team/tasks/${t.id}">${t.kind === 'door_knock' ? html`${w.doorKnock}: ` : ''}${t.village_name}</a> <span class="badge state-${t.state}">${stateWord('task.state', t.state, lang)}</span> ${escalation(t, team.code, w)}</h2>
  <p class="meta">${w.priority} ${formatNumber(t.priority, lang)} · ${stateWord('cap.severity', t.severity, lang)} · ${w.households} ${formatNumber(t.households, lang)} · <strong>${w.vulnerablePeople} ${formatNumber(t.vulnerable, lang)}</strong>${t.vulnerable ? ` (${kinds(t.vulnerable_by_kind, w)})` : ''} · ${w.opened} ${formatTime(t.opened_at, lang, zoneOfAreaCode(t.village_code))}</p>
  ${t.reason ? html`<p>${w.reason}: ${t.reason}</p>` : ''}
  ${moveForms(t, w, '/team')}
</li>`,
  )}</ol>
</div>
<figure class="map-figure"><div id="map" class="map" data-tasks="/team/tasks.geojson" role="region" aria-label="${w.mapCaption}"></div><figcaption>${w.mapCaption}</figcaption></figure>`;
  return layout({ lang, title, here: '/team', audience: 'team', user, body, map: true, scripts: ['refresh.js', 'board.js'] });
}

/** Where the warning stands for one vulnerable household: reached, or not and why. */
function warnedCell(lang: Lang, reach: VulnerableReach | undefined): Html {
  if (reach?.reached) return html`<span class="badge status-ok">${say('team.reached', lang)}</span>`;
  const why = reach?.last_state ? say(`delivery.state.${reach.last_state}` as MessageKey, lang) : say('team.notPlanned', lang);
  return html`<span class="badge status-down">${say('team.notReached', lang)}</span> <span class="note">${why}</span>`;
}

/**
 * One task. Its tables turn into one card per row under 600 px (siaga.css `table.cards`), each
 * cell labelled from its column, so nothing on a phone scrolls sideways.
 */
export function teamTaskPage(
  lang: Lang,
  user: string,
  team: BoardTeam,
  t: TaskSummary & { vulnerable_list: VulnerableHousehold[]; events: TaskEvent[] },
  reach: ReadonlyMap<string, VulnerableReach>,
  refused?: string,
): string {
  const w = TEAM_WORDS[lang];
  // Every time of a task in the zone of its village.
  const zone = zoneOfAreaCode(t.village_code);
  const col = {
    id: 'ID',
    members: w.members,
    vulnerable: w.vulnerablePeople,
    phone: say('team.phone', lang),
    warned: say('team.warned', lang),
    location: w.location,
  };
  const ev = { at: w.at, action: w.action, actor: w.actor, note: w.note };
  const body = html`
<p class="kicker">${team.name}</p>
<h1>${t.kind === 'door_knock' ? html`${w.doorKnock}: ` : ''}${t.village_name} <span class="badge state-${t.state}" id="task-state">${stateWord('task.state', t.state, lang)}</span></h1>
${refused ? html`<p class="error" role="alert">${w.moveRefused}: ${refused}</p>` : ''}
<p>${escalation(t, team.code, w)}</p>
<dl class="facts">
  <dt>${w.priority}</dt><dd>${formatNumber(t.priority, lang)} (${capLevels({ severity: t.severity, urgency: t.urgency }, lang)})</dd>
  <dt>${w.village}</dt><dd>${t.village_name} <span class="note">${t.village_code}</span></dd>
  <dt>${w.households}</dt><dd>${formatNumber(t.households, lang)} (${w.people} ${formatNumber(t.people, lang)})</dd>
  <dt>${w.vulnerableHouseholds}</dt><dd>${formatNumber(t.vulnerable_households, lang)} (${w.vulnerablePeople} ${formatNumber(t.vulnerable, lang)}${t.vulnerable ? `: ${kinds(t.vulnerable_by_kind, w)}` : ''})</dd>
  <dt>${w.opened}</dt><dd>${formatTime(t.opened_at, lang, zone)}</dd>
</dl>
${moveForms(t, w, `/team/tasks/${t.id}`)}
<h2>${w.vulnerableList}</h2>
<div class="table-wrap"><table id="vulnerable" class="cards">
<thead><tr><th scope="col">${col.id}</th><th scope="col">${col.members}</th><th scope="col">${col.vulnerable}</th><th scope="col">${col.phone}</th><th scope="col">${col.warned}</th><th scope="col">${col.location}</th></tr></thead>
<tbody>${t.vulnerable_list.map((h) => {
    const r = reach.get(h.id);
    return html`<tr><th scope="row" data-label="${col.id}">${h.id}</th><td data-label="${col.members}">${formatNumber(h.members, lang)}</td><td data-label="${col.vulnerable}">${formatNumber(h.vulnerable, lang)}${h.vulnerable ? ` (${kinds(h, w)})` : ''}</td><td data-label="${col.phone}">${r?.phone ? html`<a href="tel:${r.phone}">${r.phone}</a>` : '—'}</td><td data-label="${col.warned}">${warnedCell(lang, r)}</td><td data-label="${col.location}">${h.lat.toFixed(5)}, ${h.lon.toFixed(5)}</td></tr>`;
  })}</tbody>
</table></div>
<figure class="map-figure"><div id="map" class="map" data-tasks="/team/tasks/${t.id}.geojson" role="region" aria-label="${w.mapCaption}"></div><figcaption>${w.mapCaption}</figcaption></figure>
<h2>${w.history}</h2>
<div class="table-wrap"><table id="events" class="cards">
<thead><tr><th scope="col">${ev.at}</th><th scope="col">${ev.action}</th><th scope="col">${ev.actor}</th><th scope="col">${ev.note}</th></tr></thead>
<tbody>${t.events.map((e) => html`<tr><td data-label="${ev.at}">${formatTime(e.at, lang, zone)}</td><td data-label="${ev.action}">${taskEventSentence(e, lang)}</td><td data-label="${ev.actor}">${taskEventActor(e.actor, lang)}</td><td data-label="${ev.note}">${taskEventNote(e.note, lang, (iso) => formatTime(iso, lang, zone))}</td></tr>`)}</tbody>
</table></div>`;
  return layout({
    lang,
    title: `${t.village_name} · ${team.name}`,
    here: `/team/tasks/${t.id}`,
    audience: 'team',
    user,
    body,
    map: true,
    scripts: ['board.js'],
  });
}
