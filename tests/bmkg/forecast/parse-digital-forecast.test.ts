// BMKG's legacy DigitalForecast XML (discontinued 2024): DKI Jakarta 2024 and Gorontalo 2017.
// Times are read as UTC (see parse-digital-forecast.ts for the evidence from the data itself).
import { describe, expect, it } from 'vitest';
import { deriveForecastAdvisories } from '../../../src/bmkg/forecast/derive-forecast-advisories.ts';
import { parseDigitalForecast, type DigitalForecastResult } from '../../../src/bmkg/forecast/parse-digital-forecast.ts';
import { fixtureBytes, fixtureText, GORONTALO_DF, JAKARTA_DF } from './forecast-fixtures.ts';

function ok(r: DigitalForecastResult) {
  if (!r.ok) throw new Error(`expected a forecast, got: ${r.issues.map((i) => i.message).join('; ')}`);
  return r;
}

describe('parseDigitalForecast: DKI Jakarta, 2024-04-04', () => {
  const r = ok(parseDigitalForecast(fixtureBytes(JAKARTA_DF)));

  it('reads the issue time and the six areas', () => {
    expect(r.issuedAt).toBe('2024-04-04T07:38:18Z');
    expect(r.productionCenter).toBe('NC Jakarta');
    expect(r.issues).toEqual([]);
    expect(r.areas.map((a) => `${a.id} ${a.description}`)).toEqual([
      '501192 Jakarta Barat',
      '501195 Jakarta Pusat',
      '501193 Jakarta Selatan',
      '501191 Jakarta Timur',
      '501196 Jakarta Utara',
      '501194 Kepulauan Seribu',
    ]);
  });

  it('reads each area with its names, point and 6-hourly weather codes in UTC', () => {
    const barat = r.areas[0];
    expect({ ...barat, steps: undefined }).toEqual({
      source: 'digitalforecast',
      id: '501192',
      description: 'Jakarta Barat',
      nameId: 'Kota Jakarta Barat',
      nameEn: 'Jakarta Barat',
      lat: -6.203019,
      lon: 106.731319,
      domain: 'DKI Jakarta',
      type: 'land',
      steps: undefined,
    });
    expect(barat?.steps.map((s) => s.weatherCode)).toEqual([1, 1, 60, 3, 1, 60, 3, 3, 3, 1, 1, 60]);
    expect(barat?.steps[0]).toEqual({ validFrom: '2024-04-04T00:00:00Z', validTo: '2024-04-04T06:00:00Z', hour: 0, weatherCode: 1 });
    expect(barat?.steps[11]).toEqual({ validFrom: '2024-04-06T18:00:00Z', validTo: '2024-04-07T00:00:00Z', hour: 66, weatherCode: 60 });
  });

  it('finds the 13:00 WIB thunderstorm (code 95 at 06 UTC) over South and East Jakarta', () => {
    const storms = r.areas.flatMap((a) => a.steps.filter((s) => s.weatherCode === 95).map((s) => `${a.description} ${s.validFrom}`));
    expect(storms).toEqual(['Jakarta Selatan 2024-04-04T06:00:00Z', 'Jakarta Timur 2024-04-04T06:00:00Z']);
    const selatan = r.areas.find((a) => a.id === '501193');
    if (!selatan) throw new Error('no Jakarta Selatan');
    expect(deriveForecastAdvisories(selatan, { now: new Date('2024-04-04T00:00:00Z'), horizonHours: 24 })).toEqual([
      { kind: 'thunderstorm', validFrom: '2024-04-04T06:00:00Z', validTo: '2024-04-04T12:00:00Z', steps: 1, worstCode: 95 },
    ]);
  });
});

