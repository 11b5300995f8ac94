// The answer a resident's SMS reply gives, read the way people actually type on a phone: any
// case, with punctuation or emoji around it, letters held down ("amaaan"), common short forms
// ("tlg", "trima") and the English words of the English SMS:
//   safe       AMAN, SAFE, OK AMAN…
//   need_help  BANTU, TOLONG, SOS, HELP…
//   received   TERIMA, OK, OKE, RECEIVED…
// A word of five letters or more one typo away from a keyword (a letter missing, extra, wrong or
// two swapped: "BANUT", "TERIAM") counts too; shorter words do not ("AMAL" or "IMAN" are words of
// their own), and neither does SELAMAT ("selamat pagi" is a greeting). When a text names several answers, need_help wins, then safe: a door knock too many
// costs a visit, a missed call for help may cost a life. "TIDAK AMAN" (not safe) asks for help.
import type { AckResponse } from '../../db/acknowledgements.ts';

const WORDS: Record<AckResponse, readonly string[]> = {
  need_help: ['BANTU', 'BANTUAN', 'BNT', 'BNTU', 'TOLONG', 'TOLONGIN', 'TLG', 'TLONG', 'TULUNG', 'SOS', 'HELP', 'DARURAT', 'EMERGENCY'],
  safe: ['AMAN', 'AMN', 'AMANN', 'SAFE'],
  received: ['TERIMA', 'TRIMA', 'TRM', 'TRMA', 'DITERIMA', 'OK', 'OKE', 'OKAY', 'OKEY', 'SIP', 'RECEIVED', 'RECEIVE'],
};
const NEGATIONS = new Set(['TIDAK', 'TDK', 'GAK', 'GA', 'ENGGAK', 'NGGAK', 'BELUM', 'BLM', 'NOT', 'NO', 'BUKAN', 'KURANG']);
const ORDER: readonly AckResponse[] = ['need_help', 'safe', 'received'];
const FUZZY_MIN_LENGTH = 5;

const lookup = new Map<string, AckResponse>();
for (const response of ORDER) for (const word of WORDS[response]) lookup.set(collapse(word), response);

/** Held-down letters count once: "AMAAAN" and "TOLONGG" are AMAN and TOLONG. */
function collapse(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

/** Words of the text in capitals, accents and everything but letters and digits removed. */
export function replyWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '')
    .map(collapse);
}

/** Optimal string alignment distance, stopped early above 1 (only "one typo away" matters). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    if (diff.length <= 1) return true;
    const [i, j] = diff;
    return diff.length === 2 && j === (i ?? 0) + 1 && a[i ?? 0] === b[j ?? 0] && a[j ?? 0] === b[i ?? 0];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i += 1) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

function responseOfWord(word: string): AckResponse | undefined {
  const exact = lookup.get(word);
  if (exact || word.length < FUZZY_MIN_LENGTH) return exact;
  for (const [keyword, response] of lookup) if (keyword.length >= FUZZY_MIN_LENGTH && withinOneEdit(word, keyword)) return response;
  return undefined;
}

/** The answer the text gives, or undefined when it names none of the keywords. */
export function replyResponse(text: string): AckResponse | undefined {
  const words = replyWords(text);
  const found = new Set<AckResponse>();
  words.forEach((word, i) => {
    const response = responseOfWord(word);
    if (response === undefined) return;
    const negated = i > 0 && NEGATIONS.has(words[i - 1] ?? '');
    found.add(negated && response === 'safe' ? 'need_help' : response);
  });
  return ORDER.find((r) => found.has(r));
}
