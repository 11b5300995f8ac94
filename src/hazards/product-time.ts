// Which product time a run reads, and its URL. Rainfall products come in fixed steps (IMERG every
// 30 min, GSMaP hourly, daily accumulations) and appear some time after their nominal time; the
// run reads the newest step that should exist by now. Pure: times in UTC, as the products name them.

/** The newest product time at least `latencyMinutes` old, on the `timeStepMinutes` grid (from 00:00 UTC). */
export function productTimeFor(now: Date, product: { timeStepMinutes: number; latencyMinutes: number }): Date {
  const stepMs = product.timeStepMinutes * 60_000;
  const ready = now.getTime() - product.latencyMinutes * 60_000;
  return new Date(Math.floor(ready / stepMs) * stepMs);
}

/**
 * Fills the time placeholders of a URL template (UTC): {yyyy} {MM} {dd} {HH} {mm}, {doy} (day of
 * year, 001-366) and {mod} (minute of day, 0000-1439, as IMERG half-hourly file names use). Tile
 * placeholders ({z} {x} {y} {-y}) are left for the tile reader.
 */
export function expandTimeTemplate(template: string, time: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const startOfYear = Date.UTC(time.getUTCFullYear(), 0, 1);
  const values: Record<string, string> = {
    '{yyyy}': pad(time.getUTCFullYear(), 4),
    '{MM}': pad(time.getUTCMonth() + 1, 2),
    '{dd}': pad(time.getUTCDate(), 2),
    '{HH}': pad(time.getUTCHours(), 2),
    '{mm}': pad(time.getUTCMinutes(), 2),
    '{doy}': pad(Math.floor((time.getTime() - startOfYear) / 86_400_000) + 1, 3),
    '{mod}': pad(time.getUTCHours() * 60 + time.getUTCMinutes(), 4),
  };
  return template.replace(/\{(?:yyyy|MM|dd|HH|mm|doy|mod)\}/g, (token) => values[token] ?? token);
}
