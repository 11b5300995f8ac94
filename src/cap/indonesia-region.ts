// Plausibility data for Indonesian senders (BMKG and other .id agencies). CAP cannot say whether a
// pair is lat,lon or lon,lat; a regional bounding box can. Indonesia spans roughly 95°E to 141°E
// and 11°S to 6°N; the box below adds a margin for offshore marine warnings.
import type { CapAlert } from './cap-types.ts';

export const INDONESIA_BOUNDS = { minLat: -12, maxLat: 7, minLon: 94, maxLon: 142 } as const;

/**
 * True when the alert comes from Indonesia: a sender under the .id top-level domain (BMKG sends
 * as cuaca.ekstrem@bmkg.go.id) or a WMO message identifier under Indonesia's OID arc 2.49.0.x.360.
 */
export function isIndonesianAlert(alert: Pick<CapAlert, 'sender' | 'identifier'>): boolean {
  return /\.id$/i.test(alert.sender.trim()) || /^(urn:oid:)?2\.49\.0\.[01]\.360\./.test(alert.identifier);
}

export function isInIndonesia(lat: number, lon: number): boolean {
  const b = INDONESIA_BOUNDS;
  return lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
}
