// What a BMKG weather code means, per product (the tables and the evidence are in
// weather-code-tables.ts). For the JSON API the description text decides when it is one Siaga
// knows: BMKG's own text is the meaning it shows the public, and its codes have already been seen
// to disagree with BMKG's published list (61, 63). Unknown input never throws: it is 'unknown',
// with an issue for the liaison, and never raises an advisory.
import type { AdvisoryKind, WeatherKind, WeatherSource } from './forecast-types.ts';
import { DIGITALFORECAST_CODES, PRAKIRAAN_CUACA_CODES, WEATHER_TEXTS } from './weather-code-tables.ts';

export interface WeatherClass {
  kind: WeatherKind;
  /** The hazard Siaga warns about, or null. */
  advisory: AdvisoryKind | null;
  /** What decided the kind: BMKG's description text, the code table, or nothing known. */
  basis: 'text' | 'code' | 'none';
  /** Why the result deserves a look: unknown code or text, or text and code that disagree. */
  issue?: string;
}

/**
 * Classifies one forecast step. `text.id` is `weather_desc` (Indonesian), `text.en` is
 * `weather_desc_en`; the Indonesian text is tried first, then the English, then the code.
 */
export function classifyWeather(code: number, source: WeatherSource, text: { id?: string; en?: string } = {}): WeatherClass {
  const table = source === 'prakiraan-cuaca' ? PRAKIRAAN_CUACA_CODES : DIGITALFORECAST_CODES;
  const byCode = Number.isInteger(code) ? table[code] : undefined;
  const texts = [text.id, text.en].filter((t): t is string => t !== undefined && t.trim() !== '');
  const known = texts.map((t) => ({ text: t, kind: WEATHER_TEXTS[normalise(t)] })).find((t) => t.kind !== undefined);

  if (known?.kind !== undefined) {
    // BMKG writes "Hujan Petir" for both 95 and 97: where text and code name the same hazard, the
    // code may still say it is the severe one.
    if (known.kind === 'thunderstorm' && byCode?.kind === 'severe-thunderstorm') return withAdvisory('severe-thunderstorm', 'text');
    const result = withAdvisory(known.kind, 'text');
    if (byCode !== undefined && byCode.kind !== known.kind) {
      result.issue = `Weather code ${code} means ${byCode.label} in Siaga's ${source} table, but BMKG's text says "${known.text}"; the text was used (${known.kind}).`;
    } else if (byCode === undefined) {
      result.issue = `Weather code ${code} is not in Siaga's ${source} table; BMKG's text "${known.text}" was used (${known.kind}).`;
    }
    return result;
  }
  if (byCode !== undefined) {
    const result = withAdvisory(byCode.kind, 'code');
    if (texts.length > 0)
      result.issue = `BMKG's weather text "${texts.join('" / "')}" is not one Siaga knows; weather code ${code} (${byCode.label}) was used.`;
    return result;
  }
  const what = texts.length > 0 ? ` and the text "${texts.join('" / "')}" is not one Siaga knows either` : '';
  return {
    ...withAdvisory('unknown', 'none'),
    issue: `Weather code ${code} is not a known ${source} code${what}; the step is treated as unknown weather and raises no advisory.`,
  };
}

function withAdvisory(kind: WeatherKind, basis: WeatherClass['basis']): WeatherClass {
  const advisory: AdvisoryKind | null =
    kind === 'heavy-rain' ? 'heavy-rain' : kind === 'thunderstorm' || kind === 'severe-thunderstorm' ? 'thunderstorm' : null;
  return { kind, advisory, basis };
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}
