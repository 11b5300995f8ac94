// The `vulnerable` field of a households CSV: who in the household needs help, person by person.
//
//   elderly+ill;infant     two people: one elderly and ill, one infant
//   elderly;elderly;infant three people (each entry without `+` is one person, as files always said)
//   2 lansia, 1 balita     three people: a count before (or after: `lansia x2`, `lansia: 2`) an entry
//   3                      three people whose needs were not given
//   (empty), -, 0, tidak ada   nobody
//
// People are separated by `;` or `,`; one person's conditions are joined by `+` or `&`. Kinds may be
// written in English or Indonesian (vulnerable-words.ts). Nothing here refuses a household: a word
// Siaga does not know still counts as a vulnerable person (with no kind), with a warning.
import { quoteField } from './quote-field.ts';
import { kindOfWord, normalizeConditionWord, saysNobody } from './vulnerable-words.ts';
import { MAX_MEMBERS, noKinds, type VulnerableKind, type VulnerablePeople } from './vulnerable-people.ts';

export interface VulnerableReading {
  value: VulnerablePeople;
  warnings: string[];
}

const PERSON_SEPARATOR = /[;,\r\n]/;
const CONDITION_SEPARATOR = /[+&]/;
const COUNT_BEFORE = /^(\d{1,6})\s*(?:[x×*]\s*)?([^\d].*)?$/i;
const COUNT_AFTER = /^([^\d].*?)\s*(?:[x×*:=]\s*|\(\s*)?(\d{1,6})\s*\)?$/i;

export function readVulnerableField(text: string): VulnerableReading {
  const warnings: string[] = [];
  const kinds = noKinds();
  let people = 0;
  if (text === '' || saysNobody(normalizeConditionWord(text))) return { value: { people, kinds }, warnings };
  const unknown: string[] = [];
  for (const raw of text.split(PERSON_SEPARATOR)) {
    const entry = raw.trim();
    if (saysNobody(normalizeConditionWord(entry))) continue;
    const { count, conditions } = splitCount(entry);
    if (count === 0) continue;
    const person = new Set<VulnerableKind>();
    for (const part of conditions.split(CONDITION_SEPARATOR)) {
      const word = normalizeConditionWord(part);
      if (word === '') continue;
      const kind = kindOfWord(word);
      if (kind) {
        person.add(kind);
        continue;
      }
      // "lansia sakit", "lansia/sakit": words that each name a kind, written without `+`. Read as one
      // person with all of them, which is how the phrase reads; the warning says how to write two.
      const tokens = word.split(/[\s/]+/).filter(Boolean);
      const tokenKinds = tokens.map(kindOfWord);
      if (tokens.length > 1 && tokenKinds.every((k) => k !== undefined)) {
        for (const k of tokenKinds) person.add(k as VulnerableKind);
        const joined = [...new Set(tokenKinds)].join('+');
        warnings.push(`${quoteField(part.trim())} read as one person who is ${joined} (write it so, or separate people with ";")`);
        continue;
      }
      unknown.push(part.trim());
    }
    people += count;
    for (const k of person) kinds[k] += count;
  }
  if (unknown.length > 0) {
    const words = [...new Set(unknown)].map((w) => quoteField(w)).join(', ');
    warnings.push(
      `condition ${words} is not a kind Siaga knows (elderly, disabled, infant, pregnant, ill or their Indonesian words): counted as a vulnerable person with no kind`,
    );
  }
  if (people > MAX_MEMBERS) {
    warnings.push(`${people} vulnerable people listed: counted as ${MAX_MEMBERS}, the most one household may hold`);
    const scale = MAX_MEMBERS / people;
    for (const k of Object.keys(kinds) as VulnerableKind[]) kinds[k] = Math.min(MAX_MEMBERS, Math.round(kinds[k] * scale));
    people = MAX_MEMBERS;
  }
  return { value: { people, kinds }, warnings };
}

/** `2 lansia` / `lansia x2` / `lansia: 2` → 2 people with `lansia`; `3` → 3 people with no condition given. */
function splitCount(entry: string): { count: number; conditions: string } {
  const before = COUNT_BEFORE.exec(entry);
  if (before) return { count: Number(before[1]), conditions: before[2] ?? '' };
  const after = COUNT_AFTER.exec(entry);
  if (after && (after[1] ?? '').split(CONDITION_SEPARATOR).every((p) => kindOfWord(normalizeConditionWord(p)) !== undefined))
    return { count: Number(after[2]), conditions: after[1] ?? '' };
  return { count: 1, conditions: entry };
}
