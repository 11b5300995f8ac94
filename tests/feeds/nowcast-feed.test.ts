// The nowcast feed end to end against a local stand-in for BMKG: one run stores what the fixtures
// hold (id and en documents → one alert, two languages), a second run adds nothing, and faults are
// logged with a clear outcome while valid items still get through.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLogRow } from '../../src/db/feed-log.ts';
import type { FeedHealth } from '../../src/feeds/feeds-health.ts';
import { NOWCAST_EN_RSS, NOWCAST_ID_RSS, startBmkgStandIn, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

describe(`bmkg-nowcast feed against a local BMKG (${engineUnderTest})`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await createTestDb();
    bmkg = await startBmkgStandIn();
    env = {
      BMKG_NOWCAST_URLS: `${bmkg.url(NOWCAST_ID_RSS)},${bmkg.url(NOWCAST_EN_RSS)}`,
      HTTP_TIMEOUT_MS: '400',
      FEED_RETRIES: '2',
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await bmkg.close();
    await t.drop();
  });
  afterEach(() => bmkg.down(undefined));

  const run = async () => {
    const r = await runSiaga(['feeds', 'run', 'bmkg-nowcast', '--json'], t.db, env);
    // Exit 1 says that a listed document was not stored; the JSON says which, and the rest was stored.
    expect(r.code, r.stderr).toBe(r.stdout.includes('"itemsInvalid": 0') ? 0 : 1);
    return JSON.parse(r.stdout) as { summary: { itemsNew: number; errors: number }; fetches: FetchLogRow[] };
  };
  const alerts = async () =>
    (await t.db.query<{ n: number; languages: string[] }>(`SELECT count(*) OVER ()::int AS n, languages FROM alerts`)).rows;

  it('stores the id and en documents as one alert; the second run is not_modified with no new rows', async () => {
    const first = await run();
    expect(first.fetches.map((f) => [f.url.replace(bmkg.base, ''), f.outcome])).toEqual([
      [NOWCAST_ID_RSS, 'new'],
      ['/alerts/nowcast/id/CGT20260924002_alert.xml', 'new'],
      [NOWCAST_EN_RSS, 'new'],
      ['/alerts/nowcast/en/CGT20260924002_alert.xml', 'new'],
    ]);
    // the index lists the Indonesian document twice: fetched once
    expect(bmkg.hits('/alerts/nowcast/id/CGT20260924002_alert.xml')).toBe(1);
    const rows = await alerts();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.languages).toEqual(['id', 'en']);

    const second = await run();
    expect(second.fetches.map((f) => f.outcome)).toEqual(['not_modified', 'not_modified']);
    expect(second.summary.itemsNew).toBe(0);
    expect(await alerts()).toHaveLength(1);
  });

  it('logs faults with a clear outcome and keeps going: 500 then success, HTML, an entity bomb, a 403, a timeout, a truncated body, a 60 MB body', async () => {
    bmkg.fault(NOWCAST_ID_RSS, '500');
    const retried = await run();
    expect(retried.fetches[0]).toMatchObject({ outcome: 'not_modified', attempts: 2 });

    for (const [fault, errorClass, message] of [
      ['html', 'content_type', /HTML/],
      ['bomb', 'invalid_payload', /DOCTYPE|entit/i],
      ['403', 'http_4xx', /403/],
      ['timeout', 'timeout', /timed out/],
      ['truncated', 'network', /aborted|closed|socket|truncat|ended/i],
      ['huge', 'too_large', /larger than the .* limit/],
    ] as const) {
      bmkg.fault(NOWCAST_ID_RSS, fault, fault, fault);
      const r = await run();
      const row = r.fetches.find((f) => f.url.endsWith(NOWCAST_ID_RSS));
      expect(row?.outcome, fault).toBe('error');
      expect(row?.error_class, fault).toBe(errorClass);
      expect(row?.error_message, fault).toMatch(message);
      // the English index still works in the same run
      expect(r.fetches.find((f) => f.url.endsWith(NOWCAST_EN_RSS))?.outcome, fault).toBe('not_modified');
      bmkg.fault(NOWCAST_ID_RSS); // clear leftovers
      // Refused while it arrives, at the 10 MiB cap: the rest of the 60 MB was never sent.
      if (fault === 'huge') {
        expect(bmkg.hugeBytesSent()).toBeGreaterThan(0);
        expect(bmkg.hugeBytesSent()).toBeLessThan(30 * 1024 * 1024);
      }
    }
    const kept = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feed_payloads`);
    expect(kept.rows[0]?.n).toBeGreaterThan(0);
  });

  it('a CAP link that 404s is logged on its own and the other items of the index are still stored', async () => {
    // A new index (another warning listed first, whose document is gone) makes the feed read it again.
    const gone = '/alerts/nowcast/id/CGT29990101001_alert.xml';
    const doc = '/alerts/nowcast/id/CGT20260924002_alert.xml';
    const index = (await (await fetch(bmkg.url(NOWCAST_ID_RSS))).text()).replace(
      '<item>',
      `<item><title>hilang</title><link>${bmkg.url(gone)}</link><guid>${bmkg.url(gone)}</guid></item><item>`,
    );
    bmkg.serve(NOWCAST_ID_RSS, index, 'application/rss+xml');
    await t.db.query(
      `TRUNCATE alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
    await t.db.query(`DELETE FROM feed_items WHERE feed = 'bmkg-nowcast'`);
    const r = await run();
    const missing = r.fetches.find((f) => f.url.endsWith(gone));
    expect(missing).toMatchObject({ outcome: 'error', http_status: 404, error_class: 'http_4xx' });
    expect(r.fetches.find((f) => f.url.endsWith(doc))?.outcome).toBe('new');
    expect(r.fetches.find((f) => f.url.endsWith(NOWCAST_ID_RSS))?.outcome).not.toBe('error');
    expect(await alerts()).toHaveLength(1);
  });

  it('turns the feed late when the server stops answering, and ok again when it returns', async () => {
    const status = async () => {
      const r = await runSiaga(['feeds', 'status', '--json'], t.db, env);
      return (JSON.parse(r.stdout) as FeedHealth[]).find((h) => h.feed === 'bmkg-nowcast');
    };
    bmkg.down('stop');
    await run();
    // The last success is pushed back beyond two intervals of the 1-minute schedule (late) and not
    // yet six (down), to stand for time passing.
    await t.db.query(`UPDATE feed_fetches SET started_at = started_at - interval '3 minutes' WHERE outcome <> 'error'`);
    expect((await status())?.status).toBe('late');
    bmkg.down(undefined);
    await run();
    expect((await status())?.status).toBe('ok');
  });
});
