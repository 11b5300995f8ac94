// Forecast advisories as CAP messages Siaga issues itself: every one must pass checkCap with no
// error, read back with the intended content, and target its village by code.
import { describe, expect, it } from 'vitest';
import { deriveForecastAdvisories } from '../../../src/bmkg/forecast/derive-forecast-advisories.ts';
import { forecastAdvisoryToCap } from '../../../src/bmkg/forecast/forecast-advisory-to-cap.ts';
import { formatLocalWindow } from '../../../src/bmkg/forecast/format-local-window.ts';
import type { ForecastAdvisory, ForecastLocation } from '../../../src/bmkg/forecast/forecast-types.ts';
import { parseForecastJson } from '../../../src/bmkg/forecast/parse-forecast-json.ts';
import { buildTargetSpec } from '../../../src/cap/build-target-spec.ts';
import { checkCap } from '../../../src/cap/check-cap.ts';
import { writeCap } from '../../../src/cap/write-cap.ts';
import { STORMY_BANDUNG } from './forecast-fixtures.ts';

const SENDER = 'peringatan@siaga.local';
const NOW = new Date('2026-09-24T07:00:00Z');

const parsed = parseForecastJson(STORMY_BANDUNG);
if (!parsed.ok) throw new Error('the stormy Bandung forecast did not parse');
const LOCATION = parsed.location;
const [STORM, RAIN, LATER_STORM] = deriveForecastAdvisories(parsed, { now: NOW, horizonHours: 24 }) as [
  ForecastAdvisory,
  ForecastAdvisory,
  ForecastAdvisory,
];

/** writeCap then checkCap; fails the test on any error. The only warnings allowed are the two Siaga's own messages always carry. */
function written(advisory: ForecastAdvisory, location: ForecastLocation, options: Parameters<typeof forecastAdvisoryToCap>[2]) {
  const xml = writeCap(forecastAdvisoryToCap(advisory, location, options));
  const check = checkCap(xml);
  expect(check.errors).toEqual([]);
  expect(check.valid).toBe(true);
  for (const w of check.warnings) expect(w.message).toMatch(/described by geocodes only/);
  if (!check.alert) throw new Error('no alert');
  return check.alert;
}

