// readGeoTiff over HTTP from a local server: a tiled GeoTIFF with overviews (COG layout, written by
// tests/raster/support/write-tiled-tiff.ts) is read for a small bbox with range requests, and the
// bytes the server sent are counted; bad answers (404, HTML, truncated file) give clear errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGeoTiff } from '../../src/raster/read-geotiff.ts';
import { RasterReadError } from '../../src/raster/raster-read-error.ts';
import { startTestServer, type TestServer } from '../support/http-test-server.ts';
import { rangeRoute, type ByteTally } from './support/range-route.ts';
import { writeTiledTiff } from './support/write-tiled-tiff.ts';

const SIZE = 2048;
const PIXEL = 0.005;
const WEST = 95;
const NORTH = 6;
/** A value that tells where it was read from: col + row × 10,000 (exact in Float32 below 2²⁴). */
const valueAt = (col: number, row: number) => col + row * 10_000;

let server: TestServer;
let cog: Uint8Array;
const tally: ByteTally = { bytesSent: 0, requests: 0, ranges: [] };

beforeAll(async () => {
  const values = new Float32Array(SIZE * SIZE);
  for (let r = 0; r < SIZE; r++) for (let c = 0; c < SIZE; c++) values[r * SIZE + c] = valueAt(c, r) % 16_000_000;
  cog = writeTiledTiff({
    width: SIZE,
    height: SIZE,
    values,
    tileSize: 256,
    overviews: 2,
    originX: WEST,
    originY: NORTH,
    pixelSize: PIXEL,
    epsg: 4326,
    nodata: -9999,
  });
  server = await startTestServer({
    '/cog.tif': rangeRoute(cog, tally),
    '/page.tif': (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><html><body>Not here</body></html>'),
    '/truncated.tif': rangeRoute(cog.subarray(0, Math.floor(cog.length / 3)), { bytesSent: 0, requests: 0, ranges: [] }),
  });
});

afterAll(async () => {
  await server?.close();
});

describe('readGeoTiff over HTTP range requests', () => {
  it('reads a small window of a COG fetching a small fraction of the file', async () => {
    tally.bytesSent = 0;
    tally.requests = 0;
    // About 0.1° square near the middle: 20 × 20 pixels, inside one or a few 256-pixel tiles.
    const bbox: [number, number, number, number] = [WEST + 5.0, NORTH - 5.1, WEST + 5.1, NORTH - 5.0];
    const grid = await readGeoTiff(server.url('/cog.tif'), { bbox });
    expect(grid.epsg).toBe(4326);
    expect(grid.nodata).toBe(-9999);
    expect(grid.product.tiled).toBe(true);
    expect(grid.width).toBeGreaterThanOrEqual(20);
    expect(grid.width).toBeLessThanOrEqual(22);
    // The window's values are the file's values at the right place.
    const [col0, row0] = grid.product.window;
    for (const [c, r] of [
      [0, 0],
      [grid.width - 1, 0],
      [5, grid.height - 1],
    ] as const) {
      expect(grid.values[r * grid.width + c]).toBe(valueAt(col0 + c, row0 + r));
    }
    expect(grid.originX).toBeCloseTo(WEST + col0 * PIXEL, 9);
    expect(grid.originY).toBeCloseTo(NORTH - row0 * PIXEL, 9);
    // The bbox corner lies inside the window.
    expect(grid.originX).toBeLessThanOrEqual(bbox[0]);
    expect(grid.originY).toBeGreaterThanOrEqual(bbox[3]);

    const fraction = tally.bytesSent / cog.length;
    console.info(
      `COG window: server sent ${tally.bytesSent} of ${cog.length} bytes (${(fraction * 100).toFixed(2)} %) in ${tally.requests} request(s); client counted ${grid.bytesFetched}`,
    );
    expect(tally.requests).toBeGreaterThan(1);
    expect(grid.bytesFetched).toBe(tally.bytesSent);
    expect(fraction).toBeLessThan(0.02);
  });

  it('reads the full extent when the bbox covers it, with the same values', async () => {
    const grid = await readGeoTiff(server.url('/cog.tif'), { bbox: [WEST, NORTH - SIZE * PIXEL, WEST + SIZE * PIXEL, NORTH] });
    expect(grid.width).toBe(SIZE);
    expect(grid.height).toBe(SIZE);
    expect(grid.values[SIZE * 1000 + 1234]).toBe(valueAt(1234, 1000));
  });

  it('says HTTP 404 and the URL for a missing file', async () => {
    const url = server.url('/missing.tif');
    await expect(readGeoTiff(url)).rejects.toThrow(new RegExp(`HTTP 404 .*${url.replace(/[.?]/g, '\\$&')}`));
  });

  it('refuses an HTML page served as a TIFF, naming it', async () => {
    const err = await readGeoTiff(server.url('/page.tif')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RasterReadError);
    expect((err as Error).message).toMatch(/page\.tif: not a readable TIFF/);
  });

  it('refuses a truncated TIFF with a clear error, not garbage values', async () => {
    const err = await readGeoTiff(server.url('/truncated.tif'), { bbox: [WEST + 9, NORTH - 10, WEST + 10, NORTH - 9] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RasterReadError);
    expect((err as Error).message).toMatch(/truncated\.tif/);
  });
});
