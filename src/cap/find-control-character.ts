import { CONTROL_CHARACTER } from './cap-limits.ts';

/**
 * A plain-language reason to refuse a decoded document holding a control character (see
 * CONTROL_CHARACTER), naming the character, its line and column, and the element it is in; or
 * undefined when there is none. One regular-expression pass over the text.
 */
export function findControlCharacter(text: string): string | undefined {
  const found = CONTROL_CHARACTER.exec(text);
  if (!found) return undefined;
  const at = found.index;
  const code = text.charCodeAt(at);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  const element = enclosingElement(text, at);
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${code === 0 ? ' (NUL)' : code === 0x7f ? ' (DEL)' : ''}`;
  const where = element === undefined ? '' : element.startsWith('<') ? `, inside the markup ${element}` : `, in the text of <${element}>`;
  return `The document contains the control character ${name} at line ${line}, column ${at - lineStart + 1}${where}. Control characters (other than tab and line breaks) are not text a warning can carry, and cannot be stored, so the document was refused.`;
}

/** The element whose text holds `at` (the last start tag before it), or the tag being written when `at` is inside markup. */
function enclosingElement(text: string, at: number): string | undefined {
  const open = text.lastIndexOf('<', at);
  if (open === -1) return undefined;
  const close = text.lastIndexOf('>', at);
  const tag = /^<\/?([A-Za-z_][\w.:-]*)/.exec(text.slice(open, open + 200))?.[1];
  if (tag === undefined) return undefined;
  if (close < open) return `<${tag} …>`;
  return tag;
}
