// A village forecast from BMKG's prakiraan-cuaca API. The response nests steps per local day:
// `data[0].cuaca` is an array of days, each an array of 3-hourly steps (the first day is short:
// the run starts at its analysis time, 00 UTC, or later in the day). Steps are flattened into one
// time-ordered list. Nothing here throws on bad input: a body that cannot be used says why.
import { parseAdminCode } from '../../registry/admin-code.ts';
import { classifyWeather } from './classify-weather.ts';
import { decodeJsonInput } from './decode-json-input.ts';
import type { ForecastStep, Issue, VillageForecast } from './forecast-types.ts';
import { isoUtcSeconds } from '../../time/iso-utc.ts';
import { parseForecastError, type ForecastApiError } from './parse-forecast-error.ts';
import { readForecastLocation } from './read-forecast-location.ts';
import { readForecastStep } from './read-forecast-step.ts';
import { readWallClockAsUtc } from '../../time/read-wall-clock-as-utc.ts';

export type ForecastJsonResult =
  ({ ok: true; issues: Issue[] } & VillageForecast) | { ok: false; issues: Issue[]; apiError?: ForecastApiError };

/** The API's step length. The last step, and a step before a gap, last this long. */
const STEP_MS = 3 * 3_600_000;

/**
 * Reads a prakiraan-cuaca response body. `adm4`, when given, is the village code that was asked
 * for: a response about another village is refused. `maxBytes` caps the body (default 5 MiB).
 */
export function parseForecastJson(input: string | Uint8Array, options: { maxBytes?: number; adm4?: string } = {}): ForecastJsonResult {
  const decoded = decodeJsonInput(input, options.maxBytes);
  if (!decoded.ok) return fail('document', decoded.message);
  const apiError = parseForecastError(decoded.value, { adm4: options.adm4 });
  if (apiError) return { ok: false, issues: [{ path: 'document', message: apiError.message }], apiError };
  const body = decoded.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('document', 'The body is JSON but not an object with "lokasi" and "data"; it is not a prakiraan-cuaca forecast.');
  const { lokasi, data } = body as Record<string, unknown>;
  if (!Array.isArray(data) || data.length === 0)
    return fail('data', 'The forecast has no "data" array (or it is empty), so it holds no steps.');
  const entry = data[0] as Record<string, unknown> | null;
  if (typeof entry !== 'object' || entry === null) return fail('data[0]', 'data[0] is not an object; no steps can be read.');

  const { location, issues } = readForecastLocation(lokasi, entry.lokasi);
  if (!location) return { ok: false, issues };
  if (options.adm4 !== undefined && parseAdminCode(options.adm4)?.code !== location.adm4) {
    return fail(
      'lokasi.adm4',
      `Village code ${options.adm4} was asked for, but BMKG answered with the forecast for ${location.adm4} (${location.village}); it was not used.`,
    );
  }
  if (data.length > 1)
    issues.push({
      path: 'data',
      message: `The response has ${data.length} entries in "data"; only the first, for ${location.adm4}, was read.`,
    });

  const raw = flattenSteps(entry.cuaca, issues);
  const read: { step: Omit<ForecastStep, 'validTo'>; startMs: number; path: string }[] = [];
  for (const { value, path } of raw) {
    const r = readForecastStep(value, path, location.utcOffsetMinutes);
    issues.push(...r.issues);
    if (r.ok) read.push({ step: r.step, startMs: r.startMs, path });
  }
  read.sort((a, b) => a.startMs - b.startMs);
  const unique = read.filter((r, i) => {
    const prev = read[i - 1];
    if (prev === undefined || prev.startMs !== r.startMs) return true;
    issues.push({ path: r.path, message: `A second step for ${r.step.validFrom} (the first is at ${prev.path}); the first was kept.` });
    return false;
  });
  if (unique.length === 0)
    return {
      ok: false,
      issues: [...issues, { path: 'data[0].cuaca', message: `The forecast for ${location.adm4} has no readable steps.` }],
    };

  const steps: ForecastStep[] = unique.map((r, i) => {
    const next = unique[i + 1]?.startMs ?? Infinity;
    const cls = classifyWeather(r.step.weatherCode, 'prakiraan-cuaca', { id: r.step.weatherText, en: r.step.weatherTextEn });
    if (cls.issue) issues.push({ path: `${r.path}.weather`, message: `${r.step.validFrom}: ${cls.issue}` });
    return { ...r.step, validTo: isoUtcSeconds(Math.min(next, r.startMs + STEP_MS)) };
  });

  const forecast: VillageForecast = { source: 'prakiraan-cuaca', location, steps };
  const analysis = readAnalysisTime(raw, issues);
  if (analysis !== undefined) forecast.analysisTime = analysis;
  return { ok: true, issues, ...forecast };
}

/** Steps with their paths, from `cuaca` as days of steps (BMKG's form) or as one flat list. */
function flattenSteps(cuaca: unknown, issues: Issue[]): { value: unknown; path: string }[] {
  if (!Array.isArray(cuaca)) {
    issues.push({ path: 'data[0].cuaca', message: 'data[0] has no "cuaca" array of forecast steps.' });
    return [];
  }
  return cuaca.flatMap((day: unknown, d) =>
    Array.isArray(day)
      ? day.map((value: unknown, s) => ({ value, path: `data[0].cuaca[${d}][${s}]` }))
      : [{ value: day, path: `data[0].cuaca[${d}]` }],
  );
}

/** `analysis_date` ("YYYY-MM-DDTHH:mm:ss", UTC by BMKG's documentation), the same in every step. */
function readAnalysisTime(raw: { value: unknown; path: string }[], issues: Issue[]): string | undefined {
  const seen = new Map<string, string>();
  for (const { value, path } of raw) {
    const written = (value as Record<string, unknown> | null)?.analysis_date;
    if (typeof written === 'string' && !seen.has(written)) seen.set(written, path);
  }
  const [first, ...others] = [...seen.keys()];
  if (first === undefined) return undefined;
  if (others.length > 0)
    issues.push({
      path: `${seen.get(others[0] ?? '')}.analysis_date`,
      message: `Steps come from different model runs (analysis_date ${[first, ...others].join(', ')}); the first, ${first}, is reported.`,
    });
  const ms = readWallClockAsUtc(first.replace(/Z$/, ''));
  if (ms === undefined) {
    issues.push({
      path: `${seen.get(first)}.analysis_date`,
      message: `analysis_date "${first}" is not a date-time; the analysis time is not reported.`,
    });
    return undefined;
  }
  return isoUtcSeconds(ms);
}

function fail(path: string, message: string): ForecastJsonResult {
  return { ok: false, issues: [{ path, message }] };
}
