// Every quake feed reader ends the same way once it has read a time, a place and a size: the
// origin time written as ISO UTC, the key taken from it, and the tsunami class read from BMKG's
// text. One builder, so that the readers cannot drift apart in what an event holds or in the
// order of its fields (the goldens are written from it).
import { isoUtcKeepingMillis } from '../../time/iso-utc.ts';
import { classifyTsunamiPotential } from './classify-tsunami-potential.ts';
import type { QuakeEvent } from './quake-types.ts';
import { quakeKey } from './quake-key.ts';

/** What a reader read from one record; text fields as BMKG wrote them, undefined when absent. */
export interface QuakeReading {
  originMs: number;
  place: { lat: number; lon: number };
  size: { depthKm: number; magnitude: number };
  region: string;
  source: QuakeEvent['source'];
  potensi?: string | undefined;
  felt?: string | undefined;
  shakemapUrl?: string | undefined;
  eventId?: string | undefined;
  /** BMKG marked the record (or its message) as a test. */
  test?: boolean;
}

/** The event of a reading; no `potensi` means the tsunami class is 'unknown'. */
export function buildQuakeEvent(r: QuakeReading): QuakeEvent {
  return {
    originTime: isoUtcKeepingMillis(r.originMs),
    lat: r.place.lat,
    lon: r.place.lon,
    depthKm: r.size.depthKm,
    magnitude: r.size.magnitude,
    region: r.region,
    ...(r.potensi !== undefined && { potensi: r.potensi }),
    ...(r.felt !== undefined && { felt: r.felt }),
    ...(r.shakemapUrl !== undefined && { shakemapUrl: r.shakemapUrl }),
    tsunami: classifyTsunamiPotential(r.potensi),
    key: quakeKey(r.originMs),
    source: r.source,
    ...(r.eventId !== undefined && { eventId: r.eventId }),
    ...(r.test === true && { test: true as const }),
  };
}
