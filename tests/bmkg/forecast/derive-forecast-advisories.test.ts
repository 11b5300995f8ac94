// Advisories from village forecasts: the real fixtures (no hazard in them, as BMKG words them) and
// the Bandung forecast with chosen steps turned into storms and heavy rain.
import { describe, expect, it } from 'vitest';
import { deriveForecastAdvisories } from '../../../src/bmkg/forecast/derive-forecast-advisories.ts';
import { parseForecastJson } from '../../../src/bmkg/forecast/parse-forecast-json.ts';
import type { VillageForecast } from '../../../src/bmkg/forecast/forecast-types.ts';
import { BANDUNG, bandungBody, bandungWith, BOGOR, fixtureBytes, STORMY_BANDUNG } from './forecast-fixtures.ts';

function forecast(input: string | Uint8Array): VillageForecast {
  const r = parseForecastJson(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r;
}

describe('deriveForecastAdvisories on the real forecasts', () => {
  it('finds nothing in Bandung (clear to light rain)', () => {
    expect(deriveForecastAdvisories(forecast(fixtureBytes(BANDUNG)), { now: new Date('2026-09-24T07:00:00Z'), horizonHours: 24 })).toEqual(
      [],
    );
  });

  it('finds nothing in Bogor: its code 63 says "Hujan Sedang", which the legacy table would have called heavy rain', () => {
    const bogor = forecast(fixtureBytes(BOGOR));
    const now = new Date('2024-12-16T00:00:00Z');
    expect(deriveForecastAdvisories(bogor, { now, horizonHours: 24 })).toEqual([]);
    const codesOnly = {
      source: 'digitalforecast' as const,
      steps: bogor.steps.map(({ validFrom, validTo, weatherCode }) => ({ validFrom, validTo, weatherCode })),
    };
    expect(deriveForecastAdvisories(codesOnly, { now, horizonHours: 24 })).toEqual([
      { kind: 'heavy-rain', validFrom: '2024-12-16T09:00:00Z', validTo: '2024-12-16T12:00:00Z', steps: 1, worstCode: 63 },
    ]);
  });
});

describe('deriveForecastAdvisories on a stormy Bandung', () => {
  const stormy = forecast(STORMY_BANDUNG);

  it('merges consecutive steps of one kind within the next 24 hours, worst code first', () => {
    expect(deriveForecastAdvisories(stormy, { now: new Date('2026-09-24T07:00:00Z'), horizonHours: 24 })).toEqual([
      { kind: 'thunderstorm', validFrom: '2026-09-24T13:00:00Z', validTo: '2026-09-24T19:00:00Z', steps: 2, worstCode: 97 },
      { kind: 'heavy-rain', validFrom: '2026-09-24T19:00:00Z', validTo: '2026-09-25T01:00:00Z', steps: 2, worstCode: 65 },
      // The horizon ends at 2026-09-25T07:00Z, inside this run: it is reported whole.
      { kind: 'thunderstorm', validFrom: '2026-09-25T04:00:00Z', validTo: '2026-09-25T10:00:00Z', steps: 2, worstCode: 95 },
    ]);
  });

  it('defaults to a 24-hour horizon and can look shorter', () => {
    const now = new Date('2026-09-24T07:00:00Z');
    expect(deriveForecastAdvisories(stormy, { now })).toEqual(deriveForecastAdvisories(stormy, { now, horizonHours: 24 }));
    expect(deriveForecastAdvisories(stormy, { now, horizonHours: 6 })).toEqual([]);
    expect(deriveForecastAdvisories(stormy, { now, horizonHours: 6.1 })).toHaveLength(1);
  });

  it('keeps a run that has begun whole, so its start (which names the CAP message) stays put, and drops runs that are over', () => {
    expect(deriveForecastAdvisories(stormy, { now: new Date('2026-09-24T17:30:00Z'), horizonHours: 24 })).toEqual([
      { kind: 'thunderstorm', validFrom: '2026-09-24T13:00:00Z', validTo: '2026-09-24T19:00:00Z', steps: 2, worstCode: 97 },
      { kind: 'heavy-rain', validFrom: '2026-09-24T19:00:00Z', validTo: '2026-09-25T01:00:00Z', steps: 2, worstCode: 65 },
      { kind: 'thunderstorm', validFrom: '2026-09-25T04:00:00Z', validTo: '2026-09-25T10:00:00Z', steps: 2, worstCode: 95 },
    ]);
    expect(deriveForecastAdvisories(stormy, { now: new Date('2026-09-24T19:00:00Z'), horizonHours: 3 })).toEqual([
      { kind: 'heavy-rain', validFrom: '2026-09-24T19:00:00Z', validTo: '2026-09-25T01:00:00Z', steps: 2, worstCode: 65 },
    ]);
  });

  it('does not merge across a missing step', () => {
    const body = bandungBody();
    const day = body.data[0]?.cuaca[0] ?? [];
    for (const step of day)
      if (step.datetime === '2026-09-24T10:00:00Z' || step.datetime === '2026-09-24T16:00:00Z')
        Object.assign(step, { weather: 95, weather_desc: 'Hujan Petir', weather_desc_en: 'Thunderstorm' });
    day.splice(2, 1); // the 13:00Z step between them
    expect(deriveForecastAdvisories(forecast(JSON.stringify(body)), { now: new Date('2026-09-24T07:00:00Z'), horizonHours: 24 })).toEqual([
      { kind: 'thunderstorm', validFrom: '2026-09-24T10:00:00Z', validTo: '2026-09-24T13:00:00Z', steps: 1, worstCode: 95 },
      { kind: 'thunderstorm', validFrom: '2026-09-24T16:00:00Z', validTo: '2026-09-24T19:00:00Z', steps: 1, worstCode: 95 },
    ]);
  });

  it('ignores unknown weather', () => {
    const odd = forecast(bandungWith({ '2026-09-24T13:00:00Z': [42, 'Badai Salju', 'Blizzard'] }));
    expect(deriveForecastAdvisories(odd, { now: new Date('2026-09-24T07:00:00Z'), horizonHours: 24 })).toEqual([]);
  });
});
