// A quake the quake feed has told about, as its feed item keeps it (feed_items.detail): the event as
// read then, and the message Siaga issued for it, so that a revision becomes an Update of it.
import { z } from 'zod';
import type { InatewsSource, QuakeEvent, QuakeFeedSource, TsunamiPotential } from '../bmkg/quake/quake-types.ts';
import { readStoredJson } from '../db/read-stored-json.ts';

export interface KnownQuake {
  event: QuakeEvent;
  identifier: string;
  sent: string;
}

// Records over the unions, so that a value added to a union fails to compile here until listed.
const SOURCES: Record<QuakeFeedSource | InatewsSource, QuakeFeedSource | InatewsSource> = {
  autogempa: 'autogempa',
  gempaterkini: 'gempaterkini',
  gempadirasakan: 'gempadirasakan',
  datagempa: 'datagempa',
  last30event: 'last30event',
  last30feltevent: 'last30feltevent',
  last30tsunamievent: 'last30tsunamievent',
  live30event: 'live30event',
  lastQL: 'lastQL',
  gempaQL: 'gempaQL',
};
const POTENTIALS: Record<TsunamiPotential, TsunamiPotential> = {
  none: 'none',
  potential: 'potential',
  warning: 'warning',
  unknown: 'unknown',
};

const KnownQuakeSchema: z.ZodType<KnownQuake> = z.object({
  event: z.object({
    originTime: z.string(),
    lat: z.number(),
    lon: z.number(),
    depthKm: z.number(),
    magnitude: z.number(),
    region: z.string(),
    potensi: z.string().optional(),
    felt: z.string().optional(),
    shakemapUrl: z.string().optional(),
    tsunami: z.enum(POTENTIALS),
    key: z.string(),
    source: z.enum(SOURCES),
    eventId: z.string().optional(),
    test: z.literal(true).optional(),
  }),
  identifier: z.string(),
  sent: z.string(),
});

/** `detail` of the feed item `itemKey`. */
export function readKnownQuake(detail: unknown, itemKey: string): KnownQuake {
  return readStoredJson(KnownQuakeSchema, detail, `quake feed item ${itemKey}: detail`);
}