describe('forecastAdvisoryToCap', () => {
  it('writes the thunderstorm over Sukarasa as a valid two-language alert', () => {
    expect(STORM).toEqual({
      kind: 'thunderstorm',
      validFrom: '2026-09-24T13:00:00Z',
      validTo: '2026-09-24T19:00:00Z',
      steps: 2,
      worstCode: 97,
    });
    const alert = written(STORM, LOCATION, { sender: SENDER, now: NOW });
    expect(alert).toMatchObject({
      identifier: 'siaga-forecast-3273011001-thunderstorm-2026092413',
      sender: SENDER,
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      references: [],
    });
    expect(alert.sent.epochMs).toBe(NOW.getTime());
    expect(alert.source).toBe('BMKG prakiraan-cuaca adm4=32.73.01.1001');
    expect(alert.infos.map((i) => [i.language, i.event, i.categories, i.urgency, i.severity, i.certainty])).toEqual([
      ['id', 'Hujan Lebat disertai Petir', ['Met'], 'Expected', 'Moderate', 'Likely'],
      ['en', 'Thunderstorm', ['Met'], 'Expected', 'Moderate', 'Likely'],
    ]);
    for (const info of alert.infos) {
      expect([info.effective?.epochMs, info.onset?.epochMs, info.expires?.epochMs]).toEqual([
        Date.parse('2026-09-24T13:00:00Z'),
        Date.parse('2026-09-24T13:00:00Z'),
        Date.parse('2026-09-24T19:00:00Z'),
      ]);
      expect(info.areas.map((a) => ({ areaDesc: a.areaDesc, polygons: a.polygons, circles: a.circles, geocodes: a.geocodes }))).toEqual([
        { areaDesc: 'Sukarasa', polygons: [], circles: [], geocodes: [{ valueName: 'ADM4', value: '32.73.01.1001' }] },
      ]);
      expect(info.parameters).toEqual([
        { valueName: 'BMKG_WEATHER_CODE', value: '97' },
        { valueName: 'FORECAST_STEPS', value: '2' },
      ]);
    }
  });

  it('names the village and the window in local time (WIB), crossing midnight, in each language', () => {
    const [id, en] = written(STORM, LOCATION, { sender: SENDER, now: NOW }).infos;
    expect(id?.headline).toBe(
      'Prakiraan hujan lebat disertai petir di Sukarasa, Kota Bandung: 24 September 2026 pukul 20.00 sampai 25 September 2026 pukul 02.00 WIB',
    );
    expect(en?.headline).toBe('Thunderstorm forecast for Sukarasa, Kota Bandung: 24 September 2026, 20:00 to 25 September 2026, 02:00 WIB');
    expect(id?.description).toMatch(
      /^Prakiraan cuaca BMKG menunjukkan hujan lebat disertai petir di Sukarasa, Kecamatan Sukasari, Kota Bandung, Jawa Barat pada 24 September 2026 pukul 20\.00 sampai 25 September 2026 pukul 02\.00 WIB \(2 periode prakiraan\)\./,
    );
    expect(en?.description).toMatch(
      /^BMKG's weather forecast shows thunderstorms with heavy rain in Sukarasa, Sukasari district, Kota Bandung, Jawa Barat on 24 September 2026, 20:00 to 25 September 2026, 02:00 WIB \(2 forecast periods\)\./,
    );
    // BMKG's terms: credit BMKG as the source wherever its data is shown; and say it is not BMKG's own warning.
    expect(id?.description).toContain(
      'bukan peringatan dini resmi BMKG. Sumber data: BMKG (Badan Meteorologi, Klimatologi, dan Geofisika).',
    );
    expect(en?.description).toContain('it is not an official BMKG early warning. Data source: BMKG');
    expect(id?.instruction).toMatch(/^Saat ada petir, tetaplah di dalam bangunan/);
    expect(en?.instruction).toMatch(/^During lightning, stay indoors/);
  });

  it('writes heavy rain with its own event, identifier and texts', () => {
    const alert = written(RAIN, LOCATION, { sender: SENDER, now: NOW });
    expect(alert.identifier).toBe('siaga-forecast-3273011001-heavy-rain-2026092419');
    expect(alert.infos.map((i) => i.event)).toEqual(['Hujan Lebat', 'Heavy Rain']);
    expect(alert.infos[0]?.headline).toBe('Prakiraan hujan lebat di Sukarasa, Kota Bandung: 25 September 2026 pukul 02.00–08.00 WIB');
    expect(alert.infos[1]?.headline).toBe('Heavy Rain forecast for Sukarasa, Kota Bandung: 25 September 2026, 02:00–08:00 WIB');
    expect(alert.infos[0]?.instruction).toMatch(/^Jauhi bantaran sungai/);
  });

  it('is Immediate when the window opens within the hour, else Expected', () => {
    const urgency = (now: string) => written(STORM, LOCATION, { sender: SENDER, now: new Date(now) }).infos.map((i) => i.urgency);
    expect(urgency('2026-09-24T11:59:59Z')).toEqual(['Expected', 'Expected']);
    expect(urgency('2026-09-24T12:00:00Z')).toEqual(['Immediate', 'Immediate']);
    expect(urgency('2026-09-24T14:00:00Z')).toEqual(['Immediate', 'Immediate']);
  });

  it('re-issues a changed advisory as an Update with its own identifier, referencing the earlier one', () => {
    const first = forecastAdvisoryToCap(STORM, LOCATION, { sender: SENDER, now: NOW });
    const later = new Date('2026-09-24T10:00:05Z');
    const longer = { ...STORM, validTo: '2026-09-24T22:00:00Z', steps: 3 };
    const alert = written(longer, LOCATION, { sender: SENDER, now: later, previous: { identifier: first.identifier, sent: first.sent } });
    expect(alert.msgType).toBe('Update');
    expect(alert.identifier).toBe('siaga-forecast-3273011001-thunderstorm-2026092413-u20260924100005');
    expect(alert.references.map((r) => [r.sender, r.identifier, r.sent.epochMs])).toEqual([
      [SENDER, 'siaga-forecast-3273011001-thunderstorm-2026092413', NOW.getTime()],
    ]);
    expect(alert.infos[0]?.expires?.epochMs).toBe(Date.parse('2026-09-24T22:00:00Z'));
  });

  it('targets exactly the village, by its Kemendagri code', () => {
    const alert = written(LATER_STORM, LOCATION, { sender: SENDER, now: NOW });
    const { spec, warnings } = buildTargetSpec(alert.infos, 0);
    expect(warnings).toEqual([]);
    expect(spec.polygons).toEqual([]);
    expect(spec.circles).toEqual([]);
    expect(spec.geocodes.map((g) => [g.code, g.level])).toEqual([
      ['32.73.01.1001', 'village'],
      ['32.73.01.1001', 'village'],
    ]);
  });

  it('writes times in the village zone, WITA or WIT, and in UTC when the zone is unknown', () => {
    const headline = (location: ForecastLocation) => written(LATER_STORM, location, { sender: SENDER, now: NOW }).infos[0]?.headline;
    expect(headline({ ...LOCATION, timezone: 'Asia/Makassar', utcOffsetMinutes: 480, zone: 'WITA' })).toMatch(
      /25 September 2026 pukul 12\.00–18\.00 WITA$/,
    );
    expect(headline({ ...LOCATION, timezone: 'Asia/Jayapura', utcOffsetMinutes: 540, zone: 'WIT' })).toMatch(
      /25 September 2026 pukul 13\.00–19\.00 WIT$/,
    );
    const { utcOffsetMinutes: _o, zone: _z, ...unknown } = LOCATION;
    expect(headline({ ...unknown, timezone: '' })).toMatch(/25 September 2026 pukul 04\.00–10\.00 UTC$/);
  });

  it('escapes what BMKG writes in names', () => {
    const alert = written(STORM, { ...LOCATION, village: 'Sukarasa A&B "Lama" <2>' }, { sender: SENDER, now: NOW });
    expect(alert.infos[0]?.areas[0]?.areaDesc).toBe('Sukarasa A&B "Lama" <2>');
  });
});

describe('formatLocalWindow', () => {
  const wib = { utcOffsetMinutes: 420, zone: 'WIB' as const };

  it('writes one date for a window within a local day', () => {
    expect(formatLocalWindow('2026-09-24T07:00:00Z', '2026-09-24T13:00:00Z', wib, 'id')).toBe('24 September 2026 pukul 14.00–20.00 WIB');
    expect(formatLocalWindow('2026-09-24T07:00:00Z', '2026-09-24T13:00:00Z', wib, 'en')).toBe('24 September 2026, 14:00–20:00 WIB');
  });

  it('writes both dates when the window crosses local midnight, and an offset outside Indonesia', () => {
    expect(formatLocalWindow('2026-12-31T16:00:00Z', '2026-12-31T19:00:00Z', wib, 'id')).toBe(
      '31 Desember 2026 pukul 23.00 sampai 1 Januari 2027 pukul 02.00 WIB',
    );
    expect(formatLocalWindow('2026-05-01T00:00:00Z', '2026-05-01T03:00:00Z', { utcOffsetMinutes: -150 }, 'en')).toBe(
      '30 April 2026, 21:30 to 1 May 2026, 00:30 UTC-02:30',
    );
  });
});
