/**
 * UTM (WGS 84) ↔ geographic coordinates by Krüger's series to third order in n, as in Karney (2011,
 * "Transverse Mercator with an accuracy of a few nanometers") and the UTM article's formulas:
 * about a millimetre within 3,000 km of the central meridian, far finer than any raster pixel.
 * Written here rather than pulling in proj4 because Siaga only needs this one projection family
 * (plus web mercator) and geo/ stays free of dependencies that parse CRS strings at run time.
 */

const A_AXIS = 6378137;
const FLATTENING = 1 / 298.257223563;
const K0 = 0.9996;
const FALSE_EASTING = 500000;
const FALSE_NORTHING_SOUTH = 10000000;

const N = FLATTENING / (2 - FLATTENING);
const N2 = N * N;
const N3 = N2 * N;
/** Rectifying radius: the meridian arc length is A·μ. */
const RECTIFYING_A = (A_AXIS / (1 + N)) * (1 + N2 / 4 + (N2 * N2) / 64);
const ALPHA = [N / 2 - (2 * N2) / 3 + (5 * N3) / 16, (13 * N2) / 48 - (3 * N3) / 5, (61 * N3) / 240];
const BETA = [N / 2 - (2 * N2) / 3 + (37 * N3) / 96, N2 / 48 + N3 / 15, (17 * N3) / 480];
const DELTA = [2 * N - (2 * N2) / 3 - 2 * N3, (7 * N2) / 3 - (8 * N3) / 5, (56 * N3) / 15];
const TWO_SQRT_N = (2 * Math.sqrt(N)) / (1 + N);
const DEG = Math.PI / 180;

/** The UTM zone of an EPSG code 32601–32660 (north) or 32701–32760 (south), or null for any other code. */
export function utmZoneOfEpsg(epsg: number): { zone: number; south: boolean } | null {
  if (!Number.isInteger(epsg)) return null;
  const zone = epsg % 100;
  if (zone < 1 || zone > 60) return null;
  if (epsg - zone === 32600) return { zone, south: false };
  if (epsg - zone === 32700) return { zone, south: true };
  return null;
}

/**
 * Inverse transverse Mercator for one UTM zone.
 * @param easting metres, @param northing metres (with the 10,000 km false northing in the south)
 * @returns [lon, lat] in degrees (EPSG:4326)
 */
export function utmToLonLat(easting: number, northing: number, zone: number, south: boolean): [number, number] {
  const xi = (northing - (south ? FALSE_NORTHING_SOUTH : 0)) / (K0 * RECTIFYING_A);
  const eta = (easting - FALSE_EASTING) / (K0 * RECTIFYING_A);
  let xiP = xi;
  let etaP = eta;
  for (let j = 1; j <= 3; j++) {
    const b = BETA[j - 1] as number;
    xiP -= b * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    etaP -= b * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
  }
  const chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
  let phi = chi;
  for (let j = 1; j <= 3; j++) phi += (DELTA[j - 1] as number) * Math.sin(2 * j * chi);
  const lambda0 = (zone * 6 - 183) * DEG;
  const lambda = lambda0 + Math.atan2(Math.sinh(etaP), Math.cos(xiP));
  return [lambda / DEG, phi / DEG];
}

/**
 * Forward transverse Mercator for one UTM zone (the test's cross-check of the inverse, and where a
 * caller needs to place a geographic point on a UTM grid).
 * @returns [easting, northing] in metres
 */
export function lonLatToUtm(lon: number, lat: number, zone: number, south: boolean): [number, number] {
  const phi = lat * DEG;
  const dLambda = lon * DEG - (zone * 6 - 183) * DEG;
  const sinPhi = Math.sin(phi);
  const t = Math.sinh(Math.atanh(sinPhi) - TWO_SQRT_N * Math.atanh(TWO_SQRT_N * sinPhi));
  const xiP = Math.atan2(t, Math.cos(dLambda));
  const etaP = Math.atanh(Math.sin(dLambda) / Math.sqrt(1 + t * t));
  let xi = xiP;
  let eta = etaP;
  for (let j = 1; j <= 3; j++) {
    const a = ALPHA[j - 1] as number;
    xi += a * Math.sin(2 * j * xiP) * Math.cosh(2 * j * etaP);
    eta += a * Math.cos(2 * j * xiP) * Math.sinh(2 * j * etaP);
  }
  return [FALSE_EASTING + K0 * RECTIFYING_A * eta, (south ? FALSE_NORTHING_SOUTH : 0) + K0 * RECTIFYING_A * xi];
}
