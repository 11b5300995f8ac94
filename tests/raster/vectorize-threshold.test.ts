// vectorizeThreshold on small hand-drawn grids: exact pixel areas, holes, corner-touching pixels,
// nodata, orientation (RFC 7946), CRSs, specks, and bad input.
import { booleanClockwise, booleanValid } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { polygonAreaKm2 } from '../../geo/polygon-area-km2.ts';
import type { GeoGrid } from '../../geo/raster/raster-types.ts';
import { vectorizeThreshold } from '../../geo/raster/vectorize-threshold.ts';

/** A grid from rows of digits, 0.01° pixels from (100 E, 0 N), north-up. */
function grid(rows: string[], extra: Partial<GeoGrid> = {}): GeoGrid {
  return {
    width: (rows[0] as string).length,
    height: rows.length,
    values: Float32Array.from(
      rows
        .join('')
        .split('')
        .map((ch) => (ch === '.' ? Number.NaN : Number(ch))),
    ),
    originX: 100,
    originY: 0,
    pixelWidth: 0.01,
    pixelHeight: -0.01,
    epsg: 4326,
    ...extra,
  };
}

function checkGeometry(result: ReturnType<typeof vectorizeThreshold>): void {
  for (const coordinates of result.geometry?.coordinates ?? []) {
    expect(booleanValid({ type: 'Polygon', coordinates })).toBe(true);
    coordinates.forEach((ring, i) => {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(booleanClockwise(ring)).toBe(i > 0);
    });
  }
}

/** Area of n pixels of 0.01° in the rows just south of the equator (km², same sphere). */
const pixelKm2 = polygonAreaKm2([
  [
    [
      [100, 0],
      [100.01, 0],
      [100.01, -0.01],
      [100, -0.01],
      [100, 0],
    ],
  ],
]);

