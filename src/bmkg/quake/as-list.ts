/** A JSON/XML value that is one item or a list of them (BMKG writes `gempa` both ways) as a list; absent is empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
