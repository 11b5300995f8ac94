/**
 * Which web-mercator XYZ tiles cover a lon/lat bounding box, and where a tile mosaic sits in
 * EPSG:3857. Tile rows count from the north (XYZ / "slippy map"); the TMS form `{-y}` counts from
 * the south and is 2^z − 1 − y.
 */
import type { Bbox } from './bbox-to-pixel-window.ts';

/** Half the EPSG:3857 world width in metres (π × 6378137). */
export const MERCATOR_HALF_WORLD_M = Math.PI * 6378137;
/** Web mercator's latitude limit: the square world. */
const MAX_LAT = 85.0511287798066;

export interface TileRange {
  zoom: number;
  x0: number;
  y0: number;
  /** Inclusive. */
  x1: number;
  y1: number;
}

export function xyzTileRange(bbox: Bbox, zoom: number): TileRange {
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > 24) throw new RangeError(`zoom must be a whole number 0–24, got ${zoom}`);
  const [west, south, east, north] = bbox;
  if (![west, south, east, north].every(Number.isFinite) || west >= east || south >= north) {
    throw new RangeError(`bbox must be [west, south, east, north] with west < east and south < north, got [${bbox.join(', ')}]`);
  }
  const n = 2 ** zoom;
  const clampTile = (t: number): number => Math.min(n - 1, Math.max(0, t));
  // Fractional tile coordinates; rows grow southward.
  const fx = (lon: number): number => ((lon + 180) / 360) * n;
  const fy = (lat: number): number => {
    const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
    return ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
  };
  // A bbox edge exactly on a tile boundary does not pull in the next tile.
  const last = (v: number): number => (Number.isInteger(v) ? v - 1 : Math.floor(v));
  return {
    zoom,
    x0: clampTile(Math.floor(fx(west))),
    y0: clampTile(Math.floor(fy(north))),
    x1: clampTile(last(fx(east))),
    y1: clampTile(last(fy(south))),
  };
}

/** EPSG:3857 coordinates of the north-west corner of tile (x, y) at `zoom`, and a tile's size in metres. */
export function tileOriginM(zoom: number, x: number, y: number): { x: number; y: number; size: number } {
  const size = (2 * MERCATOR_HALF_WORLD_M) / 2 ** zoom;
  return { x: -MERCATOR_HALF_WORLD_M + x * size, y: MERCATOR_HALF_WORLD_M - y * size, size };
}
