// BMKG's prakiraan-cuaca JSON: the two real responses (Bandung 2026, compact; Bogor 2024, CRLF
// pretty-printed with visibility and time_index), the 404 body for an unknown village, and broken
// or edited variants, which must give a clear issue and never throw.
import { describe, expect, it } from 'vitest';
import { parseForecastError } from '../../../src/bmkg/forecast/parse-forecast-error.ts';
import { parseForecastJson } from '../../../src/bmkg/forecast/parse-forecast-json.ts';
import { BANDUNG, bandungBody, bandungEachStep, bandungWith, BOGOR, fixtureBytes, fixtureText, NOT_FOUND } from './forecast-fixtures.ts';

function ok(input: string | Uint8Array, options?: { adm4?: string }) {
  const r = parseForecastJson(input, options);
  if (!r.ok) throw new Error(`expected a forecast, got: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r;
}

describe('parseForecastJson: Kelurahan Sukarasa, Kota Bandung (analysis 2026-09-24 00 UTC)', () => {
  const r = ok(fixtureBytes(BANDUNG), { adm4: '32.73.01.1001' });

  it('reads the location, with the time zone from the IANA name', () => {
    expect(r.source).toBe('prakiraan-cuaca');
    expect(r.location).toEqual({
      adm4: '32.73.01.1001',
      village: 'Sukarasa',
      district: 'Sukasari',
      regency: 'Kota Bandung',
      province: 'Jawa Barat',
      lat: -6.8742274703,
      lon: 107.5853961716,
      timezone: 'Asia/Jakarta',
      utcOffsetMinutes: 420,
      zone: 'WIB',
    });
    expect(r.analysisTime).toBe('2026-09-24T00:00:00Z');
    expect(r.issues).toEqual([]);
  });

  it('flattens the three days into 20 three-hourly steps from 07 UTC', () => {
    expect(r.steps).toHaveLength(20);
    expect(r.steps.map((s) => s.weatherCode)).toEqual([2, 1, 2, 0, 0, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 2, 61, 61, 1, 1]);
    expect(r.steps[0]).toEqual({
      validFrom: '2026-09-24T07:00:00Z',
      validTo: '2026-09-24T10:00:00Z',
      weatherCode: 2,
      weatherText: 'Cerah Berawan',
      weatherTextEn: 'Partly Cloudy',
      tempC: 28,
      humidity: 52,
      windKph: 1.4,
      windDir: 'NW',
      cloudCoverPct: 64,
      precipitationMm: 0,
    });
    // The first step of the second day (BMKG's days are local: 02:00 WIB on the 25th).
    expect(r.steps[4]?.validFrom).toBe('2026-09-24T19:00:00Z');
    expect(r.steps[16]).toMatchObject({
      validFrom: '2026-09-26T07:00:00Z',
      weatherCode: 61,
      weatherText: 'Hujan Ringan',
      precipitationMm: 2.2,
    });
    expect(r.steps[19]).toMatchObject({ validFrom: '2026-09-26T16:00:00Z', validTo: '2026-09-26T19:00:00Z' });
  });

  it('chains the steps: each ends where the next begins', () => {
    r.steps.slice(1).forEach((s, i) => expect(r.steps[i]?.validTo).toBe(s.validFrom));
  });

  it('leaves out visibility when BMKG sends null', () => {
    expect(r.steps.some((s) => 'visibilityText' in s)).toBe(false);
  });
});

describe('parseForecastJson: Desa Ciangsana, Bogor (2024, CRLF pretty-printed)', () => {
  const r = ok(fixtureText(BOGOR));

  it('reads 22 steps from the 00 UTC analysis step on, with visibility text and precipitation', () => {
    expect(r.location).toMatchObject({
      adm4: '32.01.02.2003',
      village: 'Ciangsana',
      district: 'Gunung Putri',
      regency: 'Bogor',
      zone: 'WIB',
    });
    expect(r.analysisTime).toBe('2024-12-14T00:00:00Z');
    expect(r.issues).toEqual([]);
    expect(r.steps).toHaveLength(22);
    expect(r.steps.map((s) => s.weatherCode)).toEqual([61, 3, 61, 61, 3, 3, 3, 61, 61, 61, 61, 61, 3, 3, 3, 3, 3, 61, 61, 63, 61, 61]);
    expect(r.steps[0]).toMatchObject({
      validFrom: '2024-12-14T00:00:00Z',
      validTo: '2024-12-14T03:00:00Z',
      weatherText: 'Hujan Ringan',
      precipitationMm: 7.5,
      visibilityText: '< 8 km',
      windKph: 15.2,
      windDir: 'SW',
    });
  });

  it('keeps the visibility text when the number is 0, and code 63 as BMKG words it (Hujan Sedang)', () => {
    expect(r.steps.find((s) => s.validFrom === '2024-12-16T03:00:00Z')).toMatchObject({ visibilityText: '< 100.0 m' });
    expect(r.steps.find((s) => s.weatherCode === 63)).toMatchObject({
      validFrom: '2024-12-16T09:00:00Z',
      weatherText: 'Hujan Sedang',
      weatherTextEn: 'Moderate Rain',
      precipitationMm: 15.5,
    });
  });
});

describe('parseForecastJson: step times', () => {
  const expected = ok(fixtureBytes(BANDUNG)).steps.map((s) => s.validFrom);

  it('uses utc_datetime when there is no datetime', () => {
    const r = ok(bandungEachStep((s) => delete s.datetime));
    expect(r.steps.map((s) => s.validFrom)).toEqual(expected);
    expect(r.issues).toEqual([]);
  });

  it('uses local_datetime and the village time zone when it is the only time', () => {
    const r = ok(bandungEachStep((s) => (delete s.datetime, delete s.utc_datetime)));
    expect(r.steps.map((s) => s.validFrom)).toEqual(expected);
  });

  it('reports a local time that does not match the zone, and keeps the UTC time', () => {
    const text = bandungEachStep((s) => {
      if (s.datetime === '2026-09-24T07:00:00Z') s.local_datetime = '2026-09-24 15:00:00';
    });
    const r = ok(text);
    expect(r.steps[0]?.validFrom).toBe('2026-09-24T07:00:00Z');
    expect(r.issues).toEqual([
      {
        path: 'data[0].cuaca[0][0].local_datetime',
        message:
          'local_datetime "2026-09-24 15:00:00" is +1 h off datetime "2026-09-24T07:00:00Z" in the village time zone; datetime was used.',
      },
    ]);
  });

  it('skips a step without any readable time, and sorts and de-duplicates the rest', () => {
    const body = bandungBody();
    const days = body.data[0]?.cuaca ?? [];
    const first = days[0]?.[0] ?? {};
    Object.assign(days[0]?.[1] ?? {}, { datetime: 'kemarin', utc_datetime: null, local_datetime: '2026-02-30 10:00:00' });
    days[2]?.push({ ...first });
    days.reverse();
    const r = ok(JSON.stringify(body));
    expect(r.steps).toHaveLength(19);
    expect(r.steps[0]?.validFrom).toBe('2026-09-24T07:00:00Z');
    // After the reversal the copy (now cuaca[0][8]) comes first in the document, so it is the one kept.
    expect(r.issues.map((i) => i.path)).toEqual(['data[0].cuaca[2][1]', 'data[0].cuaca[2][0]']);
    expect(r.issues[0]?.message).toBe(
      'The step has no time that can be read as an instant (datetime "kemarin", utc_datetime null, local_datetime "2026-02-30 10:00:00"); it was skipped.',
    );
    expect(r.issues[1]?.message).toBe('A second step for 2026-09-24T07:00:00Z (the first is at data[0].cuaca[0][8]); the first was kept.');
  });
});

describe('parseForecastJson: bad bodies give an issue, never an exception', () => {
  it.each([
    ['truncated JSON', fixtureText(BANDUNG).slice(0, 500), /^The body is not valid JSON \(.+\); it starts "\{"lokasi":/],
    ['an HTML error page', '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', /^The body is HTML or XML, not JSON/],
    ['an empty body', '  ', /^The body is empty/],
    ['a JSON array', '[1,2]', /^The body is JSON but not an object/],
    ['no data', '{"lokasi":{}}', /^The forecast has no "data" array/],
  ])('%s', (_what, body, message) => {
    const r = parseForecastJson(body);
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(message);
  });

  it('refuses bytes that are not UTF-8 and a body over the size cap', () => {
    expect(parseForecastJson(new Uint8Array([0x7b, 0xff, 0x7d])).issues[0]?.message).toBe(
      'The body is not valid UTF-8, which JSON requires; it was not read.',
    );
    expect(parseForecastJson(fixtureBytes(BANDUNG), { maxBytes: 1000 }).issues[0]?.message).toBe(
      'The body is 8671 bytes, larger than the 1000-byte limit; it was not read.',
    );
  });

  it('refuses a forecast without a village code, and one for another village than asked', () => {
    const body = bandungBody();
    delete body.lokasi.adm4;
    delete body.data[0]?.lokasi.adm4;
    expect(parseForecastJson(JSON.stringify(body)).issues).toEqual([
      { path: 'lokasi.adm4', message: 'The forecast must name its village by adm4 code, but there is none; it was not used.' },
    ]);
    expect(parseForecastJson(fixtureBytes(BANDUNG), { adm4: '3273011002' }).issues[0]?.message).toBe(
      'Village code 3273011002 was asked for, but BMKG answered with the forecast for 32.73.01.1001 (Sukarasa); it was not used.',
    );
    const mixed = bandungBody();
    if (mixed.data[0]) mixed.data[0].lokasi.adm4 = '32.73.01.1002';
    expect(parseForecastJson(JSON.stringify(mixed)).issues[0]?.message).toMatch(
      /^The response names two villages: 32\.73\.01\.1001 and 32\.73\.01\.1002/,
    );
  });

  it('keeps a step with an unknown weather code, reported, and skips one with none', () => {
    const body = bandungBody();
    const day = body.data[0]?.cuaca[0] ?? [];
    Object.assign(day[0] ?? {}, { weather: 42, weather_desc: 'Badai Salju', weather_desc_en: 'Blizzard' });
    Object.assign(day[1] ?? {}, { weather: null });
    const r = ok(JSON.stringify(body));
    expect(r.steps).toHaveLength(19);
    expect(r.steps[0]).toMatchObject({ weatherCode: 42, weatherText: 'Badai Salju' });
    expect(r.issues).toEqual([
      {
        path: 'data[0].cuaca[0][1].weather',
        message: 'The step at 2026-09-24T10:00:00Z has no integer weather code (null); it was skipped.',
      },
      {
        path: 'data[0].cuaca[0][0].weather',
        message:
          '2026-09-24T07:00:00Z: Weather code 42 is not a known prakiraan-cuaca code and the text "Badai Salju" / "Blizzard" is not one Siaga knows either; the step is treated as unknown weather and raises no advisory.',
      },
    ]);
  });
});

describe('the 404 body for an unknown village code', () => {
  it('is recognised by parseForecastError with the code that was asked for', () => {
    expect(parseForecastError(fixtureBytes(NOT_FOUND), { adm4: '32.99.99.9999' })).toEqual({
      status: 404,
      kind: 'unknown-village',
      message:
        'BMKG does not know village code 32.99.99.9999: its forecast API answered HTTP 404 "Not Found: Data not found". Check the code against Kemendagri\'s list (PP.KK.CC.DDDD); BMKG has no forecast for it.',
    });
    expect(parseForecastError(fixtureText(NOT_FOUND))?.message).toMatch(/^BMKG does not know the village code that was asked for:/);
  });

  it('makes parseForecastJson fail with that message', () => {
    const r = parseForecastJson(fixtureBytes(NOT_FOUND), { adm4: '32.99.99.9999' });
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.message).toMatch(/^BMKG does not know village code 32\.99\.99\.9999/);
    expect(!r.ok && r.apiError?.kind).toBe('unknown-village');
  });

  it('tells other error bodies apart and ignores what is not one', () => {
    expect(parseForecastError('{"statusCode":500,"error":"Internal Server Error"}', { adm4: '32.73.01.1001' })).toEqual({
      status: 500,
      kind: 'api-error',
      message: 'BMKG\'s forecast API answered HTTP 500 "Internal Server Error" for village code 32.73.01.1001; no forecast was read.',
    });
    expect(parseForecastError(fixtureBytes(BANDUNG))).toBeUndefined();
    expect(parseForecastError('not json')).toBeUndefined();
    expect(parseForecastError(bandungWith({}))).toBeUndefined();
  });
});
