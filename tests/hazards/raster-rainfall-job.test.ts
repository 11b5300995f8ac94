// The scheduled raster job: reads a product time (here from a reader standing in for the GeoTIFF
// and tile readers), vectorizes it, drafts one candidate per product time with the villages and
// households inside, and logs every run in the ingestion log. It never warns anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoGrid } from '../../geo/raster/raster-types.ts';
import { createRasterRainfallJob } from '../../jobs/raster-rainfall.ts';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../src/config.ts';
import { listCandidates } from '../../src/db/hazard-candidate-queries.ts';
import { listFetches } from '../../src/db/feed-log.ts';
import type { FeedDeps } from '../../src/feeds/feed-job.ts';
import { runFeed } from '../../src/feeds/run-feed.ts';
import { expandTimeTemplate, productTimeFor } from '../../src/hazards/product-time.ts';
import type { ReadRasterProduct } from '../../src/hazards/raster-reader.ts';
import { createLogger } from '../../src/logger.ts';
import { loadDeliSerdang, testClock } from '../support/delivery-harness.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { householdsInBoxes, ledgerHouseholds, testProduct } from './hazard-test-kit.ts';

// 40 × 40 pixels of 0.01° from (98.6 E, 3.7 N): rain of 30 mm/h on columns 5-11, rows 5-11
// (98.65-98.72 E, 3.58-3.65 N), one isolated rainy pixel (a speck below minAreaKm2), dry elsewhere.
const RAIN_BOX: [number, number, number, number] = [98.65, 3.58, 98.72, 3.65];
function rainGrid(rain = 30): GeoGrid {
  const width = 40;
  const values = new Float32Array(width * width);
  for (let row = 5; row < 12; row++) for (let col = 5; col < 12; col++) values[row * width + col] = rain;
  values[30 * width + 30] = rain;
  return { width, height: width, values, originX: 98.6, originY: 3.7, pixelWidth: 0.01, pixelHeight: -0.01, epsg: 4326, nodata: -9999 };
}

describe(`raster rainfall job (${engineUnderTest})`, () => {
  let t: TestDb;
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const clock = testClock(new Date().toISOString());
  const handedOn: number[][] = [];
  const deps = (): FeedDeps => ({
    db: t.db,
    fetch: async () => {
      throw new Error('the raster job reads through its reader, not the feed fetcher');
    },
    ingestCap: (doc) => ingestCapDocument(t.db, doc, { dryRun: false, maxBytes: 5e6, marginM: 0 }),
    logger: createLogger('silent'),
    now: clock.now,
    sender: 'peringatan@siaga.test',
    payloadRetentionDays: 1,
    handOn: async (ids) => void handedOn.push(ids),
  });

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 1500, 'raster-job');
  });
  afterAll(() => t.drop());

  it('drafts one candidate per product time, logged, and warns nobody', async () => {
    const product = testProduct('test-rain', { minAreaKm2: 5 });
    const reads: string[] = [];
    const read: ReadRasterProduct = async (p, url) => {
      reads.push(url);
      expect(p.name).toBe('test-rain');
      return { grid: rainGrid(), bytesFetched: 4096 };
    };
    const job = createRasterRainfallJob(config, product, read);
    expect(job.name).toBe('raster-test-rain');

    const summary = await runFeed([job], deps(), job.name, { slot: 'raster-test-rain@1' });
    expect(summary).toMatchObject({ fetches: 1, errors: 0, itemsSeen: 1, itemsNew: 1 });
    const productTime = productTimeFor(clock.now(), product);
    expect(reads).toEqual([expandTimeTemplate(product.url, productTime)]);
    expect(reads[0]).not.toContain('{');

    const [candidate, ...others] = await listCandidates(t.db, { limit: 10 });
    expect(others).toEqual([]);
    expect(candidate).toMatchObject({
      product: 'test-rain',
      state: 'pending',
      drafted_by: 'siaga:test-rain',
      threshold: 20,
      polygons: 1,
      source_url: reads[0],
    });
    expect(new Date(candidate?.product_time ?? 0).getTime()).toBe(productTime.getTime());
    expect(candidate?.pixel_size_m?.x).toBeGreaterThan(1000);
    expect(candidate?.households_inside).toBe((await householdsInBoxes(t.db, [RAIN_BOX], false)).length);
    expect(candidate?.households_inside).toBeGreaterThan(0);

    const [log] = await listFetches(t.db, { feed: 'raster-test-rain', limit: 10 });
    expect(log).toMatchObject({ outcome: 'new', items_seen: 1, items_new: 1, bytes: 4096, url: reads[0], slot: 'raster-test-rain@1' });

    // The same product time again: logged, no second candidate.
    await runFeed([job], deps(), job.name, { slot: 'raster-test-rain@2' });
    expect(await listCandidates(t.db, { limit: 10 })).toHaveLength(1);
    expect((await listFetches(t.db, { feed: 'raster-test-rain', limit: 10 }))[0]).toMatchObject({ outcome: 'unchanged', items_new: 0 });

    // Never sent by itself.
    expect(handedOn).toEqual([]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM alerts')).rows).toEqual([{ n: 0 }]);
    expect(await ledgerHouseholds(t.db)).toEqual([]);
  });

  it('logs a failed read with its class and status, and a dry product time as unchanged', async () => {
    const failing = createRasterRainfallJob(config, testProduct('test-missing'), async () => {
      throw Object.assign(new Error('http://127.0.0.1:9/x.tif: HTTP 404 Not Found'), { errorClass: 'http_4xx', status: 404 });
    });
    const summary = await runFeed([failing], deps(), failing.name, { slot: 'manual', urlOverride: 'http://127.0.0.1:9/x.tif' });
    expect(summary).toMatchObject({ fetches: 1, errors: 1 });
    expect((await listFetches(t.db, { feed: 'raster-test-missing', limit: 1 }))[0]).toMatchObject({
      outcome: 'error',
      error_class: 'http_4xx',
      http_status: 404,
      url: 'http://127.0.0.1:9/x.tif',
      error_message: expect.stringContaining('HTTP 404'),
    });

    await runFeed([failing], deps(), failing.name, { slot: 'backfill', urlOverride: '/archive/x.tif' });
    expect((await listFetches(t.db, { feed: 'raster-test-missing', limit: 1 }))[0]).toMatchObject({
      outcome: 'error',
      error_class: 'backfill_unsupported',
      backfill: true,
    });

    const dry = createRasterRainfallJob(config, testProduct('test-dry'), async () => ({ grid: rainGrid(5) }));
    await runFeed([dry], deps(), dry.name, { slot: 'manual' });
    expect((await listFetches(t.db, { feed: 'raster-test-dry', limit: 1 }))[0]).toMatchObject({
      outcome: 'unchanged',
      items_seen: 0,
      items_new: 0,
    });
    expect((await listCandidates(t.db, { limit: 10 })).filter((c) => c.product !== 'test-rain')).toEqual([]);
  });
});
