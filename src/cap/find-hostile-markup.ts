// CAP never needs a DTD. Any DOCTYPE or entity declaration is refused before an XML parser sees the
// text, so external entities (XXE: file:///etc/passwd, internal URLs) are never fetched and
// entity-expansion bombs ("billion laughs") are never expanded. A regular-expression search is a
// single pass in constant memory, whatever the document holds.

/** A plain-language reason to refuse the text, or undefined when it has no DTD markup. */
export function findHostileMarkup(text: string): string | undefined {
  const found = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  if (!found) return undefined;
  const line = countLines(text, found.index);
  const what = found[1]?.toUpperCase() === 'ENTITY' ? 'an entity declaration (<!ENTITY)' : 'a document type declaration (<!DOCTYPE)';
  return `The document contains ${what} at line ${line}. CAP messages never need one, and it can be used to read files from the server or exhaust its memory, so the document was refused unread.`;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
