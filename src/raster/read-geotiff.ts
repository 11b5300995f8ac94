/**
 * Reads one band of a GeoTIFF or Cloud-Optimized GeoTIFF (file path or http(s) URL) into a GeoGrid,
 * only the window covering `bbox` when given. Over HTTP geotiff.js issues range requests, so for a
 * tiled COG only the header and the tiles under the window travel; `bytesFetched` says how many.
 */
import { stat } from 'node:fs/promises';
import { fromCustomClient, fromFile, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { bboxToPixelWindow, type Bbox } from '../../geo/raster/bbox-to-pixel-window.ts';
import type { GeoGrid, GridValues } from '../../geo/raster/raster-types.ts';
import { CountingFetchClient } from './counting-fetch-client.ts';
import { georeferenceOf } from './geotiff-georeference.ts';
import { RasterReadError } from './raster-read-error.ts';

export interface ReadGeoTiffOptions {
  /** [west, south, east, north] in degrees (EPSG:4326); the whole image when absent. */
  bbox?: Bbox;
  /** 1-based band number, as GDAL counts; default 1. */
  band?: number;
  signal?: AbortSignal;
  userAgent?: string;
  timeoutMs?: number;
}

export interface GeoTiffProduct {
  source: string;
  band: number;
  bandCount: number;
  /** The pixel window read, [col0, row0, col1, row1) of the full image. */
  window: [number, number, number, number];
  fullWidth: number;
  fullHeight: number;
  pixelIsPoint: boolean;
  tiled: boolean;
}

export type GeoTiffGrid = GeoGrid & { bytesFetched?: number; product: GeoTiffProduct };

export async function readGeoTiff(source: string, options: ReadGeoTiffOptions = {}): Promise<GeoTiffGrid> {
  const isUrl = /^https?:\/\//i.test(source);
  const client = isUrl
    ? new CountingFetchClient(source, { userAgent: options.userAgent, timeoutMs: options.timeoutMs, signal: options.signal })
    : undefined;
  const tiff = client ? await openRemote(client, source, options.signal) : await openFile(source, options.signal);
  try {
    const image = await tiff.getImage(0).catch((err: unknown) => {
      throw new RasterReadError(
        `${source}: cannot read the first image directory (${(err as Error).message}); is the file truncated?`,
        source,
        { cause: err },
      );
    });
    const frame = georeferenceOf(image, source);
    const fullWidth = image.getWidth();
    const fullHeight = image.getHeight();
    const bandCount = image.getSamplesPerPixel();
    const band = options.band ?? 1;
    if (!Number.isInteger(band) || band < 1 || band > bandCount) {
      throw new RasterReadError(`${source}: band ${band} is out of range; the image has ${bandCount} band(s), numbered from 1`, source);
    }
    let window: [number, number, number, number] = [0, 0, fullWidth, fullHeight];
    if (options.bbox) {
      const w = bboxToPixelWindow({ ...frame, width: fullWidth, height: fullHeight }, options.bbox);
      if (!w) throw new RasterReadError(`${source}: bbox [${options.bbox.join(', ')}] does not overlap the raster`, source);
      window = w;
    }
    const values = await readBand(image, window, band, source, options.signal);
    const nodata = image.getGDALNoData();
    return {
      width: window[2] - window[0],
      height: window[3] - window[1],
      values,
      ...(nodata === null || Number.isNaN(nodata) ? {} : { nodata }),
      originX: frame.originX + window[0] * frame.pixelWidth,
      originY: frame.originY + window[1] * frame.pixelHeight,
      pixelWidth: frame.pixelWidth,
      pixelHeight: frame.pixelHeight,
      epsg: frame.epsg,
      ...(client ? { bytesFetched: client.bytesFetched } : {}),
      product: { source, band, bandCount, window, fullWidth, fullHeight, pixelIsPoint: frame.pixelIsPoint, tiled: image.isTiled },
    };
  } finally {
    await Promise.resolve(tiff.close()).catch(() => undefined);
  }
}

async function openFile(path: string, signal?: AbortSignal): Promise<GeoTIFF> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new RasterReadError(`${path}: not a file`, path);
  } catch (err) {
    if (err instanceof RasterReadError) throw err;
    throw new RasterReadError(
      `${path}: cannot open (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message})`,
      path,
      { cause: err },
    );
  }
  return fromFile(path, signal).catch((err: unknown) => {
    throw notATiff(path, err);
  });
}

async function openRemote(client: CountingFetchClient, url: string, signal?: AbortSignal): Promise<GeoTIFF> {
  return fromCustomClient(client, {}, signal).catch((err: unknown) => {
    if (err instanceof RasterReadError) throw err;
    throw notATiff(url, err);
  });
}

function notATiff(source: string, err: unknown): RasterReadError {
  return new RasterReadError(`${source}: not a readable TIFF (${(err as Error).message})`, source, { cause: err });
}

async function readBand(
  image: GeoTIFFImage,
  window: [number, number, number, number],
  band: number,
  source: string,
  signal?: AbortSignal,
): Promise<GridValues> {
  let rasters: unknown;
  try {
    rasters = await image.readRasters({ window, samples: [band - 1], interleave: false, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof RasterReadError) throw err;
    throw new RasterReadError(
      `${source}: cannot read the pixels of band ${band} (${(err as Error).message}); is the file truncated or corrupt?`,
      source,
      { cause: err },
    );
  }
  const values = (rasters as unknown[])[0];
  if (!isGridValues(values)) {
    throw new RasterReadError(
      `${source}: band ${band} has a sample type Siaga does not read (${Object.prototype.toString.call(values)})`,
      source,
    );
  }
  return values;
}

function isGridValues(v: unknown): v is GridValues {
  return (
    v instanceof Float32Array ||
    v instanceof Float64Array ||
    v instanceof Int8Array ||
    v instanceof Uint8Array ||
    v instanceof Int16Array ||
    v instanceof Uint16Array ||
    v instanceof Int32Array ||
    v instanceof Uint32Array
  );
}
