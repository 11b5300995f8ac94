// BMKG spells one field several ways across its feeds (`Coordinates` in JSON, `coordinates` inside
// `point` in XML, `Magnitude` / `magnitude`): fields are looked up without regard to case.

/** The trimmed text of the first of `names` present in `record` (case-insensitive), or undefined when absent or empty. */
export function readTextField(record: unknown, ...names: string[]): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const entries = Object.entries(record as Record<string, unknown>);
  for (const name of names) {
    const lower = name.toLowerCase();
    const hit = entries.find(([k]) => k.toLowerCase() === lower);
    if (hit === undefined) continue;
    const [, value] = hit;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}
