// A task's history in the reader's language. The log keeps each event's action, states and a note
// Siaga wrote in English for operators (src/db/tagana-tasks.ts, tagana-door-knocks.ts,
// tagana-clusters.ts, tagana-task-escalation.ts, src/tagana/plan-tasks.ts); a team member reads
// them here as sentences. A note written by a person (the team API takes one) is shown as written.
import type { MessageKey } from '../messages/message-catalogue.ts';
import { MESSAGES } from '../messages/message-catalogue.ts';
import { say, type MessageParams } from '../messages/say.ts';
import type { Lang } from './language.ts';
import { stateWord } from './state-words.ts';

export interface TaskEventText {
  action: string;
  from_state: string | null;
  to_state: string | null;
}

/** "Tugas diakui; tadinya terbuka." */
export function taskEventSentence(e: TaskEventText, lang: Lang): string {
  const params = { from: stateWord('task.state', e.from_state, lang), to: stateWord('task.state', e.to_state, lang) };
  const key = `task.event.${e.action}`;
  return key in MESSAGES ? say(key as MessageKey, lang, params) : say('task.event.other', lang, { ...params, action: e.action });
}

// The notes Siaga writes, most specific first; each names its catalogue key and the parts it reuses.
const NOTES: [RegExp, MessageKey, (m: RegExpExecArray) => MessageParams][] = [
  [/^planned from message (\d+)$/, 'task.note.planned', (m) => ({ message: m[1] ?? '' })],
  [/^changed by message (\d+)$/, 'task.note.changed', (m) => ({ message: m[1] ?? '' })],
  [/^the village is inside the warning area again \(message (\d+)\)$/, 'task.note.backInArea', (m) => ({ message: m[1] ?? '' })],
  [/^the village left the warning area \(message (\d+)\)$/, 'task.note.leftArea', (m) => ({ message: m[1] ?? '' })],
  [/^the warning was cancelled \(message (\d+)\)$/, 'task.note.cancelledBy', (m) => ({ message: m[1] ?? '' })],
  [/^the warning was cancelled$/, 'task.note.cancelled', () => ({})],
  [/^the warning expired at (\S+)$/, 'task.note.expiredAt', (m) => ({ at: m[1] ?? '' })],
  [/^the warning expired$/, 'task.note.expired', () => ({})],
  [
    /^worked together with (\d+) neighbouring village task\(s\) as cluster (\d+)$/,
    'task.note.clustered',
    (m) => ({ n: Number(m[1]), cluster: m[2] ?? '' }),
  ],
  [/^cluster (\d+) dissolved$/, 'task.note.unclustered', (m) => ({ cluster: m[1] ?? '' })],
  [/^the household answered need_help$/, 'task.note.needHelp', () => ({})],
  [/^no delivery reached this vulnerable household in time$/, 'task.note.notReached', () => ({})],
  [/^level 1: team (\S+) has no active coordinator$/, 'task.note.noCoordinator', (m) => ({ team: m[1] ?? '' })],
  [/^level 1: to coordinator (.+)$/, 'task.note.toCoordinator', (m) => ({ who: m[1] ?? '' })],
  [/^level 2: no other team covers province (\S+)$/, 'task.note.noProvinceTeam', (m) => ({ province: m[1] ?? '' })],
  [/^level 2: to province team (.+)$/, 'task.note.toProvinceTeam', (m) => ({ who: m[1] ?? '' })],
];

/** The note of an event in the reader's language; `formatAt` writes a time a note carries. */
export function taskEventNote(note: string | null, lang: Lang, formatAt: (iso: string) => string = (iso) => iso): string {
  if (!note) return '';
  for (const [pattern, key, params] of NOTES) {
    const m = pattern.exec(note);
    if (!m) continue;
    const p = params(m);
    return say(key, lang, typeof p.at === 'string' ? { ...p, at: formatAt(p.at) } : p);
  }
  return note;
}

/** Who made the move: Siaga itself, or the team/member as recorded. */
export function taskEventActor(actor: string, lang: Lang): string {
  return actor === 'system' ? say('team.actor.system', lang) : actor;
}
