// A nowcast index whose first document is one that storage or geometry once choked on (U+0000 in
// the text, a 20,000 km circle, a 30,000-point polygon): the run does not throw, the good document
// listed after it is stored, and the bad one's fetch has its ingestion-log row with the reason.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLogRow } from '../../src/db/feed-log.ts';
import { NOWCAST_ID_RSS, startBmkgStandIn, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { goodCap, HOSTILE_CAPS } from '../support/hostile-caps.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const GOOD = '/alerts/nowcast/id/CGT20260924002_alert.xml';
const BAD = '/alerts/nowcast/id/CGT20260924009_alert.xml';

/** An RSS index listing `links` in order, each with its own guid. */
function index(links: string[]): string {
  const items = links
    .map(
      (link, i) =>
        `<item><title>Peringatan ${i}</title><link>${link}</link><guid isPermaLink="false">guid-${i}-${link}</guid><pubDate>Thu, 24 Sep 2026 15:07:00 +0800</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Peringatan Dini Cuaca BMKG</title><link>https://www.bmkg.go.id/</link><description>BMKG nowcast</description>${items}</channel></rss>`;
}

describe(`bmkg-nowcast: a hostile document first in the index (${engineUnderTest})`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await createTestDb();
    bmkg = await startBmkgStandIn();
    env = { BMKG_NOWCAST_URLS: bmkg.url(NOWCAST_ID_RSS), HTTP_TIMEOUT_MS: '2000', FEED_RETRIES: '1', LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await bmkg.close();
    await t.drop();
  });
  beforeEach(async () => {
    await t.db.query(
      `TRUNCATE alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
    await t.db.query(`DELETE FROM feed_items WHERE feed = 'bmkg-nowcast'`);
  });

  const run = async () => {
    const r = await runSiaga(['feeds', 'run', 'bmkg-nowcast', '--json'], t.db, env);
    // The good documents are stored, and the exit code says that one was refused.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/document\(s\) not stored \(refused or unreadable\); the rest was stored/);
    return JSON.parse(r.stdout) as { summary: { itemsInvalid: number }; fetches: FetchLogRow[] };
  };

  HOSTILE_CAPS.forEach((hostile, k) => {
    it(`stores the good document after ${hostile.kind} and logs the bad one with its reason`, async () => {
      const bad = BAD.replace('009', `00${k + 5}`);
      bmkg.serve(bad, hostile.xml(`HOSTILE-FEED-${k}`), 'application/xml');
      bmkg.serve(NOWCAST_ID_RSS, index([bmkg.url(bad), bmkg.url(GOOD)]), 'application/rss+xml');

      const r = await run();
      const row = (path: string) => r.fetches.find((f) => f.url.endsWith(path));
      expect(row(bad)).toMatchObject({ outcome: 'error', error_class: 'invalid_cap' });
      expect(row(bad)?.error_message).toMatch(hostile.message);
      expect(row(GOOD)?.outcome).toBe('new');
      expect(row(NOWCAST_ID_RSS)).toMatchObject({ outcome: 'new', items_invalid: 1 });
      const alerts = await t.db.query<{ identifier: string }>(`SELECT identifier FROM alerts`);
      expect(alerts.rows.map((a) => a.identifier)).toEqual(['2.49.0.1.360.0.2026.09.24.07.75.002']);
      const kept = await t.db.query<{ item: string }>(
        `SELECT p.item FROM feed_payloads p JOIN feed_fetches f ON f.id = p.fetch_id WHERE f.url = $1`,
        [bmkg.url(bad)],
      );
      expect(kept.rows).toHaveLength(1);
    }, 60_000);
  });

  it('logs a document the database refuses while storing it, and stores the next one', async () => {
    // A trigger makes the real engine refuse this one document inside its own transaction.
    await t.db.execScript(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.source LIKE '%poison%' THEN RAISE EXCEPTION 'Point outside of projection domain' USING ERRCODE = 'XX000'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON alert_documents FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      const poison = '/alerts/nowcast/id/poison_alert.xml';
      bmkg.serve(poison, goodCap('POISON-FEED'), 'application/xml');
      bmkg.serve(NOWCAST_ID_RSS, index([bmkg.url(poison), bmkg.url(GOOD)]), 'application/rss+xml');
      const r = await run();
      const bad = r.fetches.find((f) => f.url.endsWith(poison));
      expect(bad).toMatchObject({ outcome: 'error', error_class: 'invalid_cap' });
      expect(bad?.error_message).toMatch(/could not be targeted or stored \(.*Point outside of projection domain\)/);
      expect(r.fetches.find((f) => f.url.endsWith(GOOD))?.outcome).toBe('new');
      const alerts = await t.db.query<{ identifier: string }>(`SELECT identifier FROM alerts`);
      expect(alerts.rows.map((a) => a.identifier)).toEqual(['2.49.0.1.360.0.2026.09.24.07.75.002']);
    } finally {
      await t.db.execScript(`DROP TRIGGER refuse_poison ON alert_documents; DROP FUNCTION refuse_poison();`);
    }
  });
});
