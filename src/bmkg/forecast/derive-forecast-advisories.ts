// From a forecast to the hazards worth a warning in the coming hours: steps whose weather raises an
// advisory (heavy rain, thunderstorm), merged into runs. Runs are built over the whole forecast
// and then kept when they overlap the window, whole: the start of a run names its CAP message
// (forecast-advisory-to-cap.ts), so a run must not start later, or end sooner, just because time
// passed or the window ends inside it; otherwise each fetch would issue "new" warnings for one storm.
import { classifyWeather } from './classify-weather.ts';
import type { AdvisoryInput, ForecastAdvisory, WeatherKind } from './forecast-types.ts';

const RANK: Partial<Record<WeatherKind, number>> = { 'heavy-rain': 1, thunderstorm: 1, 'severe-thunderstorm': 2 };

type Run = ForecastAdvisory & { startMs: number; endMs: number; worstRank: number };

/**
 * Runs of consecutive steps with an advisory of the same kind that overlap [now, now +
 * horizonHours), each reported whole. Steps are consecutive when one ends exactly where the next
 * begins; a gap or a step without that advisory ends a run. Unknown weather never raises an
 * advisory. `horizonHours` defaults to 24.
 */
export function deriveForecastAdvisories(forecast: AdvisoryInput, options: { now: Date; horizonHours?: number }): ForecastAdvisory[] {
  const from = options.now.getTime();
  const until = from + (options.horizonHours ?? 24) * 3_600_000;
  const steps = forecast.steps
    .map((s) => ({ s, start: Date.parse(s.validFrom), end: Date.parse(s.validTo) }))
    .filter(({ start, end }) => Number.isFinite(start) && Number.isFinite(end))
    .sort((a, b) => a.start - b.start);

  const runs: Run[] = [];
  for (const { s, start, end } of steps) {
    const cls = classifyWeather(s.weatherCode, forecast.source, { id: s.weatherText, en: s.weatherTextEn });
    if (cls.advisory === null) continue;
    const rank = RANK[cls.kind] ?? 0;
    const last = runs[runs.length - 1];
    if (last && last.kind === cls.advisory && last.endMs === start) {
      last.validTo = s.validTo;
      last.endMs = end;
      last.steps += 1;
      if (rank > last.worstRank) {
        last.worstRank = rank;
        last.worstCode = s.weatherCode;
      }
    } else {
      runs.push({
        kind: cls.advisory,
        validFrom: s.validFrom,
        validTo: s.validTo,
        steps: 1,
        worstCode: s.weatherCode,
        startMs: start,
        endMs: end,
        worstRank: rank,
      });
    }
  }
  return runs
    .filter((r) => r.endMs > from && r.startMs < until)
    .map(({ kind, validFrom, validTo, steps: count, worstCode }) => ({ kind, validFrom, validTo, steps: count, worstCode }));
}
