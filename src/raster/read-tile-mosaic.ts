/**
 * XYZ PNG tiles with a colour legend (BMKG's rainfall/radar tiles) → one EPSG:3857 GeoGrid of
 * values covering `bbox`: every tile under the bbox is fetched, decoded through the legend and
 * placed in a mosaic, which is then cropped to the bbox's pixels. `{-y}` in the template is the
 * TMS row (counted from the south), which BMKG's rainfall tiles use. A tile the server does not
 * have (404) is no data — tile servers leave out empty tiles — and is listed in `missingTiles`.
 */
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { bboxToPixelWindow, type Bbox } from '../../geo/raster/bbox-to-pixel-window.ts';
import type { GeoGrid } from '../../geo/raster/raster-types.ts';
import { tileOriginM, xyzTileRange } from '../../geo/raster/xyz-tile-range.ts';
import { legendDecoder, type LegendEntry } from './legend-decoder.ts';
import { rasterHttpGet, type RasterHttpResponse } from './raster-http-get.ts';
import { RasterReadError } from './raster-read-error.ts';

export interface TileMosaicOptions {
  /** http(s) URL or file path with {z}, {x} and {y} (XYZ) or {-y} (TMS). */
  urlTemplate: string;
  zoom: number;
  bbox: Bbox;
  legend: LegendEntry[];
  /** Largest RGB distance (0–255 per channel) from a legend colour that still counts as it. */
  tolerance: number;
  /** Refuse a bbox needing more tiles than this (default 256), before fetching any. */
  maxTiles?: number;
  signal?: AbortSignal;
  userAgent?: string;
  timeoutMs?: number;
}

export type TileMosaicGrid = GeoGrid & { values: Float32Array; bytesFetched: number; tilesFetched: number; missingTiles: string[] };

export async function readTileMosaic(options: TileMosaicOptions): Promise<TileMosaicGrid> {
  const { urlTemplate, zoom, bbox } = options;
  if (!/\{z\}/.test(urlTemplate) || !/\{x\}/.test(urlTemplate) || !/\{-?y\}/.test(urlTemplate)) {
    throw new RasterReadError(`tile URL template must contain {z}, {x} and {y} or {-y}: ${urlTemplate}`, urlTemplate);
  }
  const decode = legendDecoder(options.legend, options.tolerance);
  const range = xyzTileRange(bbox, zoom);
  const cols = range.x1 - range.x0 + 1;
  const rows = range.y1 - range.y0 + 1;
  const maxTiles = options.maxTiles ?? 256;
  if (cols * rows > maxTiles) {
    throw new RasterReadError(
      `bbox [${bbox.join(', ')}] at zoom ${zoom} needs ${cols * rows} tiles, more than the limit of ${maxTiles}`,
      urlTemplate,
    );
  }

  const tiles: { tx: number; ty: number; png: PNG | null; url: string }[] = [];
  let bytesFetched = 0;
  for (let ty = range.y0; ty <= range.y1; ty++) {
    for (let tx = range.x0; tx <= range.x1; tx++) {
      const url = urlTemplate
        .replaceAll('{z}', String(zoom))
        .replaceAll('{x}', String(tx))
        .replaceAll('{-y}', String(2 ** zoom - 1 - ty))
        .replaceAll('{y}', String(ty));
      const bytes = await fetchTile(url, options);
      if (bytes) bytesFetched += bytes.length;
      tiles.push({ tx, ty, url, png: bytes ? decodePng(bytes, url) : null });
    }
  }
  const first = tiles.find((t) => t.png)?.png;
  if (!first)
    throw new RasterReadError(
      `none of the ${tiles.length} tile(s) under the bbox exists (HTTP 404 / no file), e.g. ${tiles[0]?.url}`,
      urlTemplate,
    );
  const size = first.width;
  for (const t of tiles) {
    if (t.png && (t.png.width !== size || t.png.height !== size)) {
      throw new RasterReadError(`${t.url}: tile is ${t.png.width} × ${t.png.height} pixels, the others are ${size} × ${size}`, t.url);
    }
  }

  // The full mosaic, then the bbox's window of it.
  const width = cols * size;
  const height = rows * size;
  const mosaic = new Float32Array(width * height).fill(Number.NaN);
  for (const t of tiles) {
    if (!t.png) continue;
    const data = t.png.data;
    const left = (t.tx - range.x0) * size;
    const top = (t.ty - range.y0) * size;
    for (let r = 0; r < size; r++) {
      const rowStart = (top + r) * width + left;
      for (let c = 0; c < size; c++) {
        const p = (r * size + c) * 4;
        mosaic[rowStart + c] = decode(data[p] as number, data[p + 1] as number, data[p + 2] as number, data[p + 3] as number);
      }
    }
  }
  const corner = tileOriginM(zoom, range.x0, range.y0);
  const pixel = corner.size / size;
  const frame = { width, height, originX: corner.x, originY: corner.y, pixelWidth: pixel, pixelHeight: -pixel, epsg: 3857 };
  const window = bboxToPixelWindow(frame, bbox);
  if (!window) throw new RasterReadError(`bbox [${bbox.join(', ')}] is outside the web-mercator world`, urlTemplate);
  const [c0, r0, c1, r1] = window;
  const values = new Float32Array((c1 - c0) * (r1 - r0));
  for (let r = r0; r < r1; r++) values.set(mosaic.subarray(r * width + c0, r * width + c1), (r - r0) * (c1 - c0));
  return {
    width: c1 - c0,
    height: r1 - r0,
    values,
    originX: corner.x + c0 * pixel,
    originY: corner.y - r0 * pixel,
    pixelWidth: pixel,
    pixelHeight: -pixel,
    epsg: 3857,
    bytesFetched,
    tilesFetched: tiles.filter((t) => t.png).length,
    missingTiles: tiles.filter((t) => !t.png).map((t) => t.url),
  };
}

/** The tile's bytes, or null when the server (or the folder) does not have it. */
async function fetchTile(url: string, options: TileMosaicOptions): Promise<Buffer | null> {
  if (!/^https?:\/\//i.test(url)) {
    try {
      return await readFile(url);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new RasterReadError(`${url}: cannot read tile (${(err as Error).message})`, url, { cause: err });
    }
  }
  let response: RasterHttpResponse;
  try {
    response = await rasterHttpGet(url, { userAgent: options.userAgent, timeoutMs: options.timeoutMs, signals: [options.signal] });
  } catch (err) {
    throw new RasterReadError(`cannot fetch tile ${url}: ${(err as Error).message}`, url, { cause: err, retryable: true });
  }
  if (response.status === 404) return null;
  if (response.status < 200 || response.status > 299) {
    throw new RasterReadError(`HTTP ${response.status} ${response.statusText} from tile ${url}`, url, {
      retryable: response.status >= 500 || response.status === 429,
    });
  }
  return response.bytes;
}

function decodePng(bytes: Buffer, url: string): PNG {
  try {
    return PNG.sync.read(bytes);
  } catch (err) {
    throw new RasterReadError(`${url}: not a readable PNG tile (${(err as Error).message})`, url, { cause: err });
  }
}