describe('vectorizeThreshold', () => {
  it('returns null geometry when nothing reaches the threshold', () => {
    const r = vectorizeThreshold(grid(['000', '010']), { threshold: 2 });
    expect(r.geometry).toBeNull();
    expect(r.polygons).toEqual([]);
    expect(r.totalAreaKm2).toBe(0);
  });

  it('traces one pixel as a square at the right place', () => {
    const r = vectorizeThreshold(grid(['000', '010', '000']), { threshold: 1 });
    expect(r.geometry?.coordinates).toHaveLength(1);
    const ring = r.geometry?.coordinates[0]?.[0] ?? [];
    const lons = ring.map((p) => p[0] as number);
    const lats = ring.map((p) => p[1] as number);
    expect(Math.min(...lons)).toBeCloseTo(100.01, 12);
    expect(Math.max(...lons)).toBeCloseTo(100.02, 12);
    expect(Math.max(...lats)).toBeCloseTo(-0.01, 12);
    expect(Math.min(...lats)).toBeCloseTo(-0.02, 12);
    expect(r.polygons[0]?.pixelCount).toBe(1);
    checkGeometry(r);
  });

  it('keeps holes, and an island inside a hole is its own polygon', () => {
    const r = vectorizeThreshold(grid(['11111', '10001', '10101', '10001', '11111']), { threshold: 1 });
    expect(r.geometry?.coordinates).toHaveLength(2);
    expect(r.geometry?.coordinates[0]).toHaveLength(2); // shell + hole
    expect(r.polygons.map((p) => p.pixelCount).sort((a, b) => a - b)).toEqual([1, 16]);
    expect(r.totalAreaKm2).toBeCloseTo(17 * pixelKm2, 2);
    checkGeometry(r);
  });

  it('splits pixels touching only at a corner into polygons that touch at a point (valid)', () => {
    const r = vectorizeThreshold(grid(['10', '01']), { threshold: 1 });
    expect(r.geometry?.coordinates).toHaveLength(2);
    checkGeometry(r);
  });

  it('turns a bay closed only at a corner into a hole touching the shell at one point', () => {
    // The zeros inside reach the outside only through the corner at (1, 1).
    const r = vectorizeThreshold(grid(['01111', '10001', '10001', '11111']), { threshold: 1 });
    expect(r.geometry?.coordinates).toHaveLength(1);
    expect(r.geometry?.coordinates[0]).toHaveLength(2);
    expect(r.polygons[0]?.pixelCount).toBe(13);
    checkGeometry(r);
  });

  it('treats nodata and NaN as outside, comparing a Float32 nodata in float32', () => {
    const nodata = -3.4028234663852886e38; // GDAL's float32 minimum, written as text in the tag
    const values = Float32Array.from([5, nodata, 5, Number.NaN, 5, 5]);
    const r = vectorizeThreshold({ ...grid(['000', '000']), values, nodata: -3.4028235e38 }, { threshold: -1e39 });
    expect(r.polygons.reduce((s, p) => s + p.pixelCount, 0)).toBe(4);
  });

  it('orients rings per RFC 7946 whatever the grid axes (south-up, east-left)', () => {
    const rows = ['110', '011', '111'];
    for (const flip of [
      { originY: -0.03, pixelHeight: 0.01 },
      { originX: 100.03, pixelWidth: -0.01 },
    ]) {
      const r = vectorizeThreshold(grid(rows, flip), { threshold: 1 });
      expect(r.polygons[0]?.pixelCount).toBe(7);
      checkGeometry(r);
    }
  });

  it('removes specks below minAreaKm2 and counts them', () => {
    const r = vectorizeThreshold(grid(['1100001', '1100000', '0000000', '0001000']), { threshold: 1, minAreaKm2: 2 * pixelKm2 });
    expect(r.polygons.map((p) => p.pixelCount)).toEqual([4]);
    expect(r.removedSpecks).toBe(2);
  });

  it('reprojects UTM and web-mercator grids to lon/lat', () => {
    // 1 km pixels in UTM 48S (Jakarta) and 1 km web-mercator pixels at the equator.
    const utm = vectorizeThreshold(
      grid(['11', '11'], { epsg: 32748, originX: 700000, originY: 9320000, pixelWidth: 1000, pixelHeight: -1000 }),
      { threshold: 1 },
    );
    const [lon, lat] = utm.geometry?.coordinates[0]?.[0]?.[0] ?? [];
    expect(lon).toBeGreaterThan(106.7);
    expect(lon).toBeLessThan(106.9);
    expect(lat).toBeGreaterThan(-6.2);
    expect(lat).toBeLessThan(-6.1);
    expect(utm.totalAreaKm2).toBeGreaterThan(3.98);
    expect(utm.totalAreaKm2).toBeLessThan(4.02);
    expect(utm.pixelSizeM).toEqual({ x: 1000, y: 1000 });
    const merc = vectorizeThreshold(grid(['1'], { epsg: 3857, originX: 0, originY: 1000, pixelWidth: 1000, pixelHeight: -1000 }), {
      threshold: 1,
    });
    expect(merc.totalAreaKm2).toBeGreaterThan(0.99);
    expect(merc.totalAreaKm2).toBeLessThan(1.01);
    checkGeometry(utm);
  });

  it('refuses bad grids and options with a message naming the problem', () => {
    expect(() => vectorizeThreshold(grid(['1'], { epsg: 2193 }), { threshold: 1 })).toThrow(/EPSG:2193 is not supported/);
    expect(() => vectorizeThreshold(grid(['1']), { threshold: Number.NaN })).toThrow(/threshold/);
    expect(() => vectorizeThreshold({ ...grid(['11']), width: 3 }, { threshold: 1 })).toThrow(/values/);
    expect(() => vectorizeThreshold(grid(['1'], { pixelWidth: 0 }), { threshold: 1 })).toThrow(/pixelWidth/);
    expect(() => vectorizeThreshold(grid(['1']), { threshold: 1, simplifyM: -1 })).toThrow(/simplifyM/);
  });
});
