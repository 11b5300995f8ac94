// readTileMosaic against a local tile server: PNG tiles painted here with legend colours (slightly
// off, as anti-aliasing leaves them), transparent pixels and off-legend colours, served as XYZ
// {z}/{x}/{y} and TMS {-y}; the decoded mosaic must hold exactly the painted values.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERCATOR_HALF_WORLD_M } from '../../geo/raster/xyz-tile-range.ts';
import { readTileMosaic } from '../../src/raster/read-tile-mosaic.ts';
import { startTestServer, type TestServer } from '../support/http-test-server.ts';

const ZOOM = 6;
const TILE = 64;
const LEGEND = [
  { color: '#00ff00', value: 1 },
  { color: '#ffff00', value: 5 },
  { color: '#ff8000', value: 20 },
  { color: '#ff0000', value: 50 },
];
/** Indonesia's Java Sea: tiles x 50–51, y 32–33 at zoom 6. */
const BBOX: [number, number, number, number] = [105.3, -7.8, 111.7, -5.2];

/** What the test paints at global mosaic pixel (gx, gy): a legend index, 4 = transparent, 5 = off-legend. */
const classAt = (gx: number, gy: number) => ((gx >> 2) + 3 * (gy >> 2)) % 6;
const expectedValue = (gx: number, gy: number) => {
  const k = classAt(gx, gy);
  return k < 4 ? (LEGEND[k] as { value: number }).value : Number.NaN;
};

function paintTile(tx: number, ty: number): Buffer {
  const png = new PNG({ width: TILE, height: TILE });
  for (let r = 0; r < TILE; r++) {
    for (let c = 0; c < TILE; c++) {
      const gx = tx * TILE + c;
      const gy = ty * TILE + r;
      const k = classAt(gx, gy);
      const p = (r * TILE + c) * 4;
      if (k === 4) {
        png.data.set([0, 0, 0, 0], p);
      } else if (k === 5) {
        png.data.set([40, 40, 200, 255], p); // blue: far from every legend colour
      } else {
        const hex = (LEGEND[k] as { color: string }).color;
        // Off by up to 3 per channel, as anti-aliased or re-encoded tiles are.
        const jitter = ((gx * 7 + gy * 13) % 7) - 3;
        const channel = (i: number) => Math.max(0, Math.min(255, parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) + jitter));
        png.data.set([channel(0), channel(1), channel(2), 255], p);
      }
    }
  }
  return PNG.sync.write(png);
}

let server: TestServer;
const MISSING = { tx: 51, ty: 33 };

beforeAll(async () => {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
  for (let tx = 50; tx <= 51; tx++) {
    for (let ty = 32; ty <= 33; ty++) {
      const bytes = paintTile(tx, ty);
      const send = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(bytes);
      routes[`/xyz/${ZOOM}/${tx}/${ty}.png`] = send;
      routes[`/tms/${ZOOM}/${tx}/${2 ** ZOOM - 1 - ty}.png`] = send;
      if (!(tx === MISSING.tx && ty === MISSING.ty)) routes[`/sparse/${ZOOM}/${tx}/${ty}.png`] = send;
    }
  }
  routes['/html/6/50/32.png'] = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>rate limited</html>');
  server = await startTestServer(routes);
});

afterAll(async () => {
  await server?.close();
});

function globalPixel(grid: { originX: number; originY: number; pixelWidth: number }): { gx0: number; gy0: number } {
  const gx0 = (grid.originX + MERCATOR_HALF_WORLD_M) / grid.pixelWidth;
  const gy0 = (MERCATOR_HALF_WORLD_M - grid.originY) / grid.pixelWidth;
  expect(Math.abs(gx0 - Math.round(gx0))).toBeLessThan(1e-6);
  expect(Math.abs(gy0 - Math.round(gy0))).toBeLessThan(1e-6);
  return { gx0: Math.round(gx0), gy0: Math.round(gy0) };
}

describe('readTileMosaic', () => {
  for (const template of ['/xyz/{z}/{x}/{y}.png', '/tms/{z}/{x}/{-y}.png']) {
    it(`decodes every painted pixel of the mosaic (${template})`, async () => {
      const grid = await readTileMosaic({ urlTemplate: server.url(template), zoom: ZOOM, bbox: BBOX, legend: LEGEND, tolerance: 10 });
      expect(grid.epsg).toBe(3857);
      expect(grid.tilesFetched).toBe(4);
      expect(grid.missingTiles).toEqual([]);
      // Cropped to the bbox: narrower than the 2 × 2 tiles, wider than one.
      expect(grid.width).toBeLessThan(2 * TILE);
      expect(grid.width).toBeGreaterThan(TILE);
      const { gx0, gy0 } = globalPixel(grid);
      let checked = 0;
      for (let r = 0; r < grid.height; r++) {
        for (let c = 0; c < grid.width; c++) {
          const want = expectedValue(gx0 + c, gy0 + r);
          const got = grid.values[r * grid.width + c] as number;
          if (Number.isNaN(want)) expect(got).toBeNaN();
          else expect(got).toBe(want);
          checked++;
        }
      }
      expect(checked).toBe(grid.width * grid.height);
    });
  }

  it('leaves a tile the server does not have as no data, and names it', async () => {
    const grid = await readTileMosaic({
      urlTemplate: server.url('/sparse/{z}/{x}/{y}.png'),
      zoom: ZOOM,
      bbox: BBOX,
      legend: LEGEND,
      tolerance: 10,
    });
    expect(grid.missingTiles).toEqual([server.url(`/sparse/${ZOOM}/${MISSING.tx}/${MISSING.ty}.png`)]);
    const { gx0, gy0 } = globalPixel(grid);
    // The last pixel lies in the missing tile (bottom right).
    expect(Math.floor((gx0 + grid.width - 1) / TILE)).toBe(MISSING.tx);
    expect(Math.floor((gy0 + grid.height - 1) / TILE)).toBe(MISSING.ty);
    expect(grid.values[grid.values.length - 1]).toBeNaN();
  });

  it('refuses a tile that is not a PNG, naming its URL', async () => {
    await expect(
      readTileMosaic({
        urlTemplate: server.url('/html/{z}/{x}/{y}.png'),
        zoom: ZOOM,
        bbox: [105.3, -5.5, 106, -5.2],
        legend: LEGEND,
        tolerance: 10,
      }),
    ).rejects.toThrow(/html\/6\/50\/32\.png: not a readable PNG tile/);
  });

  it('refuses a bad legend or template before fetching', async () => {
    await expect(
      readTileMosaic({ urlTemplate: server.url('/xyz/{z}/{x}.png'), zoom: ZOOM, bbox: BBOX, legend: LEGEND, tolerance: 10 }),
    ).rejects.toThrow(/\{z\}, \{x\} and \{y\}/);
    await expect(
      readTileMosaic({
        urlTemplate: server.url('/xyz/{z}/{x}/{y}.png'),
        zoom: ZOOM,
        bbox: BBOX,
        legend: [{ color: 'red', value: 1 }],
        tolerance: 10,
      }),
    ).rejects.toThrow(/#rrggbb/);
    await expect(
      readTileMosaic({ urlTemplate: server.url('/xyz/{z}/{x}/{y}.png'), zoom: 12, bbox: BBOX, legend: LEGEND, tolerance: 10 }),
    ).rejects.toThrow(/tiles, more than the limit/);
  });
});
