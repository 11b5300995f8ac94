// The four GeoTIFF samples (fixtures/raster, from the GeoTIFF/test-data repository): read with
// readGeoTiff, vectorized, and checked against an independent count of the raw pixels — the
// polygons' area (Turf, on the sphere) must equal the above-threshold pixels' area within 1 %.
// Goldens in fixtures/raster/golden/ are FeatureCollections that open on any map; `npm run golden`
// regenerates them after a reviewed change.
import { area as turfArea, booleanClockwise, booleanValid } from '@turf/turf';
import { fromFile } from 'geotiff';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vectorizeThreshold } from '../../geo/raster/vectorize-threshold.ts';
import { readGeoTiff } from '../../src/raster/read-geotiff.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { expectGolden, goldenJson, roundNumbers } from '../support/golden.ts';
import { writeTiledTiff } from './support/write-tiled-tiff.ts';

const R_KM = 6371.0088;
const DEG = Math.PI / 180;

interface Sample {
  file: string;
  threshold: number;
  epsg: number;
  type: string;
  nodata?: number;
}

const SAMPLES: Sample[] = [
  { file: 'geotiff-testdata-wind_direction.tif', threshold: 180, epsg: 4326, type: 'Float32Array' },
  { file: 'geotiff-testdata-utm.tif', threshold: 5, epsg: 32617, type: 'Uint8Array' },
  { file: 'geotiff-testdata-nz_habitat_anticross_4326_1deg.tif', threshold: 10, epsg: 4326, type: 'Float32Array', nodata: -9999 },
  // Every pixel that has data: the nodata pixels (-9999) must stay out although they are numbers.
  { file: 'geotiff-testdata-nz_habitat_anticross_4326_1deg.tif', threshold: -100, epsg: 4326, type: 'Float32Array', nodata: -9999 },
  { file: 'geotiff-testdata-gpm_1d.20240617.tif', threshold: 500, epsg: 4326, type: 'Uint16Array' },
];

/** Above-threshold pixel count and their area (km² on the sphere), from the raw raster. */
async function expectedFromRaw(file: string, threshold: number): Promise<{ count: number; areaKm2: number }> {
  const tiff = await fromFile(file);
  const image = await tiff.getImage();
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
  const nodata = image.getGDALNoData();
  const [sx = 0, sy = 0] = image.getResolution();
  const [, oy = 0] = image.getOrigin();
  const geographic = image.getGeoKeys()?.GTModelTypeGeoKey === 2;
  let count = 0;
  let areaKm2 = 0;
  for (let r = 0; r < image.getHeight(); r++) {
    let inRow = 0;
    for (let c = 0; c < image.getWidth(); c++) {
      const v = (band as ArrayLike<number>)[r * image.getWidth() + c] as number;
      if (v >= threshold && v !== nodata) inRow++;
    }
    count += inRow;
    // A lon/lat cell's area on the sphere: R² · Δλ · |sin φ₁ − sin φ₂|; a UTM cell's is its size in metres.
    const cell = geographic
      ? R_KM * R_KM * Math.abs(sx) * DEG * Math.abs(Math.sin((oy + r * sy) * DEG) - Math.sin((oy + (r + 1) * sy) * DEG))
      : Math.abs(sx * sy) / 1e6;
    areaKm2 += inRow * cell;
  }
  return { count, areaKm2 };
}

describe('GeoTIFF samples vectorize to their pixel areas', () => {
  for (const s of SAMPLES) {
    it(`${s.file} >= ${s.threshold}`, async () => {
      const file = path.join(FIXTURES, 'raster', s.file);
      const grid = await readGeoTiff(file);
      expect(grid.epsg).toBe(s.epsg);
      expect(grid.values.constructor.name).toBe(s.type);
      expect(grid.nodata).toBe(s.nodata);
      if (s.epsg === 32617) {
        // utm.tif lies in Ohio/Pennsylvania (UTM 17N): the polygons must land there in lon/lat.
        const [lon, lat] = vectorizeThreshold(grid, { threshold: 0 }).geometry?.coordinates[0]?.[0]?.[0] ?? [];
        expect(lon).toBeGreaterThan(-79);
        expect(lon).toBeLessThan(-78.5);
        expect(lat).toBeGreaterThan(41);
        expect(lat).toBeLessThan(41.2);
      }

      const result = vectorizeThreshold(grid, { threshold: s.threshold });
      const expected = await expectedFromRaw(file, s.threshold);
      expect(expected.count).toBeGreaterThan(0);
      expect(result.polygons.reduce((sum, p) => sum + p.pixelCount, 0)).toBe(expected.count);

      const geometry = result.geometry;
      if (!geometry) throw new Error('no geometry');
      const features = geometry.coordinates.map((coordinates, i) => ({
        type: 'Feature' as const,
        properties: { areaKm2: result.polygons[i]?.areaKm2, pixelCount: result.polygons[i]?.pixelCount },
        geometry: { type: 'Polygon' as const, coordinates },
      }));
      const collection = { type: 'FeatureCollection' as const, features };
      const measured = turfArea(collection) / 1e6;
      expect(Math.abs(measured - expected.areaKm2) / expected.areaKm2).toBeLessThan(0.01);
      expect(Math.abs(result.totalAreaKm2 - expected.areaKm2) / expected.areaKm2).toBeLessThan(0.01);

      // Valid, and wound as RFC 7946 asks: shells counter-clockwise, holes clockwise.
      for (const f of features) {
        expect(booleanValid(f.geometry)).toBe(true);
        f.geometry.coordinates.forEach((ring, i) => expect(booleanClockwise(ring)).toBe(i > 0));
      }
      const name = `${path.basename(s.file, '.tif').replace('geotiff-testdata-', '')}.ge${s.threshold}.geojson`;
      expectGolden(goldenJson(roundNumbers(collection, 9)), `raster/golden/${name}`);
    });
  }

  it('shifts the origin by half a pixel for a PixelIsPoint file', async () => {
    // Same pixels and tiepoint written twice, once as PixelIsArea and once as PixelIsPoint.
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-raster-'));
    const values = new Float32Array(16 * 16).fill(1);
    const spec = { width: 16, height: 16, values, tileSize: 16, overviews: 0, originX: 100, originY: 0, pixelSize: 0.1, epsg: 4326 };
    await writeFile(path.join(dir, 'area.tif'), writeTiledTiff(spec));
    await writeFile(path.join(dir, 'point.tif'), writeTiledTiff({ ...spec, pixelIsPoint: true }));
    const area = await readGeoTiff(path.join(dir, 'area.tif'));
    const point = await readGeoTiff(path.join(dir, 'point.tif'));
    expect(area.product.pixelIsPoint).toBe(false);
    expect(point.product.pixelIsPoint).toBe(true);
    expect(area.originX).toBeCloseTo(100, 12);
    expect(point.originX).toBeCloseTo(99.95, 12);
    expect(point.originY).toBeCloseTo(0.05, 12);
  });
});
