// The words of a notice to a Tagana member, in Indonesian, short enough for one or two SMS
// segments and plain GSM-7 (no curly quotes or dashes that would force UCS-2). The link opens the
// task on the team board; the task number lets a volunteer without data read it over the radio.
import type { TaskNoticeSource } from '../db/tagana-notice-sources.ts';
import { zoneOfAreaCode, ZONE_OFFSET_HOURS } from '../time/indonesian-time-zone.ts';

export interface TaskNoticeText {
  title: string;
  body: string;
  url: string;
}

export function taskLink(publicBaseUrl: string, taskId?: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/team/tasks${taskId ? `/${taskId}` : ''}`;
}

function localClock(at: Date, villageCode: string): string {
  const zone = zoneOfAreaCode(villageCode);
  const t = new Date(at.getTime() + ZONE_OFFSET_HOURS[zone] * 3_600_000);
  return `${String(t.getUTCHours()).padStart(2, '0')}.${String(t.getUTCMinutes()).padStart(2, '0')} ${zone}`;
}

function what(s: TaskNoticeSource): string {
  const hazard = [s.hazard_event, s.severity && `(${s.severity})`].filter(Boolean).join(' ');
  const place = `Desa ${s.village_name} (${s.village_code})`;
  if (s.kind === 'door_knock') {
    const why = s.reason === 'need_help' ? 'minta bantuan' : 'belum menerima peringatan';
    return `Ketuk pintu rumah tangga ${s.household_id} di ${place}: ${why}, ${s.vulnerable} orang rentan. ${hazard}`.trim();
  }
  return `${hazard ? `${hazard} di ` : ''}${place}: ${s.households} KK, ${s.people} jiwa, ${s.vulnerable_households} KK rentan (${s.vulnerable} orang).`;
}

export function taskNoticeText(s: TaskNoticeSource, publicBaseUrl: string): TaskNoticeText {
  const url = taskLink(publicBaseUrl, s.task_id);
  const p = Math.round(s.priority);
  switch (s.action) {
    case 'created':
    case 'reopened':
      return {
        title: `TAGANA: ${s.kind === 'door_knock' ? 'ketuk pintu' : 'tugas baru'} #${s.task_id} (prioritas ${p})`,
        body: `${what(s)} Terima tugas di ${url}`,
        url,
      };
    case 'escalated':
      return {
        title: `TAGANA ESKALASI${s.escalation_level === 2 ? ' PROVINSI' : ''}: tugas #${s.task_id} (prioritas ${p})`,
        body: `Tugas tim ${s.team_name} belum diterima sejak ${localClock(s.opened_at, s.village_code)}. ${what(s)} Mohon koordinasi: ${url}`,
        url,
      };
    case 'stood_down':
      return {
        title: `TAGANA: tugas #${s.task_id} dihentikan`,
        body: `Tugas di Desa ${s.village_name} (${s.village_code}) tidak perlu dilanjutkan: ${whyStoodDown(s.note)}.`,
        url,
      };
  }
}

// The stand-down notes are written for the log in English (plan-tasks.ts); members read Indonesian.
function whyStoodDown(note: string | null): string {
  if (note?.includes('cancelled')) return 'peringatan dibatalkan';
  if (note?.includes('left the warning area')) return 'desa tidak lagi berada di wilayah peringatan';
  return 'peringatan telah berakhir';
}

/** Tasks listed by name in a notice about several; the rest are counted (the board has them all). */
const LISTED = 3;

/**
 * The words of one notice about several events of one warning (most urgent first): how many, the
 * most urgent few by number and village, and the board. One event: the single notice above.
 */
export function taskDigestText(sources: readonly TaskNoticeSource[], publicBaseUrl: string): TaskNoticeText | undefined {
  const [lead] = sources;
  if (!lead) return undefined;
  if (sources.length === 1) return taskNoticeText(lead, publicBaseUrl);
  const url = taskLink(publicBaseUrl);
  const n = sources.length;
  const more = n > LISTED ? `; +${n - LISTED} lagi` : '';
  const list = (f: (s: TaskNoticeSource) => string) => `${sources.slice(0, LISTED).map(f).join('; ')}${more}`;
  const briefly = (s: TaskNoticeSource) =>
    s.kind === 'door_knock' ? `#${s.task_id} ketuk pintu ${s.village_name}` : `#${s.task_id} ${s.village_name} (${s.vulnerable} rentan)`;
  const hazard = [lead.hazard_event, lead.severity && `(${lead.severity})`].filter(Boolean).join(' ');
  switch (lead.action) {
    case 'created':
    case 'reopened':
      return {
        title: `TAGANA: ${n} tugas baru${hazard ? `, ${hazard}` : ''}`,
        body: `Paling mendesak: ${list(briefly)}. Terima tugas di ${url}`,
        url,
      };
    case 'escalated':
      return {
        title: `TAGANA ESKALASI${lead.escalation_level === 2 ? ' PROVINSI' : ''}: ${n} tugas belum diterima`,
        body: `Tim ${[...new Set(sources.map((x) => x.team_name))].join(', ')} sejak ${localClock(earliest(sources), lead.village_code)}: ${list(briefly)}. Mohon koordinasi: ${url}`,
        url,
      };
    case 'stood_down':
      return {
        title: `TAGANA: ${n} tugas dihentikan`,
        body: `Tidak perlu dilanjutkan (${whyStoodDown(lead.note)}): ${list((s) => `#${s.task_id} ${s.village_name}`)}.`,
        url,
      };
  }
}

function earliest(sources: readonly TaskNoticeSource[]): Date {
  return new Date(Math.min(...sources.map((x) => x.opened_at.getTime())));
}

/** One SMS: title and body on one line each. */
export function taskNoticeSms(text: TaskNoticeText): string {
  return `${text.title}\n${text.body}`;
}

/** The push payload the team board's service worker shows (same envelope as residents' warnings). */
export function taskNoticePush(text: TaskNoticeText, ids: { deliveryId: string; ackToken: string; taskId: string }): string {
  return JSON.stringify({
    v: 1,
    kind: 'task',
    taskId: ids.taskId,
    deliveryId: ids.deliveryId,
    ackToken: ids.ackToken,
    lang: 'id',
    title: text.title,
    body: text.body,
    url: text.url,
  });
}
