/**
 * A threshold on a georeferenced grid → hazard polygons in EPSG:4326.
 *
 * Pipeline: label the pixels with value ≥ threshold into 4-connected components
 * (label-threshold-components.ts) → trace their boundaries along pixel edges, holes included
 * (trace-component-rings.ts) → drop polygons below `minAreaKm2` → optionally grow them by
 * outward-only simplification (simplify-polygons-outward.ts) → reproject to lon/lat and orient
 * rings per RFC 7946 (shells counter-clockwise, holes clockwise).
 *
 * Units: `minAreaKm2` in km² on the mean-radius sphere (as polygon-area-km2.ts), `simplifyM` in
 * metres on the ground. Without simplification a polygon's area is exactly its pixels' area.
 */
import type { MultiPolygon, Position } from 'geojson';
import { polygonAreaKm2 } from '../polygon-area-km2.ts';
import { edgesStayStraight, pixelSizeAtCentreM, pixelSizeAtLatitudeM, toLonLatFor, type ToLonLat } from './grid-crs.ts';
import { labelThresholdComponents } from './label-threshold-components.ts';
import type { GeoGrid, VectorizedHazard, VectorizeOptions } from './raster-types.ts';
import { simplifyPolygonsOutward, type PixelPolygon } from './simplify-polygons-outward.ts';
import { traceComponentRings } from './trace-component-rings.ts';

/** On UTM grids keep a vertex every this many pixels of a straight edge, which curves in lon/lat. */
const UTM_MAX_RUN_PIXELS = 8;

export function vectorizeThreshold(grid: GeoGrid, options: VectorizeOptions): VectorizedHazard {
  checkGrid(grid);
  checkOptions(options);
  const toLonLat = toLonLatFor(grid.epsg);
  const pixelSizeM = pixelSizeAtCentreM(grid);
  const components = labelThresholdComponents(grid, options.threshold);
  const maxRun = edgesStayStraight(grid.epsg) ? Infinity : UTM_MAX_RUN_PIXELS;
  const rings = traceComponentRings(grid.width, grid.height, components, maxRun);

  // One polygon per component: its shell (the only negative ring, by the tracer's 4-connectivity) and its holes.
  const stride = grid.width + 1;
  const shells: (number[] | undefined)[] = new Array(components.count);
  const holes: number[][][] = Array.from({ length: components.count }, () => []);
  const insidePixel = new Float64Array(components.count);
  for (const ring of rings) {
    const flat = latticeToFlat(ring.vertices, stride);
    if (ring.area > 0) {
      (holes[ring.component] as number[][]).push(flat);
      continue;
    }
    if (shells[ring.component]) throw new Error(`internal: component ${ring.component} has two shells`);
    shells[ring.component] = flat;
    insidePixel[ring.component] = ring.pixel;
  }
  const polygons: PixelPolygon[] = [];
  for (let k = 0; k < components.count; k++) {
    const shell = shells[k];
    if (!shell) throw new Error(`internal: component ${k} has no shell`);
    const pixel = insidePixel[k] as number;
    const inside: [number, number] = [(pixel % grid.width) + 0.5, Math.floor(pixel / grid.width) + 0.5];
    polygons.push({ rings: [shell, ...(holes[k] as number[][])], pixelCount: components.pixelCount[k] as number, inside });
  }

  const minArea = options.minAreaKm2 ?? 0;
  let removedSpecks = 0;
  const kept: PixelPolygon[] = [];
  for (const p of polygons) {
    if (minArea > 0 && polygonAreaKm2([p.rings.map((r) => flatToLonLat(r, grid, toLonLat))]) < minArea) removedSpecks++;
    else kept.push(p);
  }

  let parts: { rings: number[][]; pixelCount: number }[];
  if (options.simplifyM !== undefined && options.simplifyM > 0) {
    const metresPerPixel = metresPerPixelFor(grid, pixelSizeM);
    parts = simplifyPolygonsOutward(kept, metresPerPixel, options.simplifyM).map((p) => ({
      // polyclip closes its rings; drop the closing point so every ring here is open.
      rings: p.rings.map((ring) => densify(ring.slice(0, -1).flat(), maxRun)),
      pixelCount: p.pixelCount,
    }));
  } else {
    parts = kept;
  }

  const coordinates: Position[][][] = [];
  const out: VectorizedHazard['polygons'] = [];
  for (const p of parts) {
    const lonLatRings = p.rings.map((ring, i) => orient(flatToLonLat(ring, grid, toLonLat), i === 0));
    coordinates.push(lonLatRings);
    out.push({ areaKm2: polygonAreaKm2([lonLatRings]), pixelCount: p.pixelCount });
  }
  const geometry: MultiPolygon | null = coordinates.length > 0 ? { type: 'MultiPolygon', coordinates } : null;
  const totalAreaKm2 = out.reduce((s, p) => s + p.areaKm2, 0);
  return { geometry, polygons: out, totalAreaKm2, pixelSizeM, removedSpecks };
}

