/**
 * Where a grid's CRS coordinates land on the globe: the per-CRS transform to EPSG:4326 and the
 * pixel size in metres. Supported: EPSG:4326, EPSG:3857 (spherical web mercator, as XYZ tiles use)
 * and the WGS 84 UTM zones 32601–32660 / 32701–32760.
 */
import type { GeoGrid } from './raster-types.ts';
import { UnsupportedCrsError } from './unsupported-crs-error.ts';
import { utmToLonLat, utmZoneOfEpsg } from './utm-to-wgs84.ts';

/** Mean Earth radius in metres (IUGG R₁), the sphere polygon-area-km2.ts measures areas on. */
export const EARTH_RADIUS_M = 6371008.8;
/** The web-mercator sphere's radius (EPSG:3857 uses the WGS 84 semi-major axis). */
const MERCATOR_RADIUS_M = 6378137;
const DEG = Math.PI / 180;

export type ToLonLat = (x: number, y: number) => [number, number];

export function isSupportedEpsg(epsg: number): boolean {
  return epsg === 4326 || epsg === 3857 || utmZoneOfEpsg(epsg) !== null;
}

/** The transform from the grid's CRS (x, y) to [lon, lat] degrees; throws UnsupportedCrsError. */
export function toLonLatFor(epsg: number): ToLonLat {
  if (epsg === 4326) return (x, y) => [x, y];
  if (epsg === 3857) return (x, y) => [x / MERCATOR_RADIUS_M / DEG, Math.atan(Math.sinh(y / MERCATOR_RADIUS_M)) / DEG];
  const utm = utmZoneOfEpsg(epsg);
  if (!utm) throw new UnsupportedCrsError(epsg);
  return (x, y) => utmToLonLat(x, y, utm.zone, utm.south);
}

/**
 * Whether straight pixel edges of this CRS stay straight in lon/lat. Grid lines of 4326 and 3857
 * are meridians and parallels; a long UTM grid line is a slight curve in lon/lat, so tracing keeps
 * a vertex every few pixels there.
 */
export function edgesStayStraight(epsg: number): boolean {
  return epsg === 4326 || epsg === 3857;
}

/** Ground size of one pixel in metres at the grid's centre (UTM: grid metres, scale factor ignored). */
export function pixelSizeAtCentreM(grid: GeoGrid): { x: number; y: number } {
  const centreY = grid.originY + (grid.height / 2) * grid.pixelHeight;
  if (grid.epsg === 4326) return pixelSizeAtLatitudeM(grid, centreY);
  if (grid.epsg === 3857) {
    // Mercator stretches both axes by 1/cos φ; undo it at the centre latitude.
    const cosLat = 1 / Math.cosh(centreY / MERCATOR_RADIUS_M);
    return { x: Math.abs(grid.pixelWidth) * cosLat, y: Math.abs(grid.pixelHeight) * cosLat };
  }
  if (!isSupportedEpsg(grid.epsg)) throw new UnsupportedCrsError(grid.epsg);
  return { x: Math.abs(grid.pixelWidth), y: Math.abs(grid.pixelHeight) };
}

/** For an EPSG:4326 grid: the pixel's ground size at latitude `lat` on the mean-radius sphere. */
export function pixelSizeAtLatitudeM(grid: GeoGrid, lat: number): { x: number; y: number } {
  return {
    x: EARTH_RADIUS_M * Math.abs(grid.pixelWidth) * DEG * Math.cos(lat * DEG),
    y: EARTH_RADIUS_M * Math.abs(grid.pixelHeight) * DEG,
  };
}
