// BMKG's weather codes, per product. Kept as data so the classifier, its tests and the report to the
// liaison share one source. The two products use the same numbers for different weather:
//
// code | DigitalForecast (legacy XML, BMKG's published list) | prakiraan-cuaca (JSON API), as served
// -----|---------------------------------------------------|-------------------------------------------
//    1 | Cerah Berawan / Partly Cloudy                     | "Cerah" / "Sunny"          (both fixtures)
//   61 | Hujan Sedang / Rain                               | "Hujan Ringan" / "Light Rain"   (Bandung 2026, Bogor 2024)
//   63 | Hujan Lebat / Heavy Rain                          | "Hujan Sedang" / "Moderate Rain" (Bogor 2024)
//
// The API's texts agree with its own precipitation: the Bogor 63 step has tp 15.5 mm in 3 h
// (about 5 mm/h, BMKG's moderate class), its 61 steps 1.2-9.3 mm (light). So the legacy table
// would turn every "Hujan Sedang" of the new API into a heavy-rain warning. Codes the fixtures do
// not show are taken from BMKG's published (legacy) list and are unverified for the API; the
// API's `weather_desc` text therefore wins over its code (classify-weather.ts).
import type { WeatherKind } from './forecast-types.ts';

/** BMKG's published DigitalForecast icon codes; 100-104 are the 2017 vintage's form of 0-4. */
export const DIGITALFORECAST_CODES: Readonly<Record<number, { kind: WeatherKind; label: string }>> = {
  0: { kind: 'clear', label: 'Cerah / Clear Skies' },
  1: { kind: 'cloudy', label: 'Cerah Berawan / Partly Cloudy' },
  2: { kind: 'cloudy', label: 'Cerah Berawan / Partly Cloudy' },
  3: { kind: 'cloudy', label: 'Berawan / Mostly Cloudy' },
  4: { kind: 'cloudy', label: 'Berawan Tebal / Overcast' },
  5: { kind: 'haze', label: 'Udara Kabur / Haze' },
  10: { kind: 'haze', label: 'Asap / Smoke' },
  45: { kind: 'fog', label: 'Kabut / Fog' },
  60: { kind: 'light-rain', label: 'Hujan Ringan / Light Rain' },
  61: { kind: 'rain', label: 'Hujan Sedang / Rain' },
  63: { kind: 'heavy-rain', label: 'Hujan Lebat / Heavy Rain' },
  // "Hujan Lokal": showers somewhere in the area, intensity not stated.
  80: { kind: 'rain', label: 'Hujan Lokal / Isolated Shower' },
  // BMKG labels both "Hujan Petir / Severe Thunderstorm"; 97 is WMO's heavy thunderstorm.
  95: { kind: 'thunderstorm', label: 'Hujan Petir / Severe Thunderstorm' },
  97: { kind: 'severe-thunderstorm', label: 'Hujan Petir / Severe Thunderstorm' },
  // In the 2017 Gorontalo file 100-104 replace 0-4 at every hour, 14:00 WITA included, and 0-4
  // never appear: they are not reliable night codes, only the same sky.
  100: { kind: 'clear', label: 'Cerah / Clear Skies (100-series)' },
  101: { kind: 'cloudy', label: 'Cerah Berawan / Partly Cloudy (100-series)' },
  102: { kind: 'cloudy', label: 'Cerah Berawan / Partly Cloudy (100-series)' },
  103: { kind: 'cloudy', label: 'Berawan / Mostly Cloudy (100-series)' },
  104: { kind: 'cloudy', label: 'Berawan Tebal / Overcast (100-series)' },
};

/** prakiraan-cuaca codes: seen in the fixtures where marked, else BMKG's published list. Used only when the text is missing or unknown. */
export const PRAKIRAAN_CUACA_CODES: Readonly<Record<number, { kind: WeatherKind; label: string }>> = {
  0: { kind: 'clear', label: 'Cerah / Sunny (seen)' },
  1: { kind: 'clear', label: 'Cerah / Sunny (seen; the legacy list says Cerah Berawan)' },
  2: { kind: 'cloudy', label: 'Cerah Berawan / Partly Cloudy (seen)' },
  3: { kind: 'cloudy', label: 'Berawan / Mostly Cloudy (seen)' },
  4: { kind: 'cloudy', label: 'Berawan Tebal / Overcast (published)' },
  5: { kind: 'haze', label: 'Udara Kabur / Haze (published)' },
  10: { kind: 'haze', label: 'Asap / Smoke (published)' },
  45: { kind: 'fog', label: 'Kabut / Fog (published)' },
  60: { kind: 'light-rain', label: 'Hujan Ringan / Light Rain (published)' },
  61: { kind: 'light-rain', label: 'Hujan Ringan / Light Rain (seen; the legacy list says Hujan Sedang)' },
  63: { kind: 'rain', label: 'Hujan Sedang / Moderate Rain (seen; the legacy list says Hujan Lebat)' },
  80: { kind: 'rain', label: 'Hujan Lokal / Isolated Shower (published)' },
  95: { kind: 'thunderstorm', label: 'Hujan Petir / Thunderstorm (published)' },
  97: { kind: 'severe-thunderstorm', label: 'Hujan Petir / Severe Thunderstorm (published)' },
};

/**
 * Weather texts, lower-cased with single spaces: BMKG's Indonesian labels and the API's English
 * ones ("Sunny", "Partly Cloudy", "Mostly Cloudy", "Light Rain", "Moderate Rain" are seen in the
 * fixtures; the rest follow BMKG's published list).
 */
export const WEATHER_TEXTS: Readonly<Record<string, WeatherKind>> = {
  cerah: 'clear',
  'cerah berawan': 'cloudy',
  berawan: 'cloudy',
  'berawan tebal': 'cloudy',
  'udara kabur': 'haze',
  asap: 'haze',
  kabut: 'fog',
  'hujan ringan': 'light-rain',
  'hujan sedang': 'rain',
  'hujan lebat': 'heavy-rain',
  'hujan sangat lebat': 'heavy-rain',
  'hujan lokal': 'rain',
  'hujan petir': 'thunderstorm',
  petir: 'thunderstorm',
  'hujan disertai petir': 'thunderstorm',
  'hujan lebat disertai petir': 'thunderstorm',
  sunny: 'clear',
  clear: 'clear',
  'clear skies': 'clear',
  'partly cloudy': 'cloudy',
  'mostly cloudy': 'cloudy',
  cloudy: 'cloudy',
  overcast: 'cloudy',
  haze: 'haze',
  smoke: 'haze',
  fog: 'fog',
  'light rain': 'light-rain',
  'moderate rain': 'rain',
  rain: 'rain',
  'heavy rain': 'heavy-rain',
  'isolated shower': 'rain',
  'isolated showers': 'rain',
  thunderstorm: 'thunderstorm',
  'severe thunderstorm': 'severe-thunderstorm',
};
