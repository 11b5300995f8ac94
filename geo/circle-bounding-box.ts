/** WGS 84 semi-major axis in metres: the length of a degree of longitude at the equator is a·π/180. */
const WGS84_A_M = 6_378_137;
/** The shortest degree of latitude on WGS 84 (at the equator), in metres. */
const MIN_METRES_PER_DEGREE_LAT = 110_574;
/** Safety factor: the box is a prefilter and must never cut into the circle. */
const PAD = 1.01;

/**
 * A longitude/latitude box that contains every point within `radiusM` metres (geodesic, WGS 84)
 * of the centre: the cheap index prefilter for an exact `ST_DWithin` on geography.
 *
 * Latitude: no degree of latitude is shorter than 110,574 m. Longitude: a degree of longitude at
 * latitude φ is at least a·cos φ·π/180 long, and the circle's widest point is no farther from the
 * equator than its centre latitude plus its latitude extent. Both bounds are padded by 1 %. Not
 * for circles that reach a pole or cross the antimeridian (CAP alerts for Indonesia never do):
 * the box is then clamped to the valid range and stays correct but loose.
 *
 * @param lon centre longitude, degrees (EPSG:4326)
 * @param lat centre latitude, degrees (EPSG:4326)
 * @param radiusM radius in metres (≥ 0)
 * @returns `[minLon, minLat, maxLon, maxLat]` in degrees
 */
export function circleBoundingBox(lon: number, lat: number, radiusM: number): [number, number, number, number] {
  const dLat = (radiusM / MIN_METRES_PER_DEGREE_LAT) * PAD;
  const farthestLat = Math.min(89.9, Math.abs(lat) + dLat);
  const metresPerDegreeLon = (WGS84_A_M * Math.PI * Math.cos((farthestLat * Math.PI) / 180)) / 180;
  const dLon = Math.min(180, (radiusM / metresPerDegreeLon) * PAD);
  return [Math.max(-180, lon - dLon), Math.max(-90, lat - dLat), Math.min(180, lon + dLon), Math.min(90, lat + dLat)];
}
