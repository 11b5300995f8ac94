// The weather-code tables per source (src/bmkg/forecast/weather-code-tables.ts): where the legacy
// and new products mean different weather by the same code, and where BMKG's text decides.
import { describe, expect, it } from 'vitest';
import { classifyWeather } from '../../../src/bmkg/forecast/classify-weather.ts';
import { parseForecastJson } from '../../../src/bmkg/forecast/parse-forecast-json.ts';
import { BANDUNG, BOGOR, fixtureBytes } from './forecast-fixtures.ts';

describe('classifyWeather, DigitalForecast (legacy, codes only)', () => {
  it.each([
    [0, 'clear', null],
    [1, 'cloudy', null],
    [2, 'cloudy', null],
    [3, 'cloudy', null],
    [4, 'cloudy', null],
    [5, 'haze', null],
    [10, 'haze', null],
    [45, 'fog', null],
    [60, 'light-rain', null],
    [61, 'rain', null],
    [63, 'heavy-rain', 'heavy-rain'],
    [80, 'rain', null],
    [95, 'thunderstorm', 'thunderstorm'],
    [97, 'severe-thunderstorm', 'thunderstorm'],
    [100, 'clear', null],
    [101, 'cloudy', null],
    [102, 'cloudy', null],
    [103, 'cloudy', null],
    [104, 'cloudy', null],
  ] as const)('code %i is %s (advisory %s)', (code, kind, advisory) => {
    expect(classifyWeather(code, 'digitalforecast')).toEqual({ kind, advisory, basis: 'code' });
  });
});

describe('classifyWeather, prakiraan-cuaca (JSON API)', () => {
  it('reads the codes the two products disagree on as the API serves them', () => {
    expect(classifyWeather(1, 'prakiraan-cuaca').kind).toBe('clear');
    expect(classifyWeather(61, 'prakiraan-cuaca').kind).toBe('light-rain');
    expect(classifyWeather(63, 'prakiraan-cuaca')).toEqual({ kind: 'rain', advisory: null, basis: 'code' });
    // …while the legacy meaning of 63 is heavy rain: the same number, a warning or none.
    expect(classifyWeather(63, 'digitalforecast').advisory).toBe('heavy-rain');
  });

  it("lets BMKG's Indonesian text decide, then the English", () => {
    expect(classifyWeather(63, 'prakiraan-cuaca', { id: 'Hujan Sedang', en: 'Moderate Rain' })).toEqual({
      kind: 'rain',
      advisory: null,
      basis: 'text',
    });
    expect(classifyWeather(95, 'prakiraan-cuaca', { id: '  hujan   PETIR ' })).toEqual({
      kind: 'thunderstorm',
      advisory: 'thunderstorm',
      basis: 'text',
    });
    expect(classifyWeather(97, 'prakiraan-cuaca', { en: 'Severe Thunderstorm' })).toEqual({
      kind: 'severe-thunderstorm',
      advisory: 'thunderstorm',
      basis: 'text',
    });
  });

  it('keeps the severe thunderstorm of code 97, which BMKG words like 95 ("Hujan Petir")', () => {
    expect(classifyWeather(97, 'prakiraan-cuaca', { id: 'Hujan Petir', en: 'Thunderstorm' })).toEqual({
      kind: 'severe-thunderstorm',
      advisory: 'thunderstorm',
      basis: 'text',
    });
    expect(classifyWeather(95, 'prakiraan-cuaca', { id: 'Hujan Petir', en: 'Severe Thunderstorm' })).toEqual({
      kind: 'thunderstorm',
      advisory: 'thunderstorm',
      basis: 'text',
    });
  });

  it('says so when text and code disagree, and follows the text', () => {
    expect(classifyWeather(63, 'prakiraan-cuaca', { id: 'Hujan Lebat', en: 'Heavy Rain' })).toEqual({
      kind: 'heavy-rain',
      advisory: 'heavy-rain',
      basis: 'text',
      issue:
        'Weather code 63 means Hujan Sedang / Moderate Rain (seen; the legacy list says Hujan Lebat) in Siaga\'s prakiraan-cuaca table, but BMKG\'s text says "Hujan Lebat"; the text was used (heavy-rain).',
    });
  });

  it('uses a known text for an unknown code', () => {
    expect(classifyWeather(65, 'prakiraan-cuaca', { id: 'Hujan Lebat' })).toMatchObject({
      kind: 'heavy-rain',
      advisory: 'heavy-rain',
      basis: 'text',
      issue: expect.stringMatching(/^Weather code 65 is not in Siaga's prakiraan-cuaca table/),
    });
  });

  it('falls back to the code when the text is unknown', () => {
    expect(classifyWeather(95, 'prakiraan-cuaca', { id: 'Badai' })).toEqual({
      kind: 'thunderstorm',
      advisory: 'thunderstorm',
      basis: 'code',
      issue: 'BMKG\'s weather text "Badai" is not one Siaga knows; weather code 95 (Hujan Petir / Thunderstorm (published)) was used.',
    });
  });

  it('makes an unknown code unknown, with an issue and no advisory, for any number', () => {
    for (const code of [42, -1, 2.5, Number.NaN]) {
      const c = classifyWeather(code, 'prakiraan-cuaca');
      expect(c).toMatchObject({ kind: 'unknown', advisory: null, basis: 'none' });
      expect(c.issue).toMatch(/is not a known prakiraan-cuaca code; the step is treated as unknown weather and raises no advisory\.$/);
    }
    expect(classifyWeather(61, 'digitalforecast', { id: '' })).toEqual({ kind: 'rain', advisory: null, basis: 'code' });
  });

  it('knows every code and text the two JSON fixtures use, and they agree', () => {
    const pairs = new Map<string, ReturnType<typeof classifyWeather>>();
    for (const file of [BANDUNG, BOGOR]) {
      const r = parseForecastJson(fixtureBytes(file));
      if (!r.ok) throw new Error('fixture did not parse');
      for (const s of r.steps)
        pairs.set(
          `${s.weatherCode} ${s.weatherText} / ${s.weatherTextEn}`,
          classifyWeather(s.weatherCode, 'prakiraan-cuaca', { id: s.weatherText, en: s.weatherTextEn }),
        );
    }
    expect(Object.fromEntries([...pairs].map(([k, c]) => [k, c.issue ?? `${c.kind} by ${c.basis}`]))).toEqual({
      '0 Cerah / Sunny': 'clear by text',
      '1 Cerah / Sunny': 'clear by text',
      '2 Cerah Berawan / Partly Cloudy': 'cloudy by text',
      '3 Berawan / Mostly Cloudy': 'cloudy by text',
      '61 Hujan Ringan / Light Rain': 'light-rain by text',
      '63 Hujan Sedang / Moderate Rain': 'rain by text',
    });
  });
});
