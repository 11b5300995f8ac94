const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A zone-less "YYYY-MM-DD HH:mm[:ss]" (or with "T") read as UTC, in ms since the epoch; the
 * caller subtracts the zone's offset for a local time. Undefined unless it is a real date and time
 * (no 2026-02-30, no 24:00).
 */
export function wallClockMs(text: string | undefined): number | undefined {
  const m = text === undefined ? null : WALL_CLOCK.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const real = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi;
  return real && s < 60 ? ms : undefined;
}
