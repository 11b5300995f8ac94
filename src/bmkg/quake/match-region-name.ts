// InaTEWS names the coast a tsunami warning covers by kabupaten/kota, in its own spelling:
// "JEMBER", "KOTA-BAU-BAU" (Kota Baubau), "GUNUNG-KIDUL" (Gunungkidul), "SELAYAR" (Kepulauan
// Selayar), and often a part of one: "BANYUWANGI BAGIAN SELATAN", "JEMBER PULAU NUSABARUNG",
// "BADUNG PANTAI-KUTA", "CIANJUR SINDANGBARANG". Kemendagri's list says "Kabupaten Jember",
// "Kota Bau Bau". Names are compared after folding case, accents, punctuation and spaces, and with
// the kind (Kabupaten/Kota) read apart, since "BIMA" and "KOTA-BIMA" are two different places.
// Tried in turn, the first tier with exactly one candidate wins:
//   1. the whole name;
//   2. "X BAGIAN <direction>" as "X <direction>" ("LUWU BAGIAN TIMUR" → Luwu Timur), then as X;
//   3. without a leading "PULAU" / "KEPULAUAN" ("PULAU ENDE" → Ende), on both sides;
//   4. the longest leading run of words that names a place ("JEMBER PULAU NUSABARUNG" → Jember).
// A part resolves to the whole kabupaten: the warning then reaches more villages than BMKG named,
// never fewer (Tagana sorts by coast). Two candidates in one tier (two provinces with the same
// name: pass only the bulletin province's candidates) give undefined, never a guess.
import { plainWords } from './plain-words.ts';

export interface RegionCandidate {
  /** Kemendagri code, e.g. `35.09`. */
  code: string;
  /** The name as the registry has it: "Kabupaten Jember", "Kota Bau Bau", "Kab. Bima", "JEMBER". */
  name: string;
}

type Kind = 'kota' | 'kabupaten' | undefined;

interface Folded {
  kind: Kind;
  words: string[];
}

const DIRECTIONS = new Set(['utara', 'selatan', 'timur', 'barat', 'tengah', 'barat daya', 'barat laut', 'tenggara', 'timur laut']);

/** The code of the one candidate `name` denotes, or undefined when none or several do. */
export function matchRegionName(name: string, candidates: readonly RegionCandidate[]): string | undefined {
  const wanted = fold(name);
  if (wanted.words.length === 0) return undefined;
  const folded = candidates.map((c) => ({ code: c.code, ...fold(c.name) }));
  for (const words of tiers(wanted.words)) {
    const key = words.join('');
    let hits = folded.filter((c) => c.words.join('') === key);
    if (hits.length === 0) hits = folded.filter((c) => withoutIslandWord(c.words).join('') === key);
    const chosen = byKind(hits, wanted.kind);
    if (chosen.length === 1) return chosen[0]?.code;
    if (chosen.length > 1) return undefined;
  }
  return undefined;
}

/** Lower case, no accents, words split on anything not a letter or digit, the kind word(s) taken off the front. */
function fold(text: string): Folded {
  const words = plainWords(text);
  let kind: Kind;
  const first = words[0];
  if (first === 'kota' || first === 'kotamadya' || first === 'kodya') {
    kind = 'kota';
    words.shift();
    if (words[0] === 'adm' || words[0] === 'administrasi') words.shift();
  } else if (first === 'kabupaten' || first === 'kab') {
    kind = 'kabupaten';
    words.shift();
    if (words[0] === 'adm' || words[0] === 'administrasi') words.shift();
  }
  return { kind, words };
}

/** The word lists to try, in order (see the file comment). */
function tiers(words: string[]): string[][] {
  const out: string[][] = [words];
  const bagian = words.indexOf('bagian');
  if (bagian > 0) {
    const head = words.slice(0, bagian);
    const direction = words.slice(bagian + 1).join(' ');
    if (DIRECTIONS.has(direction)) out.push([...head, ...words.slice(bagian + 1)]);
    out.push(head);
  }
  const bare = withoutIslandWord(words);
  if (bare.length !== words.length && bare.length > 0) out.push(bare);
  for (let n = words.length - 1; n >= 1; n--) out.push(words.slice(0, n));
  for (let n = bare.length - 1; n >= 1 && bare.length !== words.length; n--) out.push(bare.slice(0, n));
  return out;
}

function withoutIslandWord(words: string[]): string[] {
  return words[0] === 'pulau' || words[0] === 'kepulauan' ? words.slice(1) : words;
}

/**
 * A name with a kind keeps the candidates of that kind (or of none). A name without one means the
 * kabupaten when both exist (BMKG writes "BIMA" for the kabupaten, "KOTA-BIMA" for the city), and
 * whichever exists otherwise ("DENPASAR" is only a kota).
 */
function byKind<T extends { kind: Kind }>(hits: T[], kind: Kind): T[] {
  if (kind !== undefined) return hits.filter((h) => h.kind === kind || h.kind === undefined);
  const kabupaten = hits.filter((h) => h.kind !== 'kota');
  return kabupaten.length > 0 ? kabupaten : hits;
}
