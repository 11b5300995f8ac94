// A BMKG-sized nowcast for the cap-parse row. The fixtures are small (a few polygons), while a busy
// afternoon's nowcast covers many districts at once: about 150 polygons and 3,000 points, `lat,lon`
// with 3 decimals as BMKG writes them. The header (identifier, sender, info, language) is the
// fixture's own; only the <area> is generated, deterministically from the seed.
import { createSeededRandom } from '../geo/seeded-random.ts';

export interface SyntheticNowcastOptions {
  polygons: number;
  /** Total points over all polygons, closing points included; must allow 8 points per polygon at least. */
  points: number;
  seed: string;
}

export interface SyntheticNowcast {
  xml: string;
  polygons: number;
  points: number;
}

export const BMKG_SIZED: SyntheticNowcastOptions = { polygons: 150, points: 3000, seed: 'bench-nowcast' };

/** Replaces the fixture's areas by one area of generated star-shaped polygons around the fixture's own. */
export function buildSyntheticNowcast(fixtureXml: string, options: SyntheticNowcastOptions = BMKG_SIZED): SyntheticNowcast {
  const start = fixtureXml.indexOf('<area>');
  const end = fixtureXml.lastIndexOf('</area>');
  if (start < 0 || end < start) throw new Error('the fixture has no <area> to replace');
  const indent = /([ \t]*)$/.exec(fixtureXml.slice(0, start))?.[1] ?? '';
  const areaDesc = /<areaDesc>([^<]*)<\/areaDesc>/.exec(fixtureXml.slice(start, end))?.[1] ?? 'Synthetic';
  const box = fixtureBox(fixtureXml.slice(start, end));
  const random = createSeededRandom(options.seed);
  const sizes = ringSizes(options, random);
  const polygons = sizes.map((size) => `${indent}  <polygon>${starRing(size, box, random)}</polygon>`);
  const area = [`<area>`, `${indent}  <areaDesc>${areaDesc}</areaDesc>`, ...polygons, `${indent}</area>`].join('\n');
  const xml = fixtureXml.slice(0, start) + area + fixtureXml.slice(end + '</area>'.length);
  return { xml, polygons: sizes.length, points: sizes.reduce((a, b) => a + b, 0) };
}

interface Box {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** The fixture polygons' bounding box, widened by half a degree: the storm cells of one afternoon. */
function fixtureBox(areaXml: string): Box {
  const lats: number[] = [];
  const lons: number[] = [];
  for (const [, lat, lon] of areaXml.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)) {
    lats.push(Number(lat));
    lons.push(Number(lon));
  }
  if (lats.length === 0) throw new Error('the fixture area has no lat,lon points');
  return {
    minLat: Math.min(...lats) - 0.5,
    maxLat: Math.max(...lats) + 0.5,
    minLon: Math.min(...lons) - 0.5,
    maxLon: Math.max(...lons) + 0.5,
  };
}

/** Points per ring, varied in pairs (mean + d, mean − d) so that the total is exact. */
function ringSizes({ polygons, points }: SyntheticNowcastOptions, random: () => number): number[] {
  const mean = Math.floor(points / polygons);
  if (polygons < 1 || mean < 8) throw new Error(`${points} points cannot make ${polygons} polygons of 8 points or more`);
  const sizes: number[] = [];
  for (let i = 0; i + 1 < polygons; i += 2) {
    const d = Math.floor(random() * (mean - 7));
    sizes.push(mean + d, mean - d);
  }
  if (sizes.length < polygons) sizes.push(mean);
  // Whatever the division left over goes to the first ring.
  sizes[0] = (sizes[0] as number) + points - mean * polygons;
  return sizes;
}

/**
 * A closed ring of `size` points (the first repeated last) around a random centre: vertices at
 * strictly increasing angles, so the ring is star-shaped and simple; radii of 2 to 12 km keep
 * neighbouring vertices well apart from the 3-decimal rounding (about 110 m).
 */
function starRing(size: number, box: Box, random: () => number): string {
  const lat = box.minLat + random() * (box.maxLat - box.minLat);
  const lon = box.minLon + random() * (box.maxLon - box.minLon);
  const radius = 0.02 + random() * 0.09;
  const vertices = size - 1;
  const pairs: string[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * (i + random() * 0.5)) / vertices;
    const r = radius * (0.7 + 0.3 * random());
    pairs.push(`${(lat + r * Math.sin(angle)).toFixed(3)},${(lon + r * Math.cos(angle)).toFixed(3)}`);
  }
  pairs.push(pairs[0] as string);
  return pairs.join(' ');
}
