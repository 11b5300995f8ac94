// The SMS a household receives for one alert, in its language:
//   "PERINGATAN BMKG: Hujan Lebat dan Petir di Gorontalo s.d. 16.27 WIB. Tetap waspada.
//    Balas AMAN/BANTU. Kode: K7Q-4MX https://siaga.id/alerts/48213"
// One GSM-7 segment (160 characters) costs a sixth of three UCS-2 parts and reaches old phones
// whole, so the text is made to fit one segment by giving up the least important parts, in this
// order (the first draft that fits wins):
//   1. the description (the whole of it, then sentence by sentence from the end);
//   1b. how to answer ("Balas AMAN/BANTU.": how a resident without internet says they are safe or
//      asks for help; worth more than the description, less than what to do);
//   2. the instruction shortened: fewer sentences, then fewer clauses of the first one;
//   3. the area shortened to its regency or first name + "dll" (instruction forms tried again);
//   4. the instruction dropped;
//   5. the end time dropped;
//   6. the area dropped.
// The kind prefix, the event, the verification code and the link are never dropped: the code is
// the resident's check against fake warnings and the link where the full text is. An all-clear
// carries only what ended and where (see drafts()).
// When even the shortest draft does not fit one segment (a long link, or characters GSM-7 lacks in
// the event), the text goes multipart with the fullest draft that fits three segments.
import { analyseSms, toGsm7Friendly } from './sms-encoding.ts';
import { adviceSentence, instructionVersions, plainText, sentenceVersions, sentences, shortArea } from './sms-text-shortening.ts';
import { agencyShortName, SMS_WORDS, type SmsWords } from './sms-words.ts';
import { formatLocalUntil } from './local-time.ts';
import type { WarningText } from '../warning-text.ts';

/** Segments a multipart warning may take at most (each segment is billed and may arrive late). */
export const MAX_SMS_SEGMENTS = 3;

interface Draft {
  area?: string | undefined;
  until?: string | undefined;
  instruction?: string | undefined;
  description?: string | undefined;
  /** Says how to answer by SMS. */
  reply?: boolean;
}

interface Fixed {
  words: SmsWords;
  prefix: string;
  event: string;
  code: string;
  link: string;
  allClear: boolean;
}

function compose(fixed: Fixed, draft: Draft, event = fixed.event): string {
  const { words } = fixed;
  const head = fixed.allClear
    ? words.allClear(event, draft.area)
    : `${fixed.prefix}: ${event}${draft.area ? ` ${words.in} ${draft.area}` : ''}${draft.until ? ` ${draft.until}` : ''}.`;
  const reply = draft.reply && !fixed.allClear ? words.reply : undefined;
  const text = [head, draft.instruction, draft.description, reply, `${words.code}: ${fixed.code}`, fixed.link].filter((p) => p).join(' ');
  return toGsm7Friendly(text);
}

/** The drafts in the documented order, fullest first. */
function* drafts(text: WarningText, words: SmsWords): Generator<Draft> {
  const area = plainText(text.areaDesc) || undefined;
  const areaShort = shortArea(text.areaDesc, words.etc);
  const until = text.expires ? formatLocalUntil(text.expires, text.onset, words, text.timeZone) : undefined;
  // An all-clear is often rendered from the ended warning itself, whose instruction ("segera
  // evakuasi") and description would contradict "SUDAH AMAN": it says only what ended, where.
  if (text.kind === 'all_clear') {
    yield { area };
    yield { area: areaShort };
    yield {};
    return;
  }
  // BMKG nowcasts have no instruction; their advice is a sentence of the description, which then
  // stands in for the instruction and is not repeated in the description.
  const advice = plainText(text.instruction) === '' ? adviceSentence(text.description) : undefined;
  const versions = instructionVersions(advice ?? text.instruction);
  const instructions = versions.length > 0 ? versions : [undefined];
  const description = sentences(text.description)
    .filter((s) => s !== advice)
    .join(' ');

  for (const d of sentenceVersions(description)) yield { area, until, instruction: instructions[0], description: d, reply: true };
  yield { area, until, instruction: instructions[0], reply: true };
  for (const i of instructions) yield { area, until, instruction: i };
  for (const i of instructions) yield { area: areaShort, until, instruction: i };
  yield { area: areaShort, until };
  yield { area: areaShort };
  yield {};
}

/** Drops words from the end of the event until the minimal text fits `maxSegments` (a pathological event). */
function withShortenedEvent(fixed: Fixed, maxSegments: number): string {
  const words = fixed.event.split(' ');
  for (let n = words.length - 1; n >= 1; n -= 1) {
    const candidate = compose(fixed, {}, `${words.slice(0, n).join(' ')}...`);
    if (analyseSms(candidate).segments <= maxSegments) return candidate;
  }
  return compose(fixed, {});
}

export function renderSms(text: WarningText): string {
  const words = SMS_WORDS[text.language];
  const fixed: Fixed = {
    words,
    prefix: words.prefix(text.kind, agencyShortName(text.senderName)),
    event: plainText(text.event).replace(/[.]+$/, ''),
    code: text.verificationCode,
    link: text.link.trim(),
    allClear: text.kind === 'all_clear',
  };
  const all = [...drafts(text, words)].map((d) => compose(fixed, d));
  const counted = all.map((t) => ({ text: t, segments: analyseSms(t).segments }));
  const single = counted.find((c) => c.segments === 1);
  if (single) return single.text;
  const multipart = counted.find((c) => c.segments <= MAX_SMS_SEGMENTS);
  if (multipart) return multipart.text;
  return withShortenedEvent(fixed, MAX_SMS_SEGMENTS);
}
