// One entry of a prakiraan-cuaca `cuaca` array. The API writes each step's time up to three ways:
// `datetime` (ISO with Z, only in newer responses), `utc_datetime` and `local_datetime` (both
// "YYYY-MM-DD HH:mm:ss" without a zone; BMKG documents the first as UTC). The first one present
// in that order is used and the others are cross-checked, so a response whose local times do not
// match its time zone is reported instead of silently shifting a warning by hours.
import type { ForecastStep, Issue } from './forecast-types.ts';
import { isoUtcSeconds } from '../../time/iso-utc.ts';
import { readWallClockAsUtc } from '../../time/read-wall-clock-as-utc.ts';

export type StepReading =
  { ok: true; step: Omit<ForecastStep, 'validTo'>; startMs: number; issues: Issue[] } | { ok: false; issues: Issue[] };

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Reads one step at `path` (e.g. `data[0].cuaca[1][2]`); `utcOffsetMinutes` is the village's zone, needed only for `local_datetime`. */
export function readForecastStep(raw: unknown, path: string, utcOffsetMinutes: number | undefined): StepReading {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, issues: [{ path, message: 'A forecast step is not an object; it was skipped.' }] };
  const f = raw as Record<string, unknown>;
  const issues: Issue[] = [];

  const times: { field: string; raw: string; ms: number }[] = [];
  const iso = str(f.datetime);
  if (iso !== undefined && ISO_WITH_ZONE.test(iso) && Number.isFinite(Date.parse(iso)))
    times.push({ field: 'datetime', raw: iso, ms: Date.parse(iso) });
  const utc = readWallClockAsUtc(str(f.utc_datetime));
  if (utc !== undefined) times.push({ field: 'utc_datetime', raw: String(f.utc_datetime), ms: utc });
  const local = readWallClockAsUtc(str(f.local_datetime));
  if (local !== undefined && utcOffsetMinutes !== undefined)
    times.push({ field: 'local_datetime', raw: String(f.local_datetime), ms: local - utcOffsetMinutes * 60_000 });
  const chosen = times[0];
  if (chosen === undefined) {
    const written = ['datetime', 'utc_datetime', 'local_datetime'].map((k) => `${k} ${JSON.stringify(f[k] ?? null)}`).join(', ');
    return { ok: false, issues: [{ path, message: `The step has no time that can be read as an instant (${written}); it was skipped.` }] };
  }
  for (const other of times.slice(1)) {
    if (other.ms !== chosen.ms) {
      const hours = (other.ms - chosen.ms) / 3_600_000;
      issues.push({
        path: `${path}.${other.field}`,
        message: `${other.field} "${other.raw}" is ${hours > 0 ? '+' : ''}${hours} h off ${chosen.field} "${chosen.raw}"${other.field === 'local_datetime' ? ' in the village time zone' : ''}; ${chosen.field} was used.`,
      });
    }
  }

  const code = typeof f.weather === 'string' && /^\d+$/.test(f.weather.trim()) ? Number(f.weather) : f.weather;
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    return {
      ok: false,
      issues: [
        ...issues,
        {
          path: `${path}.weather`,
          message: `The step at ${chosen.raw} has no integer weather code (${JSON.stringify(f.weather ?? null)}); it was skipped.`,
        },
      ],
    };
  }

  const step: Omit<ForecastStep, 'validTo'> = {
    validFrom: isoUtcSeconds(chosen.ms),
    weatherCode: code,
    tempC: measure(f, 't', path, issues),
    humidity: measure(f, 'hu', path, issues),
    windKph: measure(f, 'ws', path, issues),
    windDir: str(f.wd) ?? null,
  };
  const text = str(f.weather_desc);
  const textEn = str(f.weather_desc_en);
  if (text !== undefined) step.weatherText = text;
  if (textEn !== undefined) step.weatherTextEn = textEn;
  if (typeof f.tcc === 'number') step.cloudCoverPct = f.tcc;
  if (typeof f.tp === 'number') step.precipitationMm = f.tp;
  const vs = str(f.vs_text);
  if (vs !== undefined) step.visibilityText = vs;
  return { ok: true, step, startMs: chosen.ms, issues };
}

/** A required measurement: a number, else null with an issue. */
function measure(f: Record<string, unknown>, key: string, path: string, issues: Issue[]): number | null {
  const value = f[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  issues.push({ path: `${path}.${key}`, message: `"${key}" is ${JSON.stringify(value ?? null)}, not a number; it is left empty.` });
  return null;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
