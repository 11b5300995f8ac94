/**
 * Splits a CAP space-separated list (`addresses`, `incidents`): items containing spaces are wrapped
 * in double quotes, e.g. `Drought "Infectious Disease"`. `unbalanced` is true when a quote is left open.
 */
export function splitCapList(raw: string): { items: string[]; unbalanced: boolean } {
  const items: string[] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  for (let m = re.exec(raw); m !== null; m = re.exec(raw)) items.push(m[1] ?? m[2] ?? '');
  const quotes = raw.split('"').length - 1;
  return { items, unbalanced: quotes % 2 === 1 };
}
