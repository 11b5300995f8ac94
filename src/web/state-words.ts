// The words for stored states, levels and outcomes, from the one message catalogue: a task's state,
// a warning's state, type and status, CAP severity/urgency/certainty, a fetch's and a CAP post's
// outcome, a hazard candidate's state, a delivery's state. A value the catalogue has no word for is
// shown as stored, so that a new state shows up on the page instead of vanishing.
import { MESSAGES, type MessageKey } from '../messages/message-catalogue.ts';
import { say } from '../messages/say.ts';
import type { Lang } from './language.ts';

export type WordGroup =
  | 'task.state'
  | 'alert.state'
  | 'alert.msgType'
  | 'alert.status'
  | 'cap.severity'
  | 'cap.urgency'
  | 'cap.certainty'
  | 'fetch.outcome'
  | 'intake.outcome'
  | 'candidate.state'
  | 'delivery.state';

/** The word for `value` of `group` in the reader's language; '—' for no value. */
export function stateWord(group: WordGroup, value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${group}.${value}`;
  return key in MESSAGES ? say(key as MessageKey, lang) : value;
}

/** A CAP level triple as one phrase: "Berbahaya, Segera, Mungkin terjadi" (missing parts left out). */
export function capLevels(a: { severity?: string | null; urgency?: string | null; certainty?: string | null }, lang: Lang): string {
  const parts = [
    a.severity ? stateWord('cap.severity', a.severity, lang) : '',
    a.urgency ? stateWord('cap.urgency', a.urgency, lang) : '',
    a.certainty ? stateWord('cap.certainty', a.certainty, lang) : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : '—';
}
