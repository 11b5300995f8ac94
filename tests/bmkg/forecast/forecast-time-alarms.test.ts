// A village forecast whose model run lies ahead of Siaga's clock is an alarm (its advisories are
// still derived from the steps and the clock); within the clock allowance, or without an analysis
// time, it is not.
import { describe, expect, it } from 'vitest';
import { forecastTimeAlarms } from '../../../src/bmkg/forecast/forecast-time-alarms.ts';
import { parseForecastJson } from '../../../src/bmkg/forecast/parse-forecast-json.ts';
import { fixtureBytes } from '../quake/quake-fixtures.ts';

const forecast = parseForecastJson(fixtureBytes('prakiraan-cuaca-adm4-32.73.01.1001.json'));

describe('forecastTimeAlarms', () => {
  it('raises an alarm for a model run ahead of the clock, and none otherwise', () => {
    if (!forecast.ok) throw new Error('the fixture does not parse');
    const analysis = Date.parse(forecast.analysisTime ?? '');
    expect(Number.isFinite(analysis)).toBe(true);
    expect(forecastTimeAlarms(forecast, new Date(analysis + 3_600_000), 'forecast 32.73.01.1001')).toEqual([]);
    expect(forecastTimeAlarms(forecast, new Date(analysis - 4 * 60_000), 'forecast 32.73.01.1001')).toEqual([]);
    expect(forecastTimeAlarms({}, new Date(0), 'forecast x')).toEqual([]);
    expect(forecastTimeAlarms(forecast, new Date(analysis - 86_400_000), 'forecast 32.73.01.1001')).toEqual([
      {
        path: 'forecast 32.73.01.1001 analysis_date',
        kind: 'sent-in-future',
        message: expect.stringMatching(/model run 2026-09-24T00:00:00Z is ahead of Siaga's clock \(2026-09-23T00:00:00Z\)/),
      },
    ]);
  });
});
