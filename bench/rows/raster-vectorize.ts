// Row raster-vectorize: a rain-rate threshold (20 mm/h) on a 4000 × 4000 Float32 raster turned into
// hazard polygons by vectorizeThreshold (typed-array labelling and pixel-edge marching squares),
// against @turf/turf isobands with breaks [20, ∞) — turf's isobands, not isolines, because a hazard
// is an area. Turf needs a GeoJSON Point per pixel and nests rings pairwise (quadratic), so a
// 4000 × 4000 grid (16 M Point features) does not fit in memory; it runs on a 250 × 250 (quick) or
// 400 × 400 (full) subsample of the same field, and the lines compare megapixels per second. The
// second line prices outward simplification against the plain run; the third runs Siaga and turf
// on the same small grid.
import { isobands } from '@turf/turf';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoGrid } from '../../geo/raster/raster-types.ts';
import { vectorizeThreshold } from '../../geo/raster/vectorize-threshold.ts';
import { createSeededRandom } from '../../geo/seeded-random.ts';
import { median, round3 } from '../measure.ts';
import type { BenchMode, RowLine } from '../row-types.ts';

const SIZE = 4000;
const THRESHOLD = 20;
/** 0.01° pixels (~1.1 km, GSMaP/IMERG-like resolution ×10) over western Indonesia. */
const PIXEL_DEG = 0.01;
const BASELINE_SIZE: Record<BenchMode, number> = { quick: 250, full: 400 };
const SIAGA_RUNS: Record<BenchMode, number> = { quick: 3, full: 7 };

export async function runRow(mode: BenchMode): Promise<RowLine[]> {
  const field = rainField(SIZE, 'raster-vectorize');
  const big = timeRuns(() => vectorizeThreshold(field, { threshold: THRESHOLD }), SIAGA_RUNS[mode]);
  const siagaPeakRssKb = process.resourceUsage().maxRSS;
  const bigResult = vectorizeThreshold(field, { threshold: THRESHOLD });
  // What a hazard candidate actually uses: specks under 5 km² (about four pixels) dropped, simplified outward by 1 km.
  const candidateOptions = { threshold: THRESHOLD, minAreaKm2: 5, simplifyM: 1000 };
  const simplified = timeRuns(() => vectorizeThreshold(field, candidateOptions), 1);
  const simplifiedResult = vectorizeThreshold(field, candidateOptions);
  const simplifiedPeakRssKb = process.resourceUsage().maxRSS;

  const small = subsample(field, SIZE / BASELINE_SIZE[mode]);
  // Siaga's small runs first: turf's millions of objects leave the garbage collector busy afterwards.
  const smallSiaga = timeRuns(() => vectorizeThreshold(small, { threshold: THRESHOLD }), 21);
  const smallResult = vectorizeThreshold(small, { threshold: THRESHOLD });
  const points = pointGrid(small);
  const turf = timeRuns(() => isobands(points, [THRESHOLD, Number.MAX_VALUE], { zProperty: 'v' }), mode === 'quick' ? 3 : 5);
  const turfBands = isobands(points, [THRESHOLD, Number.MAX_VALUE], { zProperty: 'v' });

  const mpx = (grid: GeoGrid) => (grid.width * grid.height) / 1e6;
  const baselineLabel = `@turf/turf isobands([${THRESHOLD}, ∞)) on a GeoJSON point grid of the same field subsampled to ${small.width} × ${small.height} (a ${SIZE} × ${SIZE} point grid does not fit in memory)`;
  const turfFigure = { label: baselineLabel, perSecond: mpx(small) / turf.seconds, samples: turf.samples, seconds: round3(turf.seconds) };
  const smallCount = smallResult.polygons.length;
  return [
    {
      row: 'raster-vectorize',
      measures: `threshold ≥ ${THRESHOLD} → polygons, ${SIZE} × ${SIZE} Float32 rain field`,
      unit: 'Mpx/s',
      siaga: { perSecond: mpx(field) / big.seconds, samples: big.samples, seconds: round3(big.seconds) },
      baseline: turfFigure,
      slowdown: turfFigure.perSecond / (mpx(field) / big.seconds),
      details: {
        seconds: round3(big.seconds),
        runs: big.all.map(round3),
        siagaPeakRssMiB: Math.round(siagaPeakRssKb / 1024),
        polygons: bigResult.polygons.length,
        vertices: vertexCount(bigResult.geometry?.coordinates ?? []),
        areaKm2: Math.round(bigResult.totalAreaKm2),
        baselineGrid: `${small.width}×${small.height}`,
        baselineSeconds: round3(turf.seconds),
      },
    },
    {
      row: 'raster-vectorize',
      measures: `same ${SIZE} × ${SIZE} field, specks < 5 km² dropped, simplified outward 1 km`,
      unit: 'Mpx/s',
      siaga: { perSecond: mpx(field) / simplified.seconds, samples: simplified.samples, seconds: round3(simplified.seconds) },
      baseline: {
        label: 'vectorizeThreshold without speck removal or simplification (first line): the price of outward-only simplification',
        perSecond: mpx(field) / big.seconds,
        samples: big.samples,
        seconds: round3(big.seconds),
      },
      slowdown: big.seconds === 0 ? 0 : simplified.seconds / big.seconds,
      details: {
        seconds: round3(simplified.seconds),
        peakRssMiB: Math.round(simplifiedPeakRssKb / 1024),
        polygons: simplifiedResult.polygons.length,
        removedSpecks: simplifiedResult.removedSpecks,
        vertices: vertexCount(simplifiedResult.geometry?.coordinates ?? []),
        areaKm2: Math.round(simplifiedResult.totalAreaKm2),
      },
    },
    {
      row: 'raster-vectorize',
      measures: `same, both on the ${small.width} × ${small.height} subsample`,
      unit: 'Mpx/s',
      siaga: { perSecond: mpx(small) / smallSiaga.seconds, samples: smallSiaga.samples, seconds: round3(smallSiaga.seconds) },
      baseline: {
        ...turfFigure,
        label: `@turf/turf isobands([${THRESHOLD}, ∞)) on the same ${small.width} × ${small.height} grid as GeoJSON points`,
      },
      slowdown: turfFigure.perSecond / (mpx(small) / smallSiaga.seconds),
      details: {
        siagaPolygons: smallCount,
        turfPolygons: turfBands.features[0]?.geometry.coordinates.length ?? 0,
        siagaSeconds: round3(smallSiaga.seconds),
        turfSeconds: round3(turf.seconds),
      },
    },
  ];
}

