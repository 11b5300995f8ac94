// raster-<product>: satellite rainfall rasters (GeoTIFF/COG or XYZ colour tiles, configured in
// RASTER_PRODUCTS), one feed per product. Each run reads the newest product time, turns the
// threshold into polygons, counts the villages and households inside with the alerts' targeting
// query, and stores a hazard CANDIDATE (once per product time). It never warns anyone: a liaison
// approves a candidate first (siaga hazards approve, or the liaison API).
//   product time → read window → vectorize → draft candidate → log
import { vectorizeThreshold } from '../geo/raster/vectorize-threshold.ts';
import type { Config } from '../src/config.ts';
import { insertFetch } from '../src/db/feed-log.ts';
import type { FetchOutcome } from '../src/db/fetch-outcomes.ts';
import { cronCadenceMs } from '../src/feeds/cron-cadence.ts';
import { emptySummary, type FeedDeps, type FeedJob, type FeedRunContext, type FeedRunSummary } from '../src/feeds/feed-job.ts';
import { draftCandidate, type DraftOutcome } from '../src/hazards/draft-candidate.ts';
import { expandTimeTemplate, productTimeFor } from '../src/hazards/product-time.ts';
import type { RasterProduct } from '../src/policy/raster-product.ts';
import type { ReadRasterProduct } from '../src/hazards/raster-reader.ts';
import { jobDrafter } from '../src/hazards/reviewer-name.ts';

export const rasterFeedName = (product: string) => `raster-${product}`;

// A COG window is several range requests; the whole read gets a few fetch timeouts.
const READ_TIMEOUTS = 3;

/** One feed per configured product; `read` is src/hazards/read-raster-product.ts (tests give their own). */
export function createRasterRainfallJobs(config: Config, read: ReadRasterProduct): FeedJob[] {
  return config.hazards.products.map((product) => createRasterRainfallJob(config, product, read));
}

export function createRasterRainfallJob(config: Config, product: RasterProduct, read: ReadRasterProduct): FeedJob {
  const feed = rasterFeedName(product.name);
  return {
    name: feed,
    description: `${product.title}: ${product.kind} ≥ ${product.threshold}${product.unit ? ` ${product.unit}` : ''} → hazard candidates for review (never sent unapproved)`,
    schedule: product.schedule,
    cadenceMs: cronCadenceMs(product.schedule),
    urls: [product.url],
    async run(deps: FeedDeps, ctx: FeedRunContext): Promise<FeedRunSummary> {
      const summary = emptySummary();
      const productTime = productTimeFor(deps.now(), product);
      const url = ctx.urlOverride ?? expandTimeTemplate(product.url, productTime);
      const log = logger(deps, ctx, summary, feed, url);
      // A candidate exists to be reviewed before its product's validity runs out; an archived raster
      // is past it, and its product time is not the run's. Refused, and said so in the log.
      if (ctx.slot === 'backfill') {
        await log.error(
          'backfill_unsupported',
          `${feed} cannot be backfilled: raster candidates are reviewed while their product is current, and an archived one has expired`,
        );
        return summary;
      }

      let grid;
      try {
        grid = await read(product, url, {
          timeoutMs: config.httpTimeoutMs,
          userAgent: config.httpUserAgent,
          signal: AbortSignal.timeout(config.httpTimeoutMs * READ_TIMEOUTS),
        });
      } catch (err) {
        await log.error(
          errorClassOf(err),
          `${product.title} ${productTime.toISOString()} could not be read: ${messageOf(err)}`,
          statusOf(err),
        );
        return summary;
      }
      let hazard;
      try {
        hazard = vectorizeThreshold(grid.grid, {
          threshold: product.threshold,
          minAreaKm2: product.minAreaKm2,
          simplifyM: product.simplifyM,
        });
      } catch (err) {
        await log.error(
          'invalid_payload',
          `${product.title} ${productTime.toISOString()} could not be vectorized: ${messageOf(err)}`,
          undefined,
          grid.bytesFetched,
        );
        return summary;
      }
      const drafted = await draftCandidate(deps.db, {
        product,
        productTime,
        sourceUrl: url,
        hazard,
        draftedBy: jobDrafter(product.name),
        now: deps.now(),
        marginM: config.targetMarginMetres,
      });
      deps.logger.info(
        {
          productTime: productTime.toISOString(),
          areaKm2: hazard.totalAreaKm2,
          polygons: hazard.polygons.length,
          removedSpecks: hazard.removedSpecks,
          ...drafted,
        },
        describe(drafted),
      );
      await log.done(drafted, grid.bytesFetched);
      return summary;
    },
  };
}

function describe(d: DraftOutcome): string {
  switch (d.outcome) {
    case 'new':
      return 'hazard candidate drafted for review';
    case 'exists':
      return 'this product time has a candidate already';
    case 'empty':
      return 'nothing above the threshold';
    case 'no_villages':
      return 'above the threshold only where no village is';
    case 'expired':
      return 'the product is older than its validity; no candidate';
  }
}

/** The run's one ingestion-log row (a raster read is one fetch, however many range requests it took). */
function logger(deps: FeedDeps, ctx: FeedRunContext, summary: FeedRunSummary, feed: string, url: string) {
  const started = deps.now();
  const t0 = performance.now();
  const write = async (
    outcome: FetchOutcome,
    fields: { bytes?: number; status?: number; seen?: number; added?: number; errorClass?: string; message?: string },
  ) => {
    summary.fetches += 1;
    if (outcome === 'error') summary.errors += 1;
    summary.itemsSeen += fields.seen ?? 0;
    summary.itemsNew += fields.added ?? 0;
    await insertFetch(deps.db, {
      feed,
      url,
      slot: ctx.slot,
      backfill: ctx.slot === 'backfill',
      startedAt: started,
      durationMs: performance.now() - t0,
      attempts: 1,
      httpStatus: fields.status ?? null,
      bytes: fields.bytes ?? null,
      etag: null,
      lastModified: null,
      outcome,
      itemsSeen: fields.seen ?? 0,
      itemsNew: fields.added ?? 0,
      itemsUpdated: 0,
      itemsInvalid: 0,
      errorClass: fields.errorClass ?? null,
      errorMessage: fields.message ?? null,
    });
  };
  return {
    async error(errorClass: string, message: string, status?: number, bytes?: number) {
      deps.logger.warn({ url, errorClass, status }, message);
      await write('error', { errorClass, message, status, bytes });
    },
    async done(d: DraftOutcome, bytes?: number) {
      // One item per product time that had something above the threshold; new when drafted now.
      const seen = d.outcome === 'empty' ? 0 : 1;
      await write(d.outcome === 'new' ? 'new' : 'unchanged', { bytes, seen, added: d.outcome === 'new' ? 1 : 0 });
    },
  };
}

function errorClassOf(err: unknown): string {
  const e = err as { errorClass?: unknown; name?: unknown };
  if (typeof e?.errorClass === 'string') return e.errorClass;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  return 'read_failed';
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
