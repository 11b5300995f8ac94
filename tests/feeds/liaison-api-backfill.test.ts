// The liaison's feed API (bearer token) and the analysts' backfill of archived payloads.
import { copyFile, mkdtemp, utimes } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { loadConfig } from '../../src/config.ts';
import { insertFetch } from '../../src/db/feed-log.ts';
import { createServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const TOKEN = 'liaison-token-for-tests-0123456789';

describe(`liaison feed API and backfill (${engineUnderTest})`, () => {
  let t: TestDb;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    t = await createTestDb();
    const config = loadConfig({});
    const server = createServer({ db: t.db, logger: createLogger('silent'), feeds: configuredFeeds(config), liaisonToken: TOKEN });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((r) => server.close(() => r()));
    await insertFetch(t.db, {
      feed: 'bmkg-quake',
      url: 'https://data.bmkg.go.id/DataMKG/TEWS/autogempa.json',
      slot: 'test',
      backfill: false,
      startedAt: new Date(),
      durationMs: 120,
      attempts: 4,
      httpStatus: null,
      bytes: null,
      etag: null,
      lastModified: null,
      outcome: 'error',
      itemsSeen: 0,
      itemsNew: 0,
      itemsUpdated: 0,
      itemsInvalid: 0,
      errorClass: 'timeout',
      errorMessage: 'timed out after 20 s',
    });
  });
  afterAll(async () => {
    await close();
    await t.drop();
  });

  const get = (p: string, token?: string) => fetch(base + p, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers only with the liaison token', async () => {
    expect((await get('/api/feeds')).status).toBe(401);
    expect((await get('/api/feeds', 'wrong-token-wrong-token-wrong')).status).toBe(401);
    const ok = await get('/api/feeds', TOKEN);
    expect(ok.status).toBe(200);
    const health = (await ok.json()) as { feed: string; status: string; last_error: string | null }[];
    expect(health.map((h) => h.feed)).toEqual(['bmkg-nowcast', 'bmkg-forecast', 'bmkg-quake']);
    expect(health.find((h) => h.feed === 'bmkg-quake')).toMatchObject({ status: 'late', last_error: 'timeout: timed out after 20 s' });
  });

  it('serves a feed log with filters, and says what is wrong with a bad request', async () => {
    const log = (await (await get('/api/feeds/bmkg-quake/log?outcome=error', TOKEN)).json()) as { error_class: string }[];
    expect(log.map((r) => r.error_class)).toEqual(['timeout']);
    expect(await (await get('/api/feeds/bmkg-quake/log?outcome=new', TOKEN)).json()).toEqual([]);
    // `alarm` lists the fetches that brought contradictory times (none here), as the CLI and page do.
    const alarms = await get('/api/feeds/bmkg-quake/log?outcome=alarm', TOKEN);
    expect(alarms.status).toBe(200);
    expect(await alarms.json()).toEqual([]);
    const unknown = await get('/api/feeds/bmkg-quake/log?outcome=lost', TOKEN);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/outcome: must be one of new, .*alarm/);
    const bad = await get('/api/feeds/bmkg-quake/log?since=yesterday', TOKEN);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/since/);
    expect((await get('/api/feeds/no-such-feed/log', TOKEN)).status).toBe(404);
  });

  it('replays archived CAP documents in time order, idempotently, marked backfill; --dry-run writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-backfill-'));
    // the English document is older on disk: replayed first, the Indonesian one then merges into it
    for (const [name, when] of [
      ['cap-nowcast-CGT20260924002-en.xml', 1000],
      ['cap-nowcast-CGT20260924002-id.xml', 2000],
      ['cap-nowcast-CBT20260216004-id-unverified.xml', 3000],
    ] as const) {
      await copyFile(path.join(FIXTURES, 'bmkg', name), path.join(dir, name));
      await utimes(path.join(dir, name), when, when);
    }
    const dry = await runSiaga(['backfill', '--feed', 'bmkg-nowcast', '--from', dir, '--dry-run', '--json'], t.db, { LOG_LEVEL: 'silent' });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ payloads: 3, seen: 3, new: 3, duplicate: 0, invalid: 0, dryRun: true });
    expect((await t.db.query(`SELECT * FROM alerts`)).rows).toEqual([]);

    const real = await runSiaga(['backfill', '--feed', 'bmkg-nowcast', '--from', dir, '--json'], t.db, { LOG_LEVEL: 'silent' });
    expect(JSON.parse(real.stdout)).toMatchObject({ payloads: 3, new: 3 });
    const alerts = await t.db.query<{ languages: string[] }>(`SELECT languages FROM alerts ORDER BY sent`);
    expect(alerts.rows.map((a) => a.languages)).toEqual([['id'], ['en', 'id']]);
    const logged = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feed_fetches WHERE backfill AND slot = 'backfill'`);
    expect(logged.rows[0]?.n).toBe(3);

    const again = await runSiaga(['backfill', '--feed', 'bmkg-nowcast', '--from', dir, '--json'], t.db, { LOG_LEVEL: 'silent' });
    expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, duplicate: 3 });
    expect((await t.db.query(`SELECT * FROM alerts`)).rows).toHaveLength(2);
  });
});
