// The earthquake model Siaga works with after reading BMKG's quake feeds (data.bmkg.go.id/DataMKG/TEWS:
// autogempa, gempaterkini, gempadirasakan, JSON and XML) and the InaTEWS feeds
// (bmkg-content-inatews.storage.googleapis.com: datagempa, last30*event, live30event, lastQL, gempaQL).
// Times are ISO 8601 strings in UTC (`2026-09-23T12:16:56Z`), whatever zone BMKG wrote them in.
import type { Issue } from '../../cap/cap-types.ts';

export type { Issue };

/** The data.bmkg.go.id/DataMKG/TEWS products. */
export type QuakeFeedSource = 'autogempa' | 'gempaterkini' | 'gempadirasakan';

/**
 * The InaTEWS products. `lastQL` and `gempaQL` (GeoJSON of the latest solutions) are read too, so
 * every InaTEWS fixture has a reader; they carry no tsunami text.
 */
export type InatewsSource = 'datagempa' | 'last30event' | 'last30feltevent' | 'last30tsunamievent' | 'live30event' | 'lastQL' | 'gempaQL';

/** What BMKG's free-text `Potensi` says about a tsunami (classify-tsunami-potential.ts). */
export type TsunamiPotential = 'none' | 'potential' | 'warning' | 'unknown';

export interface QuakeEvent {
  /** Origin time, ISO UTC (`2026-09-23T12:16:56Z`; milliseconds only when the feed gives them). */
  originTime: string;
  /** Epicentre, WGS 84 degrees, south negative. */
  lat: number;
  /** Epicentre, WGS 84 degrees, east positive. */
  lon: number;
  /** Hypocentre depth below the surface, km. */
  depthKm: number;
  /** BMKG's magnitude (usually M or Mw; the feeds do not say which scale). */
  magnitude: number;
  /** BMKG's description of the place, as written (`Wilayah`, `area`, `place`). */
  region: string;
  /** BMKG's tsunami text as written (`Potensi` / `potential`). */
  potensi?: string;
  /** BMKG's felt reports as written (`Dirasakan` / `felt`), MMI in Roman numerals and places. */
  felt?: string;
  /** Absolute URL of BMKG's shakemap image. */
  shakemapUrl?: string;
  tsunami: TsunamiPotential;
  /**
   * Stable event key: the origin time floored to the UTC minute, `YYYYMMDDTHHmmZ`, the same from
   * every feed. Revisions of one quake usually share it; sameQuake / matchKnownQuake decide (see
   * match-known-quake.ts for the minute-boundary and same-minute cases).
   */
  key: string;
  /** The feed the event was read from. */
  source: QuakeFeedSource | InatewsSource;
  /** BMKG's own id when the feed gives one (InaTEWS `eventid`, `bmg2026swgz`); it changes between bulletins of one quake. */
  eventId?: string;
  /** BMKG marked the event as a test ("Hanya TEST Event", identifier TEST-…); never warn anyone of it as real. */
  test?: true;
}

export interface QuakeFeedResult {
  events: QuakeEvent[];
  /** Everything odd or refused, by path (`Infogempa.gempa[3].Coordinates`); the events are still usable. */
  issues: Issue[];
}

/** InaTEWS tsunami warning levels: AWAS (expected wave over 3 m), SIAGA (0.5–3 m), WASPADA (under 0.5 m). */
export type TsunamiLevel = 'AWAS' | 'SIAGA' | 'WASPADA';

/** One `wzarea` of a tsunami bulletin: a warning level for a coast of one kabupaten/kota. */
export interface WarningZone {
  level: TsunamiLevel;
  /** BMKG's province abbreviation as given (`NTT`, `SULSEL`, `JATIM`). */
  province: string;
  /** The kabupaten/kota, as given, often with a part (`BANYUWANGI BAGIAN SELATAN`, `KOTA-BAU-BAU`); see matchRegionName. */
  district: string;
  /** When the wave is expected (estimated time of arrival), ISO UTC, when given. */
  expectedAt?: string;
}

/** One `obsarea`: a tide gauge that saw the tsunami. */
export interface TsunamiObservation {
  location: string;
  lat: number;
  lon: number;
  /** Observed wave height, metres. */
  heightM: number;
  /** ISO UTC, when given. */
  observedAt?: string;
}

export type BulletinKind = 'quake' | 'tsunami-warning' | 'tsunami-ended';

/** One InaTEWS `info` block (or live30event / GeoJSON entry): the quake plus, for tsunami bulletins, the zones. */
export interface InatewsBulletin {
  event: QuakeEvent;
  kind: BulletinKind;
  /** `PD-1`, `PD-2`, `PD-3.4`, `PD-4` from the subject, when given. */
  stage?: string;
  /** The tsunami was seen on tide gauges ("telah terdeteksi" or obsarea present), not only modelled. */
  observed: boolean;
  /** When BMKG sent this bulletin (`timesent`), ISO UTC. */
  sentAt?: string;
  subject?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  zones: WarningZone[];
  observations: TsunamiObservation[];
}

export interface InatewsFeedResult {
  /** One per info block / entry, in feed order; `events` lists their events in the same order. */
  bulletins: InatewsBulletin[];
  events: QuakeEvent[];
  issues: Issue[];
}
