// The ways an SMS warning's longer parts are made shorter without changing what they say: whole
// sentences and whole clauses are dropped from the end, never words cut in the middle ("Jangan…"
// cut after one word would say the opposite), and a list of areas becomes its first name + "dll".

/** Whitespace (BMKG descriptions carry newlines and indents) folded to single spaces. */
export function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Sentences of `text`. A full stop ends a sentence only before a space and a capital or digit, so
 * times ("15.27"), numbers ("1,5") and "s.d." inside a sentence do not split it.
 */
export function sentences(text: string): string[] {
  return plainText(text)
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)
    .filter((s) => s !== '');
}

// BMKG nowcasts have no <instruction>: what to do is a sentence of the description ("Masyarakat
// dihimbau untuk tetap waspada, …" / "The public is strongly advised to …").
const ADVICE = /\b(di\s?himbau|di\s?imbau|himbauan|imbauan|advised|urged|encouraged)\b/i;

/** The description's sentence that tells residents what to do, when it has one. */
export function adviceSentence(description: string): string | undefined {
  return sentences(description).find((s) => ADVICE.test(s));
}

// The polite lead of an advice sentence carries nothing an SMS needs.
const ADVICE_LEADS = [
  /^(masyarakat|warga|penduduk)\s+(sangat\s+)?(di\s?himbau|di\s?imbau|diminta|diharapkan)\s+(untuk|agar|supaya)\s+/i,
  /^(the\s+)?(public|residents|people|community)\s+(is|are)\s+(strongly\s+)?(advised|urged|asked|encouraged)\s+to\s+/i,
];

/** "Masyarakat dihimbau untuk tetap waspada, …" → "Tetap waspada, …". */
export function withoutAdviceLead(sentence: string): string {
  const rest = ADVICE_LEADS.reduce((s, lead) => s.replace(lead, ''), plainText(sentence));
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function endWithStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Shorter and shorter forms of an instruction, longest first: fewer sentences, then the first
 * sentence's leading clauses ("Tetap waspada, kurangi aktivitas di luar ruangan, serta …" →
 * "Tetap waspada, kurangi aktivitas di luar ruangan." → "Tetap waspada.").
 */
export function instructionVersions(instruction: string): string[] {
  const all = sentences(instruction)
    .map(withoutAdviceLead)
    .filter((s) => s !== '');
  const versions: string[] = [];
  for (let n = all.length; n >= 1; n -= 1) versions.push(all.slice(0, n).join(' '));
  const first = all[0];
  if (first !== undefined) {
    const clauses = first.replace(/[.!?]$/, '').split(/[,;]\s+/);
    for (let n = clauses.length - 1; n >= 1; n -= 1) versions.push(endWithStop(clauses.slice(0, n).join(', ')));
  }
  return versions;
}

/** Whole leading sentences of `text`, longest first, down to the first sentence alone. */
export function sentenceVersions(text: string): string[] {
  const all = sentences(text);
  const versions: string[] = [];
  for (let n = all.length; n >= 1; n -= 1) versions.push(all.slice(0, n).join(' '));
  return versions;
}

/**
 * An area description made short: "Deli Serdang: Percut Sei Tuan, Batang Kuis" → "Deli Serdang";
 * "Percut Sei Tuan, Batang Kuis" → "Percut Sei Tuan dll"; several shapes ("A; B") → "A dll".
 */
export function shortArea(areaDesc: string, etc: string): string | undefined {
  const groups = plainText(areaDesc)
    .split(/\s*;\s*/)
    .filter((g) => g !== '');
  const first = groups[0];
  if (first === undefined) return undefined;
  const colon = first.indexOf(':');
  const region = colon > 0 ? first.slice(0, colon).trim() : undefined;
  const names = (colon > 0 ? first.slice(colon + 1) : first).split(/\s*,\s*/).filter((n) => n !== '');
  const short = region ?? names[0] ?? first;
  const more = groups.length > 1 || (region === undefined && names.length > 1);
  return more ? `${short} ${etc}` : short;
}
