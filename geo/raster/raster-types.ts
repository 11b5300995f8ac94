/**
 * The contract between raster readers (src/raster/) and raster geometry (geo/raster/).
 * Pure types: no I/O. Units: metres or degrees as the grid's CRS says; areas in km².
 */
import type { MultiPolygon } from 'geojson';

/** Any typed array a GeoTIFF band or a decoded tile mosaic can come in. */
export type GridValues = Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** A single-band georeferenced grid. */
export interface GeoGrid {
  width: number;
  height: number;
  /** Row-major, row 0 = first row of the file. */
  values: GridValues;
  /** Values equal to nodata, or NaN, are no data. */
  nodata?: number;
  /**
   * Pixel corner (col,row) in the grid's CRS: x = originX + col*pixelWidth,
   * y = originY + row*pixelHeight (pixelHeight < 0 for north-up).
   */
  originX: number;
  originY: number;
  pixelWidth: number;
  pixelHeight: number;
  /** 4326, 3857, or UTM 326xx (north) / 327xx (south). */
  epsg: number;
}

export interface VectorizeOptions {
  /** A pixel with value >= threshold is inside the hazard. */
  threshold: number;
  /** Polygons (outer ring minus holes) smaller than this are removed as specks. */
  minAreaKm2?: number;
  /** Outward-only simplification tolerance in metres: the result always contains the unsimplified polygon. */
  simplifyM?: number;
}

export interface VectorizedHazard {
  /** EPSG:4326, valid, holes kept; null when nothing is above threshold. */
  geometry: MultiPolygon | null;
  /** One entry per polygon of `geometry`, same order. */
  polygons: { areaKm2: number; pixelCount: number }[];
  totalAreaKm2: number;
  /** Pixel size in metres at the grid's centre. */
  pixelSizeM: { x: number; y: number };
  /** Polygons removed because they were smaller than minAreaKm2. */
  removedSpecks: number;
}
