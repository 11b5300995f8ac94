// `siaga raster vectorize`: threshold one band of a GeoTIFF (file or URL) into hazard polygons and
// print them with their areas, for an analyst choosing a threshold. Stores nothing, needs no database.
import type { Command } from 'commander';
import { vectorizeThreshold } from '../../geo/raster/vectorize-threshold.ts';
import type { VectorizedHazard } from '../../geo/raster/raster-types.ts';
import { RasterReadError } from '../raster/raster-read-error.ts';
import { readGeoTiff, type GeoTiffGrid } from '../raster/read-geotiff.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

interface Options {
  threshold: string;
  band?: string;
  minAreaKm2?: string;
  simplifyM?: string;
  json?: boolean;
  geojson?: boolean;
}

export function registerRasterVectorize(parent: Command, ctx: CliContext): void {
  const raster =
    parent.commands.find((c) => c.name() === 'raster') ??
    parent
      .command('raster')
      .description('satellite and radar rasters: vectorize')
      .exitOverride()
      .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
  raster
    .command('vectorize')
    .description('turn pixels with value >= THRESHOLD in a GeoTIFF (file or http/https URL) into polygons; prints them, stores nothing')
    .argument('<source>', 'GeoTIFF or Cloud-Optimized GeoTIFF: a file path or an http(s) URL')
    .requiredOption('--threshold <x>', "pixels with value >= x are inside (in the band's own units)")
    .option('--band <n>', 'band number, from 1', '1')
    .option('--min-area-km2 <a>', 'drop polygons smaller than a km²')
    .option('--simplify-m <m>', 'simplify outward only (the polygons only grow), tolerance in metres')
    .option('--json', 'print the summary and polygons as JSON')
    .option('--geojson', 'print a GeoJSON FeatureCollection (one Feature per polygon)')
    .addHelpText(
      'after',
      examples(
        'siaga raster vectorize fixtures/bmkg/geotiff-testdata-gpm_1d.20240617.tif --threshold 20 --min-area-km2 5 --simplify-m 500',
        'siaga raster vectorize https://example.org/imerg/latest.tif --threshold 20 --geojson > rain.geojson',
      ),
    )
    .action(async (source: string, opts: Options) => {
      if (opts.json && opts.geojson) throw new CliError('--json and --geojson cannot be used together', 2);
      const threshold = number(opts.threshold, '--threshold');
      const band = integer(opts.band ?? '1', '--band');
      const minAreaKm2 = opts.minAreaKm2 === undefined ? undefined : nonNegative(opts.minAreaKm2, '--min-area-km2');
      const simplifyM = opts.simplifyM === undefined ? undefined : nonNegative(opts.simplifyM, '--simplify-m');
      const config = /^https?:\/\//i.test(source) ? ctx.config() : undefined;
      if (config) ctx.err(`reading ${source}…`);
      let grid: GeoTiffGrid;
      try {
        grid = await readGeoTiff(source, { band, ...(config ? { userAgent: config.httpUserAgent, timeoutMs: config.httpTimeoutMs } : {}) });
      } catch (err) {
        if (err instanceof RasterReadError) throw new CliError(err.message, 1, { cause: err });
        throw err;
      }
      const started = performance.now();
      const result = vectorizeThreshold(grid, {
        threshold,
        ...(minAreaKm2 !== undefined ? { minAreaKm2 } : {}),
        ...(simplifyM !== undefined ? { simplifyM } : {}),
      });
      const seconds = (performance.now() - started) / 1000;
      if (opts.geojson) ctx.out(JSON.stringify(toFeatureCollection(result, grid, threshold)));
      else if (opts.json)
        ctx.out(
          JSON.stringify(
            {
              source,
              band,
              threshold,
              minAreaKm2: minAreaKm2 ?? null,
              simplifyM: simplifyM ?? null,
              grid: gridSummary(grid),
              ...summary(result),
              geometry: result.geometry,
            },
            null,
            2,
          ),
        );
      else printText(ctx, source, grid, result, threshold, seconds);
    });
}

function gridSummary(grid: GeoTiffGrid): Record<string, unknown> {
  return {
    width: grid.width,
    height: grid.height,
    epsg: grid.epsg,
    nodata: grid.nodata ?? null,
    pixelIsPoint: grid.product.pixelIsPoint,
    ...(grid.bytesFetched !== undefined ? { bytesFetched: grid.bytesFetched } : {}),
  };
}

function summary(result: VectorizedHazard): Record<string, unknown> {
  return {
    polygons: result.polygons,
    totalAreaKm2: result.totalAreaKm2,
    pixelSizeM: result.pixelSizeM,
    removedSpecks: result.removedSpecks,
  };
}

function toFeatureCollection(result: VectorizedHazard, grid: GeoTiffGrid, threshold: number): unknown {
  const features = (result.geometry?.coordinates ?? []).map((coordinates, i) => ({
    type: 'Feature',
    properties: {
      index: i,
      areaKm2: result.polygons[i]?.areaKm2,
      pixelCount: result.polygons[i]?.pixelCount,
      threshold,
      source: grid.product.source,
      band: grid.product.band,
    },
    geometry: { type: 'Polygon', coordinates },
  }));
  return { type: 'FeatureCollection', features };
}

function printText(ctx: CliContext, source: string, grid: GeoTiffGrid, result: VectorizedHazard, threshold: number, seconds: number): void {
  const fetched = grid.bytesFetched !== undefined ? `, ${grid.bytesFetched.toLocaleString('en')} bytes fetched` : '';
  ctx.out(
    `${source}: band ${grid.product.band} of ${grid.product.bandCount}, ${grid.width} × ${grid.height} pixels, EPSG:${grid.epsg}${grid.nodata !== undefined ? `, nodata ${grid.nodata}` : ''}${grid.product.pixelIsPoint ? ', PixelIsPoint' : ''}${fetched}`,
  );
  ctx.out(`pixel ≈ ${result.pixelSizeM.x.toFixed(1)} × ${result.pixelSizeM.y.toFixed(1)} m at the centre; threshold >= ${threshold}`);
  if (result.polygons.length === 0) ctx.out('no pixel at or above the threshold');
  result.polygons.forEach((p, i) => ctx.out(`  #${i + 1}  ${p.areaKm2.toFixed(3)} km²  ${p.pixelCount} pixels  ${ringCount(result, i)}`));
  ctx.out(
    `${result.polygons.length} polygon(s), ${result.totalAreaKm2.toFixed(3)} km² in all${result.removedSpecks > 0 ? `, ${result.removedSpecks} speck(s) removed` : ''} (${seconds.toFixed(2)} s)`,
  );
}

function ringCount(result: VectorizedHazard, i: number): string {
  const holes = (result.geometry?.coordinates[i]?.length ?? 1) - 1;
  return holes > 0 ? `${holes} hole(s)` : '';
}

function number(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new CliError(`${flag} must be a number, got "${text}"`, 2);
  return n;
}

function integer(text: string, flag: string): number {
  const n = number(text, flag);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} must be a whole number from 1, got "${text}"`, 2);
  return n;
}

function nonNegative(text: string, flag: string): number {
  const n = number(text, flag);
  if (n < 0) throw new CliError(`${flag} must be ≥ 0, got "${text}"`, 2);
  return n;
}
