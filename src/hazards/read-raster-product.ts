// Reads one product time of a configured raster product into a grid: a (Cloud-Optimized) GeoTIFF
// window over the area of interest, fetched with range requests, or the XYZ tile mosaic covering
// it, decoded through the product's colour legend. The readers themselves are src/raster/.
import { readGeoTiff } from '../raster/read-geotiff.ts';
import { readTileMosaic } from '../raster/read-tile-mosaic.ts';
import type { ReadRasterProduct } from './raster-reader.ts';

export const readRasterProduct: ReadRasterProduct = async (product, url, options) => {
  if (product.kind === 'geotiff') {
    const grid = await readGeoTiff(url, { bbox: product.bbox, band: product.band, ...options });
    return { grid, bytesFetched: grid.bytesFetched };
  }
  // The schema guarantees zoom and legend for tiles; checked again so a bad call says so.
  if (product.zoom === undefined || !product.legend)
    throw new Error(`raster product ${product.name}: a tiles product needs zoom and legend`);
  const grid = await readTileMosaic({
    urlTemplate: url,
    zoom: product.zoom,
    bbox: product.bbox,
    legend: product.legend,
    tolerance: product.tolerance,
    ...options,
  });
  return { grid, bytesFetched: grid.bytesFetched };
};
