import type { LatLon } from './cap-types.ts';
import { readLatLon } from './read-lat-lon.ts';

export interface PolygonReading {
  latLon: LatLon[];
  /** Tokens that are not a `lat,lon` pair, as written. */
  malformed: string[];
}

/** Splits a CAP polygon (pairs separated by any whitespace, including newlines) into its points. */
export function readPolygon(raw: string): PolygonReading {
  const latLon: LatLon[] = [];
  const malformed: string[] = [];
  for (const token of raw.trim().split(/\s+/)) {
    if (token === '') continue;
    const pair = readLatLon(token);
    if (pair) latLon.push(pair);
    else malformed.push(token);
  }
  return { latLon, malformed };
}
