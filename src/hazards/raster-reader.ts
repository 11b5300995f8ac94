// What the raster job needs from a reader: one product time of a product as a grid. The real one
// is src/hazards/read-raster-product.ts (GeoTIFF/COG windows and tile mosaics, src/raster/).
import type { GeoGrid } from '../../geo/raster/raster-types.ts';
import type { RasterProduct } from '../policy/raster-product.ts';

export interface ReadProduct {
  grid: GeoGrid;
  /** Bytes transferred, when the reader counts them (range requests). */
  bytesFetched?: number;
}

export interface ReadOptions {
  /** Per HTTP request. */
  timeoutMs: number;
  userAgent: string;
  /** Ends the whole read (a COG window or a mosaic is many requests). */
  signal: AbortSignal;
}

export type ReadRasterProduct = (product: RasterProduct, url: string, options: ReadOptions) => Promise<ReadProduct>;
