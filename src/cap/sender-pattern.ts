// Which CAP <sender> values an intake token may speak for. A pattern is either one exact address
// (`sambro@bpbd.jatimprov.go.id`) or `*` followed by a literal suffix (`*@bpbd.jatimprov.go.id`,
// `*.jatimprov.go.id`): `*` stands for one or more characters, only at the start, so a pattern
// always names whose addresses it covers and never matches everyone. Both sides are compared after
// Unicode NFC and lower-casing: the same address typed with a composed or decomposed letter, or in
// another case, is the same sender.

/** The form patterns and senders are compared in. */
export function normalizeSender(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** The pattern as stored (normalised), or the reason it cannot be one. */
export function parseSenderPattern(text: string): { pattern: string } | { error: string } {
  const pattern = normalizeSender(text.trim());
  if (pattern.length === 0) return { error: 'the pattern is empty' };
  if (pattern.length > 255) return { error: 'the pattern is longer than 255 characters' };
  // CAP's sender may not hold whitespace, commas or markup characters; a control character is never an address.
  if (/[\s,<>&"'\p{Cc}\p{Cf}]/u.test(pattern))
    return { error: `"${text}" holds a space, comma, quote, <, >, & or control character, which no CAP sender can` };
  const stars = pattern.split('*').length - 1;
  if (stars === 0) return { pattern };
  const suffix = pattern.slice(1);
  if (stars > 1 || !pattern.startsWith('*')) return { error: `"${text}": a * may only stand at the start (e.g. *@bpbd.jatimprov.go.id)` };
  // A suffix that names a domain keeps a token from covering every sender (`*`, `*.id`, `*@*`).
  if (!/^[@.][^@]*\.[^.@]{2,}$/.test(suffix) || suffix.length < 5) {
    return { error: `"${text}": after * comes a domain, starting with @ or . (e.g. *@bpbd.jatimprov.go.id or *.jatimprov.go.id)` };
  }
  return { pattern };
}

/** Whether a CAP sender is covered by a stored (normalised) pattern. */
export function senderMatches(pattern: string, sender: string): boolean {
  const s = normalizeSender(sender);
  if (!pattern.startsWith('*')) return s === pattern;
  const suffix = pattern.slice(1);
  return s.length > suffix.length && s.endsWith(suffix);
}
