// `siaga raster vectorize` end to end, in-process, no database: output shapes, and a clear error
// with exit code 1 (bad input) or 2 (bad usage) that says what and where.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/http-test-server.ts';
import { runSiaga } from '../support/run-cli.ts';
import { rangeRoute } from './support/range-route.ts';
import { writeTiledTiff } from './support/write-tiled-tiff.ts';

const GPM = path.join(FIXTURES, 'raster', 'geotiff-testdata-gpm_1d.20240617.tif');
let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'siaga-raster-cli-'));
  const values = new Float32Array(32 * 32).fill(3);
  // New Zealand Transverse Mercator: a real CRS Siaga does not reproject.
  await writeFile(
    path.join(dir, 'nztm.tif'),
    writeTiledTiff({
      width: 32,
      height: 32,
      values,
      tileSize: 16,
      overviews: 0,
      originX: 1_700_000,
      originY: 5_900_000,
      pixelSize: 100,
      epsg: 2193,
    }),
  );
  const bytes = await readFile(GPM);
  await writeFile(path.join(dir, 'truncated.tif'), bytes.subarray(0, 3000));
  server = await startTestServer({ '/gpm.tif': rangeRoute(new Uint8Array(bytes), { bytesSent: 0, requests: 0, ranges: [] }) });
});

afterAll(async () => {
  await server?.close();
});

describe('siaga raster vectorize', () => {
  it('prints polygons and areas for a file', async () => {
    const r = await runSiaga(['raster', 'vectorize', GPM, '--threshold', '500', '--min-area-km2', '1000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1500 × 400 pixels, EPSG:4326/);
    expect(r.stdout).toMatch(/#1 {2}\d+\.\d{3} km² {2}\d+ pixels/);
    expect(r.stdout).toMatch(/polygon\(s\), [\d.]+ km² in all, \d+ speck\(s\) removed/);
  });

  it('prints a GeoJSON FeatureCollection with --geojson, also from a URL', async () => {
    const fromFile = await runSiaga(['raster', 'vectorize', GPM, '--threshold', '500', '--geojson']);
    const fromUrl = await runSiaga(['raster', 'vectorize', server.url('/gpm.tif'), '--threshold', '500', '--geojson']);
    expect(fromUrl.code).toBe(0);
    const fc = JSON.parse(fromFile.stdout) as {
      type: string;
      features: { type: string; geometry: { type: string }; properties: { areaKm2: number } }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(10);
    expect(fc.features.every((f) => f.type === 'Feature' && f.geometry.type === 'Polygon' && f.properties.areaKm2 > 0)).toBe(true);
    expect(JSON.parse(fromUrl.stdout).features.length).toBe(fc.features.length);
  });

  it('prints the summary as JSON with --json', async () => {
    const r = await runSiaga(['raster', 'vectorize', GPM, '--threshold', '2000', '--simplify-m', '5000', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { grid: { epsg: number }; polygons: unknown[]; totalAreaKm2: number; geometry: { type: string } };
    expect(out.grid.epsg).toBe(4326);
    expect(out.geometry.type).toBe('MultiPolygon');
    expect(out.totalAreaKm2).toBeGreaterThan(0);
  });

  const failures: [string, () => string[], number, RegExp][] = [
    ['a missing file', () => [path.join(dir, 'nope.tif'), '--threshold', '1'], 1, /nope\.tif: cannot open \(no such file\)/],
    [
      'a file that is not a TIFF',
      () => [path.join(FIXTURES, 'raster', 'SOURCES.md'), '--threshold', '1'],
      1,
      /SOURCES\.md: not a readable TIFF/,
    ],
    [
      'a truncated TIFF',
      () => [path.join(dir, 'truncated.tif'), '--threshold', '1'],
      1,
      /truncated\.tif: .*(truncated|not a readable TIFF)/,
    ],
    ['an unsupported CRS', () => [path.join(dir, 'nztm.tif'), '--threshold', '1'], 1, /nztm\.tif: CRS EPSG:2193 is not supported/],
    ['a band out of range', () => [GPM, '--threshold', '1', '--band', '2'], 1, /band 2 is out of range; the image has 1 band/],
    ['HTTP 404', () => [server.url('/missing.tif'), '--threshold', '1'], 1, /HTTP 404 .*\/missing\.tif/],
    ['a threshold that is not a number', () => [GPM, '--threshold', 'lots'], 2, /--threshold must be a number, got "lots"/],
    ['--json with --geojson', () => [GPM, '--threshold', '1', '--json', '--geojson'], 2, /cannot be used together/],
  ];
  for (const [what, args, code, message] of failures) {
    it(`says what is wrong with ${what}`, async () => {
      const r = await runSiaga(['raster', 'vectorize', ...args()]);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }
});
