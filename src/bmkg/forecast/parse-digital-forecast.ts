// BMKG's legacy DigitalForecast XML (data.bmkg.go.id/DataMKG/MEWS/DigitalForecast/, discontinued
// 2024), read for backfill of archived files: per area, the `weather` parameter's 6-hourly icon
// codes. It goes through the same safe XML front end as CAP (size cap, encoding, DTD refusal).
//
// Times: `datetime="YYYYMMDDHHmm"` is UTC. The files do not say so; the data does. In both fixtures
// every land area is warmest and driest at h=6, 30 and 54 (06 UTC = 13 WIB / 14 WITA) and coolest
// at h=18, 42 and 66 (01 WIB / 02 WITA); read as local time, the afternoon peak would fall at
// 06:00. `h` counts hours from 00 UTC of the `issue` date (h=0 is 00:00 of that date). The `issue`
// timestamp (07:38:18 in the Jakarta file, 02:45:29 in Gorontalo's) falls after h=0 on the same
// date when read as UTC, which fits, but on its own it cannot prove a zone; it is reported as UTC
// for consistency with the timeranges.
import type { Issue } from '../../cap/cap-types.ts';
import { readXmlDocument } from '../../cap/read-xml-document.ts';
import type { XmlElement } from '../../cap/read-xml-tree.ts';
import { classifyWeather } from './classify-weather.ts';
import { isoUtcSeconds } from '../../time/iso-utc.ts';

export interface DigitalForecastStep {
  /** ISO UTC. */
  validFrom: string;
  /** The next step's start, or validFrom plus the last spacing (6 h in BMKG's files), ISO UTC. */
  validTo: string;
  /** `h`: hours from 00 UTC of the issue date. */
  hour: number;
  /** Legacy icon code (weather-code-tables.ts, DIGITALFORECAST_CODES). */
  weatherCode: number;
}

export interface DigitalForecastArea {
  source: 'digitalforecast';
  /** BMKG's own area id (e.g. 501192), not a Kemendagri code. */
  id: string;
  /** `description`, e.g. "Jakarta Barat". */
  description: string;
  /** `<name xml:lang="id_ID">`, e.g. "Kota Jakarta Barat". */
  nameId?: string;
  nameEn?: string;
  /** WGS 84 degrees; null when the attribute cannot be read. */
  lat: number | null;
  lon: number | null;
  /** The area's `domain`: its province (or "Pelabuhan" for ports). */
  domain: string;
  /** `type`: "land", "sea", or empty in older files. */
  type: string;
  steps: DigitalForecastStep[];
}

export type DigitalForecastResult =
  | { ok: true; issuedAt?: string; productionCenter?: string; areas: DigitalForecastArea[]; issues: Issue[] }
  | { ok: false; issues: Issue[] };

const DEFAULT_SPACING_MS = 6 * 3_600_000;

/** Reads a DigitalForecast file (text or bytes; `maxBytes` defaults to the CAP limit, 5 MiB). */
export function parseDigitalForecast(input: string | Uint8Array, options: { maxBytes?: number } = {}): DigitalForecastResult {
  const doc = readXmlDocument(input, options.maxBytes);
  if (!doc.ok) return { ok: false, issues: [{ path: 'document', message: doc.message }] };
  const root = doc.root;
  if (root.local !== 'data' || root.ns !== '') {
    return {
      ok: false,
      issues: [{ path: 'document', message: `The root element is <${root.name}>, not <data>: this is not a BMKG DigitalForecast file.` }],
    };
  }
  const issues: Issue[] = [];
  const forecast = children(root, 'forecast')[0];
  if (forecast === undefined)
    return { ok: false, issues: [{ path: 'data/forecast', message: 'The file has no <forecast> element, so it holds no areas.' }] };

  const result: DigitalForecastResult = { ok: true, areas: [], issues };
  const center = attr(root, 'productioncenter');
  if (center) result.productionCenter = center;
  const stamp = children(forecast, 'issue')[0];
  const issued = stamp ? compactUtc(childText(stamp, 'timestamp'), 14) : undefined;
  if (issued !== undefined) result.issuedAt = isoUtcSeconds(issued);
  else
    issues.push({
      path: 'data/forecast/issue/timestamp',
      message: 'The issue timestamp is missing or not YYYYMMDDHHmmss; the issue time is not reported.',
    });

  children(forecast, 'area').forEach((area, i) => result.areas.push(readArea(area, `data/forecast/area[${i}]`, issues)));
  if (result.areas.length === 0) issues.push({ path: 'data/forecast/area', message: 'The file lists no areas.' });
  return result;
}

