// A field's text as a message shows it (rejects, warnings, CLI lines, CSV reports): in double
// quotes, cut at 60 characters, with control and invisible characters written as \u{…} so that a
// value can neither break a line nor reorder what the reader sees.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}"\\]/gu;
const SHOWN = 60;

export function quoteField(text: string): string {
  const chars = [...text];
  const cut = chars.length > SHOWN ? `${chars.slice(0, SHOWN).join('')}…` : text;
  return `"${cut.replace(UNSAFE, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`))}"`;
}
