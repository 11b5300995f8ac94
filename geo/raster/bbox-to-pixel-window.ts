/**
 * The pixel window of a grid that covers a lon/lat bounding box.
 * Units: bbox in degrees (EPSG:4326); window in pixels [col0, row0, col1, row1), col1/row1 exclusive.
 */
import { lonLatToUtm, utmZoneOfEpsg } from './utm-to-wgs84.ts';
import { UnsupportedCrsError } from './unsupported-crs-error.ts';

export type Bbox = [west: number, south: number, east: number, north: number];

export interface GridFrame {
  width: number;
  height: number;
  originX: number;
  originY: number;
  pixelWidth: number;
  pixelHeight: number;
  epsg: number;
}

/** Points sampled along each bbox side: a UTM or mercator image of a lon/lat box has curved sides. */
const SAMPLES_PER_SIDE = 32;
const MERCATOR_RADIUS_M = 6378137;
const MERCATOR_MAX_LAT = 85.05112878;

/**
 * @returns the window clamped to the grid, or null when the bbox does not overlap the grid at all
 */
export function bboxToPixelWindow(frame: GridFrame, bbox: Bbox): [number, number, number, number] | null {
  const [west, south, east, north] = bbox;
  if (![west, south, east, north].every(Number.isFinite) || west >= east || south >= north) {
    throw new RangeError(`bbox must be [west, south, east, north] with west < east and south < north, got [${bbox.join(', ')}]`);
  }
  const project = forwardFor(frame.epsg);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i <= SAMPLES_PER_SIDE; i++) {
    const t = i / SAMPLES_PER_SIDE;
    const lon = west + (east - west) * t;
    const lat = south + (north - south) * t;
    for (const [x, y] of [project(lon, south), project(lon, north), project(west, lat), project(east, lat)]) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const cols = [(minX - frame.originX) / frame.pixelWidth, (maxX - frame.originX) / frame.pixelWidth];
  const rows = [(minY - frame.originY) / frame.pixelHeight, (maxY - frame.originY) / frame.pixelHeight];
  const col0 = Math.max(0, Math.floor(Math.min(...cols)));
  const col1 = Math.min(frame.width, Math.ceil(Math.max(...cols)));
  const row0 = Math.max(0, Math.floor(Math.min(...rows)));
  const row1 = Math.min(frame.height, Math.ceil(Math.max(...rows)));
  return col0 < col1 && row0 < row1 ? [col0, row0, col1, row1] : null;
}

function forwardFor(epsg: number): (lon: number, lat: number) => [number, number] {
  if (epsg === 4326) return (lon, lat) => [lon, lat];
  if (epsg === 3857) {
    return (lon, lat) => {
      const phi = (Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat)) * Math.PI) / 180;
      return [(MERCATOR_RADIUS_M * lon * Math.PI) / 180, MERCATOR_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + phi / 2))];
    };
  }
  const utm = utmZoneOfEpsg(epsg);
  if (!utm) throw new UnsupportedCrsError(epsg);
  return (lon, lat) => lonLatToUtm(lon, lat, utm.zone, utm.south);
}
