/** The value under `name` in a JSON/XML-derived object, matched without regard to case; undefined when absent or not an object. */
export function readChild(record: unknown, name: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const lower = name.toLowerCase();
  return Object.entries(record as Record<string, unknown>).find(([k]) => k.toLowerCase() === lower)?.[1];
}
