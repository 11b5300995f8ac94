// A village forecast's own times against Siaga's clock. BMKG's model run (`analysis_date`) cannot
// lie ahead of the clock: when it does, the run's date or zone is wrong, and so may be the steps'
// times, from which advisories are cut. The advisories are still derived from the steps as written
// and the clock (a forecast is never dropped for it; an advisory's message is sent now and expires
// at the end of its window, so it is never born expired), and the liaison is shown the alarm.
import { CLOCK_SKEW_MS, type TimeAlarm } from '../../cap/time-alarm.ts';
import { isoUtcSeconds } from '../../time/iso-utc.ts';

export function forecastTimeAlarms(forecast: { analysisTime?: string }, now: Date, at: string): TimeAlarm[] {
  const analysis = forecast.analysisTime === undefined ? NaN : Date.parse(forecast.analysisTime);
  if (!Number.isFinite(analysis) || analysis <= now.getTime() + CLOCK_SKEW_MS) return [];
  return [
    {
      path: `${at} analysis_date`,
      kind: 'sent-in-future',
      message: `BMKG's model run ${isoUtcSeconds(analysis)} is ahead of Siaga's clock (${isoUtcSeconds(now.getTime())}); the steps were read as written and advisories cut for the 24 h from the clock.`,
    },
  ];
}
