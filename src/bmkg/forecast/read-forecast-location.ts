// The village a prakiraan-cuaca response is about. BMKG repeats the location twice: `lokasi` at the
// top (timezone as an IANA name) and `data[0].lokasi` (timezone as `+0700`, plus `type`). The top
// one is read first; the inner one fills gaps and is cross-checked, since a response for another
// village than the one in `lokasi` must not warn the wrong people.
import { parseAdminCode } from '../../registry/admin-code.ts';
import type { ForecastLocation, Issue } from './forecast-types.ts';
import { readIndonesianTimeZone } from './read-indonesian-time-zone.ts';

type Fields = Record<string, unknown>;

/** `top` is the response's `lokasi`, `inner` is `data[0].lokasi`; either may be missing. Without a village code, name and point there is no location. */
export function readForecastLocation(top: unknown, inner: unknown): { location?: ForecastLocation; issues: Issue[] } {
  const issues: Issue[] = [];
  const sources: [string, Fields][] = [];
  if (isFields(top)) sources.push(['lokasi', top]);
  if (isFields(inner)) sources.push(['data[0].lokasi', inner]);
  if (sources.length === 0)
    return {
      issues: [
        {
          path: 'lokasi',
          message: 'The response has no "lokasi" object, so it says nothing about which village it is for; it was not used.',
        },
      ],
    };

  const pick = (key: string): { path: string; value: unknown } | undefined => {
    for (const [where, fields] of sources) {
      const value = fields[key];
      if (value !== undefined && value !== null && value !== '') return { path: `${where}.${key}`, value };
    }
    return undefined;
  };

  const adm4Field = pick('adm4');
  const code = parseAdminCode(adm4Field?.value);
  if (!adm4Field || !code || code.level !== 'village') {
    const found = adm4Field ? `"${String(adm4Field.value)}" is not a village code (PP.KK.CC.DDDD)` : 'there is none';
    return {
      issues: [
        {
          path: adm4Field?.path ?? 'lokasi.adm4',
          message: `The forecast must name its village by adm4 code, but ${found}; it was not used.`,
        },
      ],
    };
  }
  const codes = sources.map(([where, f]) => [where, parseAdminCode(f.adm4)?.code] as const).filter(([, c]) => c !== undefined);
  const other = codes.find(([, c]) => c !== code.code);
  if (other) {
    return {
      issues: [
        {
          path: `${other[0]}.adm4`,
          message: `The response names two villages: ${code.code} and ${other[1]}. A forecast for the wrong village would warn the wrong people, so it was not used.`,
        },
      ],
    };
  }

  const village = text(pick('desa'));
  const lat = pick('lat')?.value;
  const lon = pick('lon')?.value;
  if (village === undefined)
    return { issues: [{ path: 'lokasi.desa', message: `The forecast for ${code.code} has no village name ("desa"); it was not used.` }] };
  if (typeof lat !== 'number' || typeof lon !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return {
      issues: [
        {
          path: 'lokasi.lat',
          message: `The forecast for ${code.code} has no usable point (lat ${String(lat)}, lon ${String(lon)}); it was not used.`,
        },
      ],
    };
  }

  const names: Record<'district' | 'regency' | 'province', string> = { district: '', regency: '', province: '' };
  for (const [name, key] of [
    ['district', 'kecamatan'],
    ['regency', 'kotkab'],
    ['province', 'provinsi'],
  ] as const) {
    const value = text(pick(key));
    if (value === undefined)
      issues.push({ path: `lokasi.${key}`, message: `The forecast for ${code.code} has no "${key}"; messages will not name the ${name}.` });
    names[name] = value ?? '';
  }

  const location: ForecastLocation = { adm4: code.code, village, ...names, lat, lon, timezone: '' };
  readZone(sources, location, issues);
  return { location, issues };
}

/** Sets timezone, offset and zone from the first readable `timezone`, checking the others agree. */
function readZone(sources: [string, Fields][], location: ForecastLocation, issues: Issue[]): void {
  const written = sources
    .map(([where, f]) => ({ path: `${where}.timezone`, raw: typeof f.timezone === 'string' ? f.timezone.trim() : '' }))
    .filter((z) => z.raw !== '');
  const read = written.map((z) => ({ ...z, zone: readIndonesianTimeZone(z.raw) }));
  const first = read.find((z) => z.zone !== undefined);
  location.timezone = first?.raw ?? written[0]?.raw ?? '';
  if (!first?.zone) {
    issues.push({
      path: 'lokasi.timezone',
      message: `The time zone "${location.timezone}" of ${location.adm4} could not be read; local times cannot be computed, and messages give times in UTC.`,
    });
    return;
  }
  location.utcOffsetMinutes = first.zone.utcOffsetMinutes;
  if (first.zone.zone) location.zone = first.zone.zone;
  for (const z of read) {
    if (z.zone && z.zone.utcOffsetMinutes !== first.zone.utcOffsetMinutes) {
      issues.push({
        path: z.path,
        message: `The response gives two time zones for ${location.adm4}: "${first.raw}" and "${z.raw}"; "${first.raw}" was used.`,
      });
    }
  }
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(field: { value: unknown } | undefined): string | undefined {
  return typeof field?.value === 'string' && field.value.trim() !== '' ? field.value.trim() : undefined;
}
