// The durable hand-off: every stored message is recorded as awaiting delivery in the transaction
// that stores it, whoever stores it, and a delivery runtime started at any later time plans it.
// Checked against independent counts of the households inside each area (plain PostGIS here, not
// Siaga's targeting query).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { emptySummary, type FeedDeps, type FeedJob } from '../../src/feeds/feed-job.ts';
import { createFeedDeps, createRateBudget } from '../../src/feeds/create-feed-deps.ts';
import { runFeed } from '../../src/feeds/run-feed.ts';
import { startDeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { boxRing, buildCap, type TestCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, runDeliveryRuntimeOnce, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

type Ring = number[][];
const future = '2099-01-01T00:00:00+07:00';
const warning = (identifier: string, ring: Ring, over: Partial<TestCap> = {}): TestCap => ({
  identifier,
  sent: new Date().toISOString().replace(/\.\d+Z$/, '-00:00'),
  infos: [{ language: 'id', severity: 'Severe', urgency: 'Immediate', expires: future, areas: [{ polygons: [ring] }] }],
  ...over,
});

describe(`durable hand-off to delivery (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 1500, 'handoff');
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-handoff-'));
  }, 180_000);
  afterAll(() => t.drop());

  const capFile = async (cap: TestCap) => {
    const file = path.join(dir, `${cap.identifier}.xml`);
    await writeFile(file, buildCap(cap));
    return file;
  };
  /** Households inside the ring with a phone: each must get one SMS row (none has push here). */
  const withPhoneInside = async (ring: Ring) =>
    (
      await t.db.query<{ id: string }>(
        `SELECT id FROM households WHERE valid_to IS NULL AND phone IS NOT NULL AND ST_Intersects(location, ST_GeomFromGeoJSON($1)) ORDER BY id`,
        [JSON.stringify({ type: 'Polygon', coordinates: [ring] })],
      )
    ).rows.map((r) => r.id);
  const smsRows = async (alertId: number) =>
    (
      await t.db.query<{ household_id: string }>(
        `SELECT household_id FROM deliveries WHERE alert_id = $1 AND channel = 'sms' AND kind = 'warning' ORDER BY household_id`,
        [alertId],
      )
    ).rows.map((r) => r.household_id);
  const handoff = async (alertId: number) =>
    (
      await t.db.query<{ state: string; reason: string | null; intake: string }>(
        `SELECT state, reason, intake FROM delivery_handoffs WHERE alert_id = $1`,
        [alertId],
      )
    ).rows[0];
  const alertIdOf = async (identifier: string) =>
    Number((await t.db.query<{ id: string }>(`SELECT id FROM alerts WHERE identifier = $1`, [identifier])).rows[0]?.id);

  it('a warning stored by `siaga cap ingest` awaits delivery, says who will send it, and a runtime started later plans one SMS row per household with a phone', async () => {
    const ring = boxRing(98.7, 3.5, 98.8, 3.58);
    const run = await runSiaga(['cap', 'ingest', await capFile(warning('CLI-1', ring))], t.db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/delivery: awaiting/);
    expect(run.stderr).toMatch(
      engineUnderTest === 'pglite'
        ? /1 message\(s\) await delivery: .*npm start/
        : /1 message\(s\) await delivery: no delivery runtime is running/,
    );
    const id = await alertIdOf('CLI-1');
    expect(await handoff(id)).toMatchObject({ state: 'awaiting', intake: 'cli' });
    expect(await smsRows(id)).toEqual([]);
    expect((await runSiaga(['alerts', 'list'], t.db)).stdout).toMatch(/CLI-1\n\s+delivery: awaiting delivery/);

    expect(await runDeliveryRuntimeOnce(t.db)).toBe(1);
    const expected = await withPhoneInside(ring);
    expect(expected.length).toBeGreaterThan(5);
    expect(await smsRows(id)).toEqual(expected);
    expect(await handoff(id)).toMatchObject({ state: 'planned' });
    expect((await runSiaga(['alerts', 'list'], t.db)).stdout).toMatch(new RegExp(`CLI-1\\n\\s+delivery: planned: sms ${expected.length}`));
    // A second pass finds nothing to do and adds nothing.
    expect(await runDeliveryRuntimeOnce(t.db)).toBe(0);
    expect((await smsRows(id)).length).toBe(expected.length);
  });

  it('--hold keeps a warning from everyone until `siaga alerts release`', async () => {
    const ring = boxRing(98.6, 3.4, 98.68, 3.48);
    expect((await runSiaga(['cap', 'ingest', '--hold', await capFile(warning('HELD-1', ring))], t.db)).code).toBe(0);
    const id = await alertIdOf('HELD-1');
    expect(await handoff(id)).toMatchObject({ state: 'held' });
    await runDeliveryRuntimeOnce(t.db);
    expect(await smsRows(id)).toEqual([]);
    expect((await runSiaga(['deliveries', String(id)], t.db)).stdout).toMatch(/delivery: held: held at intake \(cli\)/);

    const released = await runSiaga(['alerts', 'release', 'HELD-1'], t.db);
    expect(released.code, released.stderr).toBe(0);
    expect(released.stdout).toMatch(/held → awaiting delivery/);
    expect((await runSiaga(['alerts', 'release', 'HELD-1'], t.db)).stderr).toMatch(/already awaiting delivery/);
    await runDeliveryRuntimeOnce(t.db);
    expect(await smsRows(id)).toEqual(await withPhoneInside(ring));
    expect(await handoff(id)).toMatchObject({ state: 'planned' });
  });

  it('a feed run with no delivery in its process, and one that dies after storing, both leave their warnings to the next runtime', async () => {
    const ringA = boxRing(98.75, 3.3, 98.82, 3.36);
    const ringB = boxRing(98.65, 3.55, 98.72, 3.6);
    const job = (caps: TestCap[], die: boolean): FeedJob => ({
      name: 'test-feed',
      description: 'stores, then maybe dies',
      schedule: '* * * * *',
      cadenceMs: 60_000,
      urls: [],
      async run(deps) {
        for (const cap of caps) await deps.ingestCap({ source: 'test', bytes: buildCap(cap) });
        if (die) throw new Error('the run died after storing');
        return emptySummary();
      },
    });
    const config = loadConfig({});
    const deps: FeedDeps = {
      ...createFeedDeps(config, t.db, createLogger('silent'), createRateBudget(config, undefined)),
      handOn: undefined,
    };
    await runFeed([job([warning('FEED-OK', ringA)], false)], deps, 'test-feed', { slot: 'manual' });
    await expect(runFeed([job([warning('FEED-DIED', ringB)], true)], deps, 'test-feed', { slot: 'manual' })).rejects.toThrow(/died/);
    const ok = await alertIdOf('FEED-OK');
    const died = await alertIdOf('FEED-DIED');
    expect(await handoff(ok)).toMatchObject({ state: 'awaiting', intake: 'feed:test-feed' });
    expect(await handoff(died)).toMatchObject({ state: 'awaiting', intake: 'feed:test-feed' });

    // The finished run made its warning ready at once; the dead one's waits out the feed grace (30 s).
    await runDeliveryRuntimeOnce(t.db);
    expect(await smsRows(ok)).toEqual(await withPhoneInside(ringA));
    expect(await smsRows(died)).toEqual([]);
    await runDeliveryRuntimeOnce(t.db, testClock(new Date(Date.now() + 31_000).toISOString()));
    expect(await smsRows(died)).toEqual(await withPhoneInside(ringB));
  });

  it('says why a message reaches nobody, or is not for residents', async () => {
    // In the Strait of Malacca: inside Indonesia's box, outside every imported village.
    const sea = boxRing(98.1, 4.2, 98.2, 4.3);
    const village = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM admin_areas WHERE level = 'village' ORDER BY code LIMIT 1) x`,
      )
    ).rows[0];
    if (!village) throw new Error('no village loaded');
    const speck = boxRing(village.lon - 1e-6, village.lat - 1e-6, village.lon + 1e-6, village.lat + 1e-6);
    expect(await withPhoneInside(speck)).toEqual([]);
    const warned: Record<string, string[]> = {};
    for (const [identifier, ring, status] of [
      ['SEA-1', sea, 'Actual'],
      ['SPECK-1', speck, 'Actual'],
      ['TEST-1', boxRing(98.7, 3.5, 98.8, 3.58), 'Test'],
    ] as const) {
      const r = await ingestCapDocument(
        t.db,
        { source: 'test', bytes: buildCap(warning(identifier, ring, { status })) },
        { dryRun: false, maxBytes: 5e6, marginM: 0 },
      );
      warned[identifier] = r.warnings.map((w) => `${w.path}: ${w.message}`);
    }
    // Said at ingest already, for the polygon that touches no village, and only for it.
    expect(warned['SEA-1']?.filter((w) => w.includes('outside coverage'))).toEqual([
      expect.stringMatching(/^alert\/info\[0\]\/area\[0\]\/polygon\[0\]: outside coverage/),
    ]);
    expect(warned['SPECK-1']?.filter((w) => w.includes('outside coverage'))).toEqual([]);
    await runDeliveryRuntimeOnce(t.db);
    expect(await handoff(await alertIdOf('SEA-1'))).toMatchObject({
      state: 'reaches_nobody',
      reason: expect.stringMatching(/^outside coverage/),
    });
    expect(await handoff(await alertIdOf('SPECK-1'))).toMatchObject({
      state: 'reaches_nobody',
      reason: expect.stringMatching(/no registered household inside the area \(1 village touched\)/),
    });
    expect(await handoff(await alertIdOf('TEST-1'))).toMatchObject({
      state: 'not_for_residents',
      reason: expect.stringMatching(/a Test, Public Alert message is not for residents/),
    });
    expect((await runSiaga(['deliveries', 'SEA-1'], t.db)).stdout).toMatch(/delivery: reaches nobody: outside coverage/);
  });

  it('a household registered inside a standing warning after it was planned is told too', async () => {
    const ring = boxRing(98.7, 3.5, 98.8, 3.58);
    const id = await alertIdOf('CLI-1');
    const before = (await smsRows(id)).length;
    const csv = path.join(dir, 'late.csv');
    await writeFile(csv, 'id,lat,lon,members,vulnerable,language,phone\nLATE-1,3.54,98.75,2,,id,081200009999\n');
    expect((await runSiaga(['import', 'households', csv], t.db)).code).toBe(0);
    expect(await handoff(id)).toMatchObject({ state: 'awaiting' });
    await runDeliveryRuntimeOnce(t.db);
    expect(await smsRows(id)).toEqual(await withPhoneInside(ring));
    expect((await smsRows(id)).length).toBe(before + 1);
    expect(await handoff(id)).toMatchObject({ state: 'planned' });
  });

  it('a backfill stores history without telling anyone; with --deliver what still stands goes out', async () => {
    const ring = boxRing(98.62, 3.6, 98.7, 3.66);
    const archive = path.join(dir, 'archive');
    await mkdir(archive);
    await writeFile(path.join(archive, 'a.xml'), buildCap(warning('ARCHIVED-1', ring)));
    const env = { LOG_LEVEL: 'silent' };
    expect((await runSiaga(['backfill', '--feed', 'bmkg-nowcast', '--from', archive], t.db, env)).code).toBe(0);
    const id = await alertIdOf('ARCHIVED-1');
    expect(await handoff(id)).toMatchObject({
      state: 'not_for_residents',
      intake: 'backfill:bmkg-nowcast',
      reason: expect.stringMatching(/history/),
    });
    await runDeliveryRuntimeOnce(t.db);
    expect(await smsRows(id)).toEqual([]);

    await writeFile(path.join(archive, 'b.xml'), buildCap(warning('ARCHIVED-2', ring)));
    expect((await runSiaga(['backfill', '--feed', 'bmkg-nowcast', '--from', archive, '--deliver'], t.db, env)).code).toBe(0);
    await runDeliveryRuntimeOnce(t.db);
    expect(await smsRows(await alertIdOf('ARCHIVED-2'))).toEqual(await withPhoneInside(ring));
    // Replaying the first one again, now with --deliver, leaves it as it was (a duplicate stores nothing).
    expect(await smsRows(id)).toEqual([]);
  });

  it.skipIf(engineUnderTest !== 'postgres')('two runtimes taking messages at once plan each of them once', async () => {
    const rings = [0, 1, 2, 3].map((i) => boxRing(98.7 + 0.025 * i, 3.5, 98.725 + 0.025 * i, 3.58));
    for (const [i, ring] of rings.entries())
      await ingestCapDocument(
        t.db,
        { source: 'test', bytes: buildCap(warning(`RACE-${i}`, ring)) },
        { dryRun: false, maxBytes: 5e6, marginM: 0 },
      );
    const clock = testClock(new Date().toISOString());
    const runtimes = await Promise.all(
      [0, 1].map(() => startDeliveryRuntime({ deps: testDeliveryDeps(t.db, clock), worker: true, sweepSeconds: 0, handoffPollMs: 0 })),
    );
    // Each took what was ready when it started; both look again at once.
    await Promise.all(runtimes.map((r) => r.runHandoffs()));
    await Promise.all(runtimes.map((r) => r.stop()));
    for (const [i, ring] of rings.entries()) {
      const id = await alertIdOf(`RACE-${i}`);
      const row = (
        await t.db.query<{ state: string; attempts: number }>(`SELECT state, attempts FROM delivery_handoffs WHERE alert_id = $1`, [id])
      ).rows[0];
      expect(row).toEqual({ state: 'planned', attempts: 1 });
      const expected = await withPhoneInside(ring);
      expect(expected.length).toBeGreaterThan(0);
      expect(await smsRows(id)).toEqual(expected);
    }
  });
});
