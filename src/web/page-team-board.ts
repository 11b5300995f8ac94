// The Tagana team board: tasks by priority as a list (each with its moves as plain POST forms, so
// they work without scripts) and on a map (board.js), escalations marked; refresh.js keeps the
// list current. And one task: its vulnerable households, where they live, and its history.
import type { TaskEvent, TaskSummary, VulnerableHousehold } from '../db/tagana-task-queries.ts';
import { VULNERABLE_KINDS } from '../registry/vulnerable-people.ts';
import type { TaskState } from '../db/tagana-task-queries.ts';
import { zoneOfAreaCode } from '../time/indonesian-time-zone.ts';
import { formatTime } from './format.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { layout } from './layout.ts';
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
    (m) => html`<form method="post" action="/team/tasks/${t.id}/${m}"><input type="hidden" name="back" value="${back}"><button type="submit"${m === 'acknowledge' ? ' class="primary"' : ''} aria-label="${label[m]}: ${t.village_name} (#${t.id})">${label[m]}</button></form>`,
  )}</div>`;
}

function escalation(t: TaskSummary, team: string, w: TeamWords): Html {
  if (t.escalated_team_code === team && t.team_code !== team) return html`<span class="badge status-down">${w.escalated}: ${w.escalatedToUs} (${t.team_code})</span>`;
  if (t.escalation_level > 0) return html`<span class="badge status-down">${w.escalatedLevel.replace('{n}', String(t.escalation_level))}</span>`;
  return html``;
}

// Per kind, how many of the vulnerable people have it: one person may count under several kinds
// (an elderly person who is ill), or under none when the registry gave no kind for them, so the
// counts need not add up to the people shown before them.
function kinds(v: TaskSummary['vulnerable_by_kind'] | VulnerableHousehold, w: TeamWords): string {
  const known = VULNERABLE_KINDS.filter((k) => v[k] > 0).map((k) => `${v[k]} ${w[k]}`).join(', ');
  return known || w.kindNotGiven;
}

export function teamBoardPage(lang: Lang, user: string, team: string, tasks: TaskSummary[], now: Date): string {
  const w = TEAM_WORDS[lang];
  const body = html`
<h1>${w.boardTitle}: ${team}</h1>
<p>${w.boardIntro}</p>
<figure class="map-figure"><div id="map" class="map" data-tasks="/team/tasks.geojson" role="region" aria-label="${w.mapCaption}"></div><figcaption>${w.mapCaption}</figcaption></figure>
<div data-live data-refresh="15">
<p class="note">${formatTime(now, lang, tasks[0] ? zoneOfAreaCode(tasks[0].village_code) : 'WIB')}</p>
${tasks.length === 0 ? html`<p>${w.noTasks}</p>` : ''}
<ol class="tasks" id="tasks">${tasks.map(
    (t) => html`<li class="task state-${t.state}${t.escalation_level > 0 || t.escalated_team_code === team ? ' escalated' : ''}" data-task="${t.id}" data-state="${t.state}">
  <h2><a href="/team/tasks/${t.id}">${t.kind === 'door_knock' ? html`${w.doorKnock}: ` : ''}${t.village_name}</a> <span class="badge state-${t.state}">${w[t.state]}</span> ${escalation(t, team, w)}</h2>
  <p class="meta">${w.priority} ${t.priority} · ${t.severity ?? '—'} · ${w.households} ${t.households} · ${w.people} ${t.people} · <strong>${w.vulnerablePeople} ${t.vulnerable}</strong>${t.vulnerable ? ` (${kinds(t.vulnerable_by_kind, w)})` : ''} · ${w.opened} ${formatTime(t.opened_at, lang, zoneOfAreaCode(t.village_code))}</p>
  ${t.reason ? html`<p>${w.reason}: ${t.reason}</p>` : ''}
  ${moveForms(t, w, '/team')}
</li>`,
  )}</ol>
</div>`;
  return layout({ lang, title: w.boardTitle, here: '/team', audience: 'team', user, body, map: true, scripts: ['refresh.js', 'board.js'] });
}

export function teamTaskPage(lang: Lang, user: string, team: string, t: TaskSummary & { vulnerable_list: VulnerableHousehold[]; events: TaskEvent[] }, refused?: string): string {
  const w = TEAM_WORDS[lang];
  // Every time of a task in the zone of its village.
  const zone = zoneOfAreaCode(t.village_code);
  const body = html`
<h1>${t.kind === 'door_knock' ? html`${w.doorKnock}: ` : ''}${t.village_name} <span class="badge state-${t.state}" id="task-state">${w[t.state]}</span></h1>
${refused ? html`<p class="error" role="alert">${w.moveRefused}: ${refused}</p>` : ''}
<p>${escalation(t, team, w)}</p>
<dl class="facts">
  <dt>${w.priority}</dt><dd>${t.priority} (${t.severity ?? '—'}, ${t.urgency ?? '—'})</dd>
  <dt>${w.village}</dt><dd>${t.village_name} <span class="note">${t.village_code}</span></dd>
  <dt>${w.households}</dt><dd>${t.households} (${w.people} ${t.people})</dd>
  <dt>${w.vulnerableHouseholds}</dt><dd>${t.vulnerable_households} (${w.vulnerablePeople} ${t.vulnerable}${t.vulnerable ? `: ${kinds(t.vulnerable_by_kind, w)}` : ''})</dd>
  <dt>${w.opened}</dt><dd>${formatTime(t.opened_at, lang, zone)}</dd>
</dl>
${moveForms(t, w, `/team/tasks/${t.id}`)}
<figure class="map-figure"><div id="map" class="map" data-tasks="/team/tasks/${t.id}.geojson" role="region" aria-label="${w.mapCaption}"></div><figcaption>${w.mapCaption}</figcaption></figure>
<h2>${w.vulnerableList}</h2>
<div class="table-wrap" tabindex="0"><table id="vulnerable">
<thead><tr><th scope="col">ID</th><th scope="col">${w.members}</th><th scope="col">${w.vulnerablePeople}</th><th scope="col">${w.location}</th></tr></thead>
<tbody>${t.vulnerable_list.map((h) => html`<tr><th scope="row">${h.id}</th><td>${h.members}</td><td>${h.vulnerable}${h.vulnerable ? ` (${kinds(h, w)})` : ''}</td><td>${h.lat.toFixed(5)}, ${h.lon.toFixed(5)}</td></tr>`)}</tbody>
</table></div>
<h2>${w.history}</h2>
<div class="table-wrap" tabindex="0"><table id="events">
<thead><tr><th scope="col">${w.at}</th><th scope="col">${w.action}</th><th scope="col">${w.actor}</th><th scope="col">${w.note}</th></tr></thead>
<tbody>${t.events.map((e) => html`<tr><td>${formatTime(e.at, lang, zone)}</td><td>${e.action} (${e.from_state ?? '—'} → ${e.to_state})</td><td>${e.actor}</td><td>${e.note ?? ''}</td></tr>`)}</tbody>
</table></div>`;
  return layout({ lang, title: `${w.boardTitle} #${t.id}`, here: `/team/tasks/${t.id}`, audience: 'team', user, body, map: true, scripts: ['board.js'] });
}
