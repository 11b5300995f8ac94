// The forecast model Siaga works with after reading BMKG's village forecasts (the prakiraan-cuaca
// JSON API, 2024 on) and, for backfill, the legacy DigitalForecast XML (discontinued 2024). Times
// are ISO 8601 strings in UTC (`2026-09-24T07:00:00Z`): both sources are read into one clock.
import type { Issue } from '../../cap/cap-types.ts';
import type { IndonesianZone } from '../../time/indonesian-time-zone.ts';

export type { Issue };

/** Which BMKG product a weather code comes from: the two number their codes differently (see classify-weather.ts). */
export type WeatherSource = 'prakiraan-cuaca' | 'digitalforecast';

export type WeatherKind =
  'clear' | 'cloudy' | 'fog' | 'haze' | 'light-rain' | 'rain' | 'heavy-rain' | 'thunderstorm' | 'severe-thunderstorm' | 'unknown';

/** The hazards Siaga warns about from a forecast. Severe thunderstorms are thunderstorm advisories. */
export type AdvisoryKind = 'heavy-rain' | 'thunderstorm';

export interface ForecastLocation {
  /** Dotted Kemendagri village code, e.g. `32.73.01.1001`. */
  adm4: string;
  /** Desa / kelurahan name as BMKG spells it. */
  village: string;
  /** Kecamatan. */
  district: string;
  /** Kabupaten / kota (`kotkab`). */
  regency: string;
  province: string;
  /** WGS 84 degrees, BMKG's representative point of the village. */
  lat: number;
  lon: number;
  /** As BMKG wrote it: an IANA name (`Asia/Jakarta`) when given, else an offset (`+0700`). */
  timezone: string;
  /** Minutes east of UTC (420 for WIB); undefined when BMKG's timezone could not be read. */
  utcOffsetMinutes?: number;
  /** WIB, WITA or WIT when the offset is one of Indonesia's (+7, +8, +9 h). */
  zone?: IndonesianZone;
}

/** One 3-hour step of a village forecast. */
export interface ForecastStep {
  /** Start of the step, ISO UTC. */
  validFrom: string;
  /** Start of the next step, or validFrom + 3 h for the last one (and across gaps), ISO UTC. */
  validTo: string;
  /** BMKG's `weather` code; its meaning depends on the source (classify-weather.ts). */
  weatherCode: number;
  /** `weather_desc`, Indonesian, e.g. "Hujan Ringan". It wins over the code when classifying. */
  weatherText?: string;
  /** `weather_desc_en`, e.g. "Light Rain". */
  weatherTextEn?: string;
  /** `t`, air temperature in °C. */
  tempC: number | null;
  /** `hu`, relative humidity in %. */
  humidity: number | null;
  /** `ws`, wind speed in km/h (BMKG: "Kecepatan Angin dalam km/jam"). */
  windKph: number | null;
  /** `wd`, the compass point the wind blows from (N, NE, …). */
  windDir: string | null;
  /** `tcc`, total cloud cover in %. */
  cloudCoverPct?: number;
  /** `tp`, precipitation in mm over the step. */
  precipitationMm?: number;
  /** `vs_text`, e.g. "< 8 km". The numeric `vs` is not kept: BMKG sends `vs: 0` with "< 100.0 m". */
  visibilityText?: string;
}

/** A village forecast from `api.bmkg.go.id/publik/prakiraan-cuaca?adm4=…`. */
export interface VillageForecast {
  source: 'prakiraan-cuaca';
  location: ForecastLocation;
  /** In time order, no two with the same validFrom. */
  steps: ForecastStep[];
  /** `analysis_date`: the model run the forecast comes from, ISO UTC. */
  analysisTime?: string;
}

/** What deriveForecastAdvisories needs of a forecast: a village forecast or a DigitalForecast area. */
export interface AdvisoryInput {
  source: WeatherSource;
  steps: readonly { validFrom: string; validTo: string; weatherCode: number; weatherText?: string; weatherTextEn?: string }[];
}

/** A run of consecutive forecast steps with the same hazard. */
export interface ForecastAdvisory {
  kind: AdvisoryKind;
  /** ISO UTC, start of the first step of the run. */
  validFrom: string;
  /** ISO UTC, end of the last step of the run. */
  validTo: string;
  /** Number of forecast steps merged. */
  steps: number;
  /** The weather code of the worst step (severe thunderstorm over thunderstorm; else the first). */
  worstCode: number;
}
