// The quake and forecast feeds against the local BMKG stand-in: quakes become Siaga-issued CAP
// messages once (a second run adds nothing), and forecast villages BMKG does not know are recorded
// and not asked again on the next run.
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLogRow } from '../../src/db/feed-log.ts';
import { forecastFixtureFor, QUAKE_PATHS, startBmkgStandIn, FORECAST_PATH, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const DELI_SERDANG = path.join(FIXTURES, 'id-admin/deli_serdang_villages.geojson');

describe(`bmkg-quake and bmkg-forecast feeds against a local BMKG (${engineUnderTest})`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  let env: NodeJS.ProcessEnv;
  // set to the village with most households (the first the feed asks for) once they are imported
  let unknownVillage = '';

  beforeAll(async () => {
    t = await createTestDb();
    bmkg = await startBmkgStandIn({ forecastFor: (adm4) => (adm4 === unknownVillage ? undefined : forecastFixtureFor(adm4)) });
    env = {
      BMKG_QUAKE_URLS: QUAKE_PATHS.map((p) => bmkg.url(p)).join(','),
      BMKG_FORECAST_URL: `${bmkg.url(FORECAST_PATH)}?adm4={code}`,
      BMKG_FORECAST_VILLAGES_PER_RUN: '8',
      HTTP_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'silent',
    };
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-feeds-'));
    expect((await runSiaga(['import', 'areas', DELI_SERDANG], t.db)).code).toBe(0);
    const csv = path.join(dir, 'hh.csv');
    expect(
      (await runSiaga(['generate', 'households', '--villages', DELI_SERDANG, '--count', '300', '--seed', 'feeds', '--out', csv])).code,
    ).toBe(0);
    expect((await runSiaga(['import', 'households', csv], t.db)).code).toBe(0);
    const top = await t.db.query<{ code: string }>(
      `SELECT village_code AS code FROM households WHERE valid_to IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    unknownVillage = top.rows[0]?.code ?? '';
  });
  afterAll(async () => {
    await bmkg.close();
    await t.drop();
  });

  const run = async (feed: string) => {
    const r = await runSiaga(['feeds', 'run', feed, '--json'], t.db, env);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { summary: { itemsNew: number; itemsSeen: number; errors: number }; fetches: FetchLogRow[] };
  };
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n;

  it('stores each quake once as a Siaga CAP message; a second run adds nothing', async () => {
    const first = await run('bmkg-quake');
    expect(first.fetches.map((f) => f.outcome)).toEqual(['new', 'new', 'new']);
    const quakes = await count(`SELECT count(*)::int AS n FROM alerts WHERE identifier LIKE 'siaga-quake-%'`);
    // autogempa's event is also the first of gempaterkini or gempadirasakan in these captures or not: each quake once
    expect(quakes).toBe(first.summary.itemsNew);
    expect(quakes).toBeGreaterThanOrEqual(3);
    const second = await run('bmkg-quake');
    expect(second.fetches.map((f) => f.outcome)).toEqual(['not_modified', 'not_modified', 'not_modified']);
    expect(await count(`SELECT count(*)::int AS n FROM alerts WHERE identifier LIKE 'siaga-quake-%'`)).toBe(quakes);
  });

  it('fetches forecasts most households first, within the per-run budget, and records a village BMKG does not know', async () => {
    const first = await run('bmkg-forecast');
    expect(first.fetches).toHaveLength(8);
    expect(first.fetches[0]?.url).toContain(`adm4=${unknownVillage}`);
    expect(first.fetches[0]).toMatchObject({ outcome: 'error', http_status: 404, error_class: 'http_4xx' });
    expect(first.fetches.slice(1).every((f) => f.outcome === 'unchanged' || f.outcome === 'new')).toBe(true);
    // the next run moves on to villages not fetched yet, and does not ask for the unknown one again
    const second = await run('bmkg-forecast');
    expect(second.fetches).toHaveLength(8);
    const firstUrls = new Set(first.fetches.map((f) => f.url));
    expect(second.fetches.some((f) => firstUrls.has(f.url))).toBe(false);
    expect(bmkg.hits(`${FORECAST_PATH}?adm4=${unknownVillage}`)).toBe(1);
    const state = await t.db.query<{ state: string }>(`SELECT state FROM feed_items WHERE feed = 'bmkg-forecast' AND item_key = $1`, [
      `village:${unknownVillage}`,
    ]);
    expect(state.rows[0]?.state).toBe('unknown');
  });
});