function readArea(area: XmlElement, path: string, issues: Issue[]): DigitalForecastArea {
  const names = children(area, 'name');
  const lang = (n: XmlElement) => n.attrs.find((a) => a.local === 'lang')?.value.toLowerCase() ?? '';
  const out: DigitalForecastArea = {
    source: 'digitalforecast',
    id: attr(area, 'id') ?? '',
    description: attr(area, 'description') ?? '',
    lat: coordinate(attr(area, 'latitude'), 90),
    lon: coordinate(attr(area, 'longitude'), 180),
    domain: attr(area, 'domain') ?? '',
    type: attr(area, 'type') ?? '',
    steps: [],
  };
  const nameId = names.find((n) => lang(n).startsWith('id'))?.text.trim();
  const nameEn = names.find((n) => lang(n).startsWith('en'))?.text.trim();
  if (nameId) out.nameId = nameId;
  if (nameEn) out.nameEn = nameEn;
  const label = `area ${out.id || '?'} (${out.description || 'no description'})`;
  if (out.lat === null || out.lon === null) issues.push({ path, message: `The ${label} has no readable latitude/longitude.` });

  const weather = children(area, 'parameter').find((p) => attr(p, 'id') === 'weather');
  if (weather === undefined) {
    issues.push({ path: `${path}/parameter`, message: `The ${label} has no weather parameter.` });
    return out;
  }
  const read: { ms: number; hour: number; code: number; path: string }[] = [];
  let base: number | undefined;
  children(weather, 'timerange').forEach((tr, j) => {
    const trPath = `${path}/parameter[@id='weather']/timerange[${j}]`;
    const ms = compactUtc(attr(tr, 'datetime'), 12);
    const hour = Number(attr(tr, 'h'));
    const value = children(tr, 'value').find((v) => attr(v, 'unit') === 'icon') ?? children(tr, 'value')[0];
    const code = value && /^\s*\d+\s*$/.test(value.text) ? Number(value.text) : undefined;
    if (ms === undefined || code === undefined || !Number.isInteger(hour)) {
      issues.push({
        path: trPath,
        message: `A weather timerange of the ${label} has no readable datetime, h or icon code (datetime "${attr(tr, 'datetime') ?? ''}", value "${value?.text.trim() ?? ''}"); it was skipped.`,
      });
      return;
    }
    // Every timerange is `h` hours after one base time; one that is not points at a broken file.
    const stepBase = ms - hour * 3_600_000;
    base ??= stepBase;
    if (stepBase !== base)
      issues.push({
        path: trPath,
        message: `datetime ${attr(tr, 'datetime')} is not h=${hour} hours after ${isoUtcSeconds(base)} like the other timeranges of the ${label}.`,
      });
    const cls = classifyWeather(code, 'digitalforecast');
    if (cls.issue) issues.push({ path: trPath, message: `${isoUtcSeconds(ms)}: ${cls.issue}` });
    read.push({ ms, hour, code, path: trPath });
  });
  read.sort((a, b) => a.ms - b.ms);
  out.steps = read.map((r, k) => {
    const next = read[k + 1]?.ms;
    const prev = read[k - 1]?.ms;
    const end = next ?? r.ms + (prev !== undefined ? r.ms - prev : DEFAULT_SPACING_MS);
    return { validFrom: isoUtcSeconds(r.ms), validTo: isoUtcSeconds(end), hour: r.hour, weatherCode: r.code };
  });
  return out;
}

/** `YYYYMMDDHHmm` (12 digits) or `YYYYMMDDHHmmss` (14) as a UTC instant; undefined unless a real date and time. */
function compactUtc(text: string | undefined, digits: 12 | 14): number | undefined {
  const t = text?.trim() ?? '';
  if (t.length !== digits || !/^\d+$/.test(t)) return undefined;
  const [y, mo, d, h, mi, s] = [t.slice(0, 4), t.slice(4, 6), t.slice(6, 8), t.slice(8, 10), t.slice(10, 12), t.slice(12, 14) || '0'].map(
    Number,
  ) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && mi < 60 && s < 60 ? ms : undefined;
}

function coordinate(text: string | undefined, limit: number): number | null {
  const n = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === '' && c.local === name);
}

function childText(el: XmlElement, name: string): string | undefined {
  return children(el, name)[0]?.text.trim();
}

function attr(el: XmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.ns === '' && a.local === name)?.value;
}
