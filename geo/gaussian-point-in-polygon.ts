import { pointInPreparedPolygon } from './point-in-prepared-polygon.ts';
import type { PreparedPolygon } from './prepare-polygon.ts';
import { randomPointInPolygon, type SampleOptions } from './random-point-in-polygon.ts';

/**
 * A random point near `centre`, normally distributed with standard deviations `sigma` on each axis,
 * and rejection-sampled to lie inside the polygon (not in a hole): a settlement whose houses thin
 * out with distance and stop at the village boundary.
 *
 * After `maxAttempts` (default 32) draws outside the polygon, which happens when the centre sits in
 * a narrow corner, it returns a uniform point instead (randomPointInPolygon), so the cost per point
 * is bounded and the sequence of random numbers used is deterministic.
 *
 * @param polygon from preparePolygon; [lon, lat] degrees, EPSG:4326
 * @param random uniform numbers in [0, 1), e.g. createSeededRandom(seed)
 * @param centre [lon, lat] of the settlement centre, degrees
 * @param sigma [σlon, σlat] standard deviations in degrees (σlon is larger than σlat by 1/cos(lat)
 *   for the same distance on the ground)
 * @returns [lon, lat] in degrees
 */
export function gaussianPointInPolygon(
  polygon: PreparedPolygon,
  random: () => number,
  centre: readonly [number, number],
  sigma: readonly [number, number],
  options: SampleOptions = {},
): [number, number] {
  const scale = options.decimals === undefined ? undefined : 10 ** options.decimals;
  const maxAttempts = options.maxAttempts ?? 32;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    // Marsaglia's polar method: two independent standard normals from a point in the unit disc,
    // without the sin/cos of Box–Muller.
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    let lon = centre[0] + u * m * sigma[0];
    let lat = centre[1] + v * m * sigma[1];
    if (scale !== undefined) {
      lon = Math.round(lon * scale) / scale;
      lat = Math.round(lat * scale) / scale;
    }
    if (pointInPreparedPolygon(polygon, lon, lat)) return [lon, lat];
  }
  return randomPointInPolygon(polygon, random, { decimals: options.decimals });
}
