// BMKG states tsunami potential as free text, typed by people under time pressure, in a handful of
// shapes that changed over the years:
//   "Tidak berpotensi tsunami" / "tidak berpotensi TSUNAMI"           no tsunami (M ≥ 5, gempaterkini)
//   "Gempa ini dirasakan untuk diteruskan pada masyarakat"            felt quake, below any tsunami concern
//   "Berpotensi tsunami"                                              potential (older autogempa)
//   "Potensi TSUNAMI untuk diteruskan pada masyarakat"                InaTEWS tsunami warning bulletins
//   "Peringatan Dini Tsunami … dinyatakan telah berakhir"             the warning has ended
// plus English renderings ("No tsunami potential") and typos. Words are matched after folding case,
// accents and punctuation, with one typo allowed per word (two in long words), and glued words
// ("tidakberpotensi") are split. The order of the rules is the safety argument: a negation is looked
// for only right before the tsunami words, and any other mention of a tsunami errs towards danger.
import type { TsunamiPotential } from './quake-types.ts';
import { plainWords } from './plain-words.ts';

type Concept = 'tsunami' | 'potential' | 'negation' | 'warning' | 'ended' | 'felt' | 'passOn';

const WORDS: Readonly<Record<string, Concept>> = {
  tsunami: 'tsunami',
  tsunamis: 'tsunami',
  tsunamigenic: 'tsunami',
  berpotensi: 'potential',
  potensi: 'potential',
  potensial: 'potential',
  berpotensial: 'potential',
  potential: 'potential',
  potentially: 'potential',
  tidak: 'negation',
  tdk: 'negation',
  tak: 'negation',
  bukan: 'negation',
  gak: 'negation',
  nggak: 'negation',
  enggak: 'negation',
  no: 'negation',
  not: 'negation',
  non: 'negation',
  without: 'negation',
  none: 'negation',
  nil: 'negation',
  never: 'negation',
  doesn: 'negation',
  isn: 'negation',
  wasn: 'negation',
  peringatan: 'warning',
  warning: 'warning',
  awas: 'warning',
  siaga: 'warning',
  waspada: 'warning',
  alert: 'warning',
  berakhir: 'ended',
  dicabut: 'ended',
  selesai: 'ended',
  ended: 'ended',
  lifted: 'ended',
  cancelled: 'ended',
  canceled: 'ended',
  dirasakan: 'felt',
  terasa: 'felt',
  felt: 'felt',
  diteruskan: 'passOn',
};

/** How many words before a tsunami word a negation still governs it ("not expected to generate a tsunami"). */
const NEGATION_REACH = 5;

/**
 * The tsunami class of BMKG's `Potensi` text: 'none' (no potential, a felt-only quake, or a warning
 * that has ended), 'warning' (a warning is in force), 'potential' (a potential is stated, or a
 * tsunami is mentioned without negation), 'unknown' (no text, or nothing recognisable).
 */
export function classifyTsunamiPotential(text: string | undefined): TsunamiPotential {
  const concepts = readConcepts(text ?? '');
  if (concepts.length === 0) return 'unknown';
  const has = (c: Concept) => concepts.includes(c);
  const mentionsTsunami = has('tsunami');

  if (has('ended') && (mentionsTsunami || has('warning'))) return 'none';
  const negated = concepts.some(
    (c, i) => (c === 'tsunami' || c === 'potential') && concepts.slice(Math.max(0, i - NEGATION_REACH), i).includes('negation'),
  );
  if (negated) return 'none';
  if (mentionsTsunami && (has('warning') || has('passOn'))) return 'warning';
  if (mentionsTsunami) return 'potential';
  if (has('felt')) return 'none';
  return 'unknown';
}

/** One concept per word of the text; words with no concept are kept as undefined gaps so distances stay true. */
function readConcepts(text: string): (Concept | undefined)[] {
  const words = plainWords(text);
  const out: (Concept | undefined)[] = [];
  for (const word of words) out.push(...conceptsOf(word));
  return out.some((c) => c !== undefined) ? out : [];
}

function conceptsOf(word: string): (Concept | undefined)[] {
  const single = lookUp(word);
  if (single !== undefined) return [single];
  // Glued words: "tidakberpotensi", "berpotensitsunami".
  for (let cut = 2; cut <= word.length - 2; cut++) {
    const a = lookUp(word.slice(0, cut));
    const b = lookUp(word.slice(cut));
    if (a !== undefined && b !== undefined) return [a, b];
  }
  return [undefined];
}

function lookUp(word: string): Concept | undefined {
  const exact = WORDS[word];
  if (exact !== undefined) return exact;
  if (word.startsWith('tsunami')) return 'tsunami';
  // Typos: short words must be exact (no, tak, awas would collide with ordinary words).
  if (word.length < 5) return undefined;
  const allowed = word.length >= 9 ? 2 : 1;
  for (const [known, concept] of Object.entries(WORDS)) {
    if (known.length >= 5 && Math.abs(known.length - word.length) <= allowed && typoDistance(word, known, allowed) <= allowed)
      return concept;
  }
  return undefined;
}

/** Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours), stopping once it exceeds `limit`. */
function typoDistance(a: string, b: string, limit: number): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? Infinity) + 1, (row[j - 1] ?? Infinity) + 1, (prev[j - 1] ?? Infinity) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? Infinity) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return best;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? Infinity;
}