function timeRuns(work: () => unknown, runs: number): { seconds: number; samples: number; all: number[] } {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    if (work() === undefined) throw new Error('benchmarked function returned nothing');
    all.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: median(all), samples: runs, all };
}

/**
 * A seeded, realistic-looking rain-rate field (mm/h): convective cells as Gaussians of 5–60 km and
 * 10–80 mm/h over a light background, plus pixel noise, so that the 20 mm/h edge is ragged and
 * leaves specks and holes as real products do.
 */
function rainField(size: number, seed: string): GeoGrid {
  const rnd = createSeededRandom(seed);
  const values = new Float32Array(size * size);
  const cells = Math.round((size * size) / 250_000);
  for (let k = 0; k < cells; k++) {
    const cx = rnd() * size;
    const cy = rnd() * size;
    const sigma = 5 + rnd() * 55;
    const peak = 10 + rnd() * 70;
    const reach = Math.ceil(3 * sigma);
    for (let r = Math.max(0, Math.floor(cy - reach)); r < Math.min(size, cy + reach); r++) {
      for (let c = Math.max(0, Math.floor(cx - reach)); c < Math.min(size, cx + reach); c++) {
        const i = r * size + c;
        values[i] = (values[i] as number) + peak * Math.exp(-((c - cx) ** 2 + (r - cy) ** 2) / (2 * sigma * sigma));
      }
    }
  }
  for (let i = 0; i < values.length; i++) values[i] = Math.max(0, (values[i] as number) + 1 + (rnd() - 0.5) * 4);
  return { width: size, height: size, values, originX: 95, originY: 6, pixelWidth: PIXEL_DEG, pixelHeight: -PIXEL_DEG, epsg: 4326 };
}

/** Every `step`-th pixel: the same weather at a coarser resolution. */
function subsample(grid: GeoGrid, step: number): GeoGrid {
  const width = Math.floor(grid.width / step);
  const height = Math.floor(grid.height / step);
  const values = new Float32Array(width * height);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) values[r * width + c] = grid.values[r * step * grid.width + c * step] as number;
  return { ...grid, width, height, values, pixelWidth: grid.pixelWidth * step, pixelHeight: grid.pixelHeight * step };
}

/** The grid as turf wants it: one Point feature per pixel centre with the value in `v`. */
function pointGrid(grid: GeoGrid): FeatureCollection<Point, { v: number }> {
  const features: FeatureCollection<Point, { v: number }>['features'] = [];
  for (let r = 0; r < grid.height; r++) {
    for (let c = 0; c < grid.width; c++) {
      const coordinates = [grid.originX + (c + 0.5) * grid.pixelWidth, grid.originY + (r + 0.5) * grid.pixelHeight];
      features.push({
        type: 'Feature',
        properties: { v: grid.values[r * grid.width + c] as number },
        geometry: { type: 'Point', coordinates },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

function vertexCount(polygons: number[][][][]): number {
  return polygons.reduce((s, p) => s + p.reduce((t, ring) => t + ring.length, 0), 0);
}
