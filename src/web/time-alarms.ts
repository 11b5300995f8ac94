// Contradictory times as the liaison sees them: a red badge where a row would otherwise say only
// `new` or `active`, and the list of alarms (what contradicts what, the reading used) on the page of
// the fetch or alert. The same look as a failed feed (status-down): it asks for a human to check.
import { html, type Html } from './html.ts';
import type { StaffWords } from './words-staff.ts';

interface ShownAlarm {
  /** A fetch's alarms name the item they concern; an alert's are about the alert itself. */
  item?: string;
  path: string;
  message: string;
}

/** The badge for `count` alarms; nothing when there are none. */
export function timeAlarmBadge(count: number, w: StaffWords): Html | '' {
  return count > 0
    ? html` <span class="badge status-down" data-time-alarms="${count}">${w.timeAlarm}${count > 1 ? ` ×${count}` : ''}</span>`
    : '';
}

/** The alarms as a titled list; nothing when there are none. */
export function timeAlarmSection(list: readonly ShownAlarm[], w: StaffWords): Html | '' {
  if (list.length === 0) return '';
  return html`<section class="todo" id="time-alarms" aria-labelledby="time-alarms-title">
<h2 id="time-alarms-title">${w.timeAlarms}</h2>
<ul class="problems">${list.map((a) => html`<li>${a.item ? html`<strong>${a.item}</strong> ` : ''}<code>${a.path}</code> ${a.message}</li>`)}</ul>
</section>`;
}
