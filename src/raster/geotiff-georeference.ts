/**
 * Where a GeoTIFF image sits: CRS from its GeoKeys, origin and pixel size from ModelTiepoint +
 * ModelPixelScale or ModelTransformation, PixelIsPoint turned into the pixel-corner origin that
 * GeoGrid uses. Refuses rotated or sheared images and CRSs Siaga cannot reproject, naming them.
 */
import type { GeoTIFFImage } from 'geotiff';
import { isSupportedEpsg } from '../../geo/raster/grid-crs.ts';
import { RasterReadError } from './raster-read-error.ts';

/** GeoTIFF 1.1: GTModelTypeGeoKey values, and RasterPixelIsPoint for GTRasterTypeGeoKey. */
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
const USER_DEFINED = 32767;

export interface GeoTiffFrame {
  originX: number;
  originY: number;
  pixelWidth: number;
  pixelHeight: number;
  epsg: number;
  pixelIsPoint: boolean;
}

export function georeferenceOf(image: GeoTIFFImage, source: string): GeoTiffFrame {
  const keys = image.getGeoKeys() ?? {};
  const epsg = epsgOf(keys, source);
  const dir = image.getFileDirectory();
  const tiepoint = dir.getValue('ModelTiepoint') as number[] | undefined;
  const scale = dir.getValue('ModelPixelScale') as number[] | undefined;
  const transform = dir.getValue('ModelTransformation') as number[] | undefined;
  let originX: number;
  let originY: number;
  let pixelWidth: number;
  let pixelHeight: number;
  if (tiepoint && tiepoint.length >= 6 && scale && scale.length >= 2) {
    // The tiepoint ties raster point (I, J) to model (X, Y); it is (0, 0) in most files but not all.
    const [i = 0, j = 0, , x = 0, y = 0] = tiepoint;
    pixelWidth = scale[0] as number;
    pixelHeight = -(scale[1] as number);
    originX = x - i * pixelWidth;
    originY = y - j * pixelHeight;
  } else if (transform && transform.length >= 8) {
    if (transform[1] !== 0 || transform[4] !== 0) {
      throw new RasterReadError(`${source}: the image is rotated or sheared (ModelTransformation), which Siaga does not read`, source);
    }
    [pixelWidth, originX] = [transform[0] as number, transform[3] as number];
    [pixelHeight, originY] = [transform[5] as number, transform[7] as number];
  } else {
    throw new RasterReadError(`${source}: no georeferencing (neither ModelTiepoint + ModelPixelScale nor ModelTransformation)`, source);
  }
  if (![originX, originY, pixelWidth, pixelHeight].every(Number.isFinite) || pixelWidth === 0 || pixelHeight === 0) {
    throw new RasterReadError(
      `${source}: unusable georeferencing (origin ${originX}, ${originY}; pixel ${pixelWidth} × ${pixelHeight})`,
      source,
    );
  }
  const pixelIsPoint = keys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT;
  if (pixelIsPoint) {
    // PixelIsPoint: the tiepoint is the centre of pixel (0, 0); GeoGrid's origin is its corner.
    originX -= pixelWidth / 2;
    originY -= pixelHeight / 2;
  }
  return { originX, originY, pixelWidth, pixelHeight, epsg, pixelIsPoint };
}

function epsgOf(keys: Record<string, unknown>, source: string): number {
  const model = keys.GTModelTypeGeoKey;
  const code =
    model === MODEL_PROJECTED
      ? keys.ProjectedCSTypeGeoKey
      : model === MODEL_GEOGRAPHIC
        ? keys.GeographicTypeGeoKey
        : (keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey);
  if (typeof code !== 'number') {
    throw new RasterReadError(
      `${source}: no EPSG code in its GeoKeys (GTModelTypeGeoKey ${String(model)}); Siaga needs EPSG:4326, EPSG:3857 or a WGS 84 UTM zone`,
      source,
    );
  }
  if (code === USER_DEFINED) {
    throw new RasterReadError(
      `${source}: user-defined CRS (GeoKey value 32767) is not supported; reproject it to EPSG:4326 or a WGS 84 UTM zone`,
      source,
    );
  }
  if (!isSupportedEpsg(code)) {
    throw new RasterReadError(
      `${source}: CRS EPSG:${code} is not supported (supported: EPSG:4326, EPSG:3857, WGS 84 UTM EPSG:326xx/327xx)`,
      source,
    );
  }
  return code;
}