function checkGrid(grid: GeoGrid): void {
  const { width, height } = grid;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`grid size must be positive integers, got ${width} × ${height}`);
  }
  if (grid.values.length !== width * height) throw new RangeError(`grid has ${grid.values.length} values for ${width} × ${height} pixels`);
  for (const [name, v] of [
    ['originX', grid.originX],
    ['originY', grid.originY],
    ['pixelWidth', grid.pixelWidth],
    ['pixelHeight', grid.pixelHeight],
  ] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`grid ${name} must be a finite number, got ${v}`);
  }
  if (grid.pixelWidth === 0 || grid.pixelHeight === 0) throw new RangeError('grid pixelWidth and pixelHeight must not be 0');
}

function checkOptions(options: VectorizeOptions): void {
  if (!Number.isFinite(options.threshold)) throw new RangeError(`threshold must be a finite number, got ${options.threshold}`);
  if (options.minAreaKm2 !== undefined && !(options.minAreaKm2 >= 0))
    throw new RangeError(`minAreaKm2 must be ≥ 0, got ${options.minAreaKm2}`);
  if (options.simplifyM !== undefined && !(options.simplifyM >= 0)) throw new RangeError(`simplifyM must be ≥ 0, got ${options.simplifyM}`);
}

function latticeToFlat(vertices: readonly number[], stride: number): number[] {
  const flat = new Array<number>(vertices.length * 2);
  for (let i = 0; i < vertices.length; i++) {
    const v = vertices[i] as number;
    flat[2 * i] = v % stride;
    flat[2 * i + 1] = (v - (v % stride)) / stride;
  }
  return flat;
}

/** Open flat pixel-coordinate ring → closed ring of [lon, lat]. */
function flatToLonLat(flat: readonly number[], grid: GeoGrid, toLonLat: ToLonLat): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    ring.push(toLonLat(grid.originX + (flat[i] as number) * grid.pixelWidth, grid.originY + (flat[i + 1] as number) * grid.pixelHeight));
  }
  if (ring.length > 0) ring.push((ring[0] as Position).slice());
  return ring;
}

/** RFC 7946: exterior rings counter-clockwise, holes clockwise (whatever the grid's axis directions). */
function orient(ring: Position[], shell: boolean): Position[] {
  let twiceArea = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    twiceArea += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return twiceArea > 0 === shell ? ring : ring.reverse();
}

function metresPerPixelFor(grid: GeoGrid, atCentre: { x: number; y: number }): (r: number) => { x: number; y: number } {
  if (grid.epsg !== 4326) return () => atCentre;
  return (r) => pixelSizeAtLatitudeM(grid, grid.originY + r * grid.pixelHeight);
}

/** Adds vertices along edges longer than maxRun pixels (UTM edges curve in lon/lat). */
function densify(flat: readonly number[], maxRun: number): number[] {
  if (!Number.isFinite(maxRun)) return flat.slice();
  const out: number[] = [];
  const n = flat.length / 2;
  for (let i = 0; i < n; i++) {
    const x0 = flat[2 * i] as number;
    const y0 = flat[2 * i + 1] as number;
    const x1 = flat[((i + 1) % n) * 2] as number;
    const y1 = flat[((i + 1) % n) * 2 + 1] as number;
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / maxRun));
    for (let s = 0; s < steps; s++) out.push(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps);
  }
  return out;
}
