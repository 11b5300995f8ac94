// The whole road with the real readers: a rainfall COG over Deli Serdang, served by a local HTTP
// server that honours range requests, configured in RASTER_PRODUCTS; the configured feed drafts a
// candidate, nobody is told; a liaison approves it and the households under the rain are queued.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../src/config.ts';
import { listFetches } from '../../src/db/feed-log.ts';
import { listCandidates } from '../../src/db/hazard-candidate-queries.ts';
import { runFeed } from '../../src/feeds/run-feed.ts';
import { approveCandidate } from '../../src/hazards/approve-candidate.ts';
import { expandTimeTemplate, productTimeFor } from '../../src/hazards/product-time.ts';
import { createLogger } from '../../src/logger.ts';
import { loadDeliSerdang, recordingQueue, testClock } from '../support/delivery-harness.ts';
import { writeTiledTiff } from '../raster/support/write-tiled-tiff.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { handOnInto, householdsInBoxes, ledgerHouseholds, reviewDeps } from './hazard-test-kit.ts';

// 64 × 64 pixels of 0.01° from (98.5 E, 3.8 N), tiled 16 × 16: 35 mm/h over columns 20-29 and
// rows 20-29 (98.70-98.80 E, 3.50-3.60 N); a 9999 nodata stripe to be ignored; dry elsewhere.
const RAIN_BOX: [number, number, number, number] = [98.7, 3.5, 98.8, 3.6];
function rainyCog(): Uint8Array {
  const width = 64;
  const values = new Float32Array(width * width);
  for (let row = 20; row < 30; row++) for (let col = 20; col < 30; col++) values[row * width + col] = 35;
  for (let row = 0; row < width; row++) values[row * width + 60] = 9999;
  return writeTiledTiff({
    width,
    height: width,
    values,
    tileSize: 16,
    overviews: 1,
    originX: 98.5,
    originY: 3.8,
    pixelSize: 0.01,
    epsg: 4326,
    nodata: 9999,
  });
}

describe(`raster feed end to end, with the GeoTIFF reader (${engineUnderTest})`, () => {
  let t: TestDb;
  let server: Server;
  let base = '';
  const served: { path: string; range: string | undefined }[] = [];
  const cog = Buffer.from(rainyCog());

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 1500, 'raster-e2e');
    server = createServer((req, res) => {
      served.push({ path: req.url ?? '', range: req.headers.range });
      if (!req.url?.startsWith('/imerg/')) return void res.writeHead(404).end();
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (!range) return void res.writeHead(200, { 'content-type': 'image/tiff', 'content-length': cog.length }).end(cog);
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), cog.length - 1);
      res.writeHead(206, {
        'content-type': 'image/tiff',
        'content-range': `bytes ${start}-${end}/${cog.length}`,
        'content-length': end - start + 1,
        'accept-ranges': 'bytes',
      });
      res.end(cog.subarray(start, end + 1));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await t.drop();
  });

  it('drafts from the configured COG without warning anyone; approval queues the households under the rain', async () => {
    const clock = testClock(new Date().toISOString());
    const product = {
      name: 'imerg-e2e',
      title: 'GPM IMERG Early (local)',
      kind: 'geotiff',
      url: `${base}/imerg/{yyyy}{MM}{dd}-{HH}{mm}.tif`,
      bbox: [98.5, 3.2, 99.1, 3.8],
      threshold: 20,
      unit: 'mm/h',
      minAreaKm2: 2,
      rule: {
        event: { id: 'Hujan Sangat Lebat', en: 'Very Heavy Rain' },
        severity: 'Severe',
        urgency: 'Expected',
        certainty: 'Likely',
        validityHours: 3,
      },
    };
    const config = loadConfig({ RASTER_PRODUCTS: JSON.stringify([product]), LOG_LEVEL: 'silent' });
    const jobs = configuredFeeds(config);
    const handed: number[][] = [];
    const summary = await runFeed(
      jobs,
      {
        db: t.db,
        fetch: async () => {
          throw new Error('not used by the raster feed');
        },
        ingestCap: (doc) => ingestCapDocument(t.db, doc, { dryRun: false, maxBytes: 5e6, marginM: 0 }),
        logger: createLogger('silent'),
        now: clock.now,
        sender: 'peringatan@siaga.test',
        payloadRetentionDays: 1,
        handOn: async (ids) => void handed.push(ids),
      },
      'raster-imerg-e2e',
      { slot: 'raster-imerg-e2e@test' },
    );
    expect(summary).toMatchObject({ fetches: 1, errors: 0, itemsNew: 1 });

    const url = expandTimeTemplate(product.url, productTimeFor(clock.now(), { timeStepMinutes: 30, latencyMinutes: 0 }));
    expect(served.length).toBeGreaterThan(0);
    expect(served.every((s) => `${base}${s.path}` === url && s.range !== undefined)).toBe(true);
    const [log] = await listFetches(t.db, { feed: 'raster-imerg-e2e', limit: 1 });
    expect(log).toMatchObject({ outcome: 'new', url, items_new: 1 });
    expect(log?.bytes).toBeGreaterThan(0);
    expect(log?.bytes).toBeLessThan(cog.length);

    const [candidate] = await listCandidates(t.db, { limit: 5 });
    const underRain = await householdsInBoxes(t.db, [RAIN_BOX], true);
    expect(underRain.length).toBeGreaterThan(0);
    expect(candidate).toMatchObject({
      product: 'imerg-e2e',
      state: 'pending',
      polygons: 1,
      households_inside: (await householdsInBoxes(t.db, [RAIN_BOX], false)).length,
    });
    expect(candidate?.area_km2).toBeGreaterThan(100); // 100 pixels of about 1.1 × 1.1 km
    expect(candidate?.area_km2).toBeLessThan(130);
    expect(handed).toEqual([]);
    expect(await ledgerHouseholds(t.db)).toEqual([]);

    const queue = recordingQueue();
    const approved = await approveCandidate(reviewDeps(t.db, clock, 1, handOnInto(t.db, clock, queue)), candidate?.id ?? 0, 'Rina Siregar');
    expect(approved.state).toBe('approved');
    expect(await ledgerHouseholds(t.db, approved.alert?.id)).toEqual(underRain);
    expect(queue.ids().length).toBeGreaterThan(0);
  });
});