describe('parseDigitalForecast: Gorontalo, 2017-10-03 (older vintage)', () => {
  const r = ok(parseDigitalForecast(fixtureText(GORONTALO_DF)));

  it('reads seven areas, every code known, the 100-series included', () => {
    expect(r.issuedAt).toBe('2017-10-03T02:45:29Z');
    expect(r.issues).toEqual([]);
    expect(r.areas).toHaveLength(7);
    const kota = r.areas[0];
    expect(kota).toMatchObject({
      id: '501197',
      description: 'Gorontalo',
      nameId: 'Kota Gorontalo',
      type: '',
      domain: 'Gorontalo',
      lat: 0.53175,
      lon: 123.08807,
    });
    expect(kota?.steps.map((s) => s.weatherCode)).toEqual([102, 61, 102, 102, 102, 60, 102, 102, 102, 80, 102, 102]);
  });

  it('reads the port area with its 14 steps, to h=78', () => {
    const port = r.areas.find((a) => a.id === '1200027');
    expect(port?.steps).toHaveLength(14);
    expect(port?.steps[13]).toEqual({ validFrom: '2017-10-06T06:00:00Z', validTo: '2017-10-06T12:00:00Z', hour: 78, weatherCode: 100 });
  });

  it('raises no advisory over the three days: rain, no heavy rain or thunderstorm', () => {
    for (const area of r.areas)
      expect(deriveForecastAdvisories(area, { now: new Date('2017-10-03T00:00:00Z'), horizonHours: 72 })).toEqual([]);
  });
});

describe('parseDigitalForecast: bad input', () => {
  it('refuses a DTD, another document, and broken XML with a reason', () => {
    const xml = fixtureText(JAKARTA_DF);
    const dtd = parseDigitalForecast(xml.replace('<data ', '<!DOCTYPE data [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<data '));
    expect(dtd.ok).toBe(false);
    expect(dtd.issues[0]?.message).toMatch(/document type declaration \(<!DOCTYPE\) at line 2/);
    expect(parseDigitalForecast('<rss version="2.0"/>').issues).toEqual([
      { path: 'document', message: 'The root element is <rss>, not <data>: this is not a BMKG DigitalForecast file.' },
    ]);
    expect(parseDigitalForecast(xml.slice(0, 3000)).ok).toBe(false);
  });

  it('skips an unreadable timerange and reports an unknown code and a datetime that disagrees with h', () => {
    const xml = fixtureText(JAKARTA_DF)
      .replace(
        '<timerange type="hourly" h="6" datetime="202404040600">\n\t\t\t\t\t<value unit="icon">1</value>',
        '<timerange type="hourly" h="6" datetime="2024040406">\n\t\t\t\t\t<value unit="icon">1</value>',
      )
      .replace(
        '<timerange type="hourly" h="12" datetime="202404041200">\n\t\t\t\t\t<value unit="icon">60</value>',
        '<timerange type="hourly" h="12" datetime="202404041300">\n\t\t\t\t\t<value unit="icon">42</value>',
      );
    const r = ok(parseDigitalForecast(xml));
    expect(r.areas[0]?.steps.map((s) => s.weatherCode)).toEqual([1, 42, 3, 1, 60, 3, 3, 3, 1, 1, 60]);
    expect(r.areas[0]?.steps[0]?.validTo).toBe('2024-04-04T13:00:00Z');
    const path = "data/forecast/area[0]/parameter[@id='weather']";
    expect(r.issues).toEqual([
      {
        path: `${path}/timerange[1]`,
        message:
          'A weather timerange of the area 501192 (Jakarta Barat) has no readable datetime, h or icon code (datetime "2024040406", value "1"); it was skipped.',
      },
      {
        path: `${path}/timerange[2]`,
        message:
          'datetime 202404041300 is not h=12 hours after 2024-04-04T00:00:00Z like the other timeranges of the area 501192 (Jakarta Barat).',
      },
      {
        path: `${path}/timerange[2]`,
        message:
          '2024-04-04T13:00:00Z: Weather code 42 is not a known digitalforecast code; the step is treated as unknown weather and raises no advisory.',
      },
    ]);
  });
});
