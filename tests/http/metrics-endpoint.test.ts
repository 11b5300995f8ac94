// GET /metrics and /readyz on Siaga's real server. /metrics does not exist without METRICS_TOKEN and
// refuses a missing or wrong token; with it, every named series is there; a nowcast run against a
// local BMKG that fails moves the feed's outcome series; planning a warning's deliveries moves the
// ledger, queue and Tagana series (checked against counts of the tables themselves). /readyz says
// not ready for a database whose migrations were not applied, and for a Redis that does not answer.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedis } from '../../src/adapters/open-redis.ts';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { createServer, type ServerDeps } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { NOWCAST_EN_RSS, NOWCAST_ID_RSS, startBmkgStandIn, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { runDeliveryRuntimeOnce, testClock } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_WEST, ingest, LATER, loadTaganaWorld } from '../tagana/tagana-harness.ts';

const METRICS_TOKEN = 'metrics-test-token-0123456789';
const LIAISON_TOKEN = 'liaison-test-token-0123456789';
const LEDGER_STATES = ['queued', 'sending', 'sent', 'delivered', 'acknowledged', 'failed', 'expired'];

interface Running {
  base: string;
  close(): Promise<void>;
}

async function serve(deps: Partial<ServerDeps> & { db: Db }): Promise<Running> {
  const server = createServer({ logger: createLogger('silent'), feeds: [], liaisonToken: LIAISON_TOKEN, ...deps });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The value of one sample of the exposition text; undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe(`GET /metrics and /readyz (${engineUnderTest})`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  let env: NodeJS.ProcessEnv;
  let app: Running;

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 600, 'metrics');
    await t.db.execScript(`UPDATE households SET phone = '+62812' || lpad(row_id::text, 7, '0') WHERE valid_to IS NULL AND row_id % 2 = 0`);
    bmkg = await startBmkgStandIn();
    env = {
      BMKG_NOWCAST_URLS: `${bmkg.url(NOWCAST_ID_RSS)},${bmkg.url(NOWCAST_EN_RSS)}`,
      HTTP_TIMEOUT_MS: '400',
      FEED_RETRIES: '1',
      LOG_LEVEL: 'silent',
    };
    const config = loadConfig(env);
    app = await serve({
      db: t.db,
      feeds: configuredFeeds(config),
      metricsToken: METRICS_TOKEN,
      budget: { limitPerMinute: config.feeds.rateLimitPerMinute, urgentReservePerMinute: config.feeds.urgentReservePerMinute },
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await bmkg.close();
    await t.drop();
  });

  const scrape = async () => {
    const res = await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('does not exist without METRICS_TOKEN, and refuses a missing or wrong token', async () => {
    const off = await serve({ db: t.db });
    try {
      const res = await fetch(`${off.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await off.close();
    }
    const none = await fetch(`${app.base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toMatch(/siaga_/);
    const wrong = await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const liaison = await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${LIAISON_TOKEN}` } });
    expect(liaison.status).toBe(401);
  });

  it('exposes every named series, process metrics, and HTTP durations labelled by route pattern, never by id', async () => {
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
    const log = await fetch(`${app.base}/api/feeds/bmkg-nowcast-secret123/log`, { headers: { authorization: `Bearer ${LIAISON_TOKEN}` } });
    expect(log.status).toBe(404);
    expect((await fetch(`${app.base}/no/such/page-abc987`)).status).toBe(404);
    const text = await scrape();
    for (const name of [
      'siaga_feed_fetches_last_hour',
      'siaga_feed_fetched_bytes_last_hour',
      'siaga_feed_consecutive_failures',
      'siaga_bmkg_budget_requests_last_minute',
      'siaga_bmkg_budget_limit_per_minute',
      'siaga_delivery_queue_rows',
      'siaga_delivery_queue_oldest_due_age_seconds',
      'siaga_delivery_ledger_rows',
      'siaga_tagana_tasks_open',
      'siaga_tagana_tasks_escalated',
      'siaga_metrics_read_duration_seconds',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(text, name).toMatch(new RegExp(`^${name}(\\{| )`, 'm'));
    for (const name of ['siaga_feed_last_success_age_seconds', 'siaga_delivery_latency_seconds', 'siaga_http_request_duration_seconds'])
      expect(text, name).toContain(`# TYPE ${name} `);
    expect(sample(text, 'siaga_bmkg_budget_limit_per_minute', { priority: 'urgent' })).toBe(60);
    expect(sample(text, 'siaga_bmkg_budget_limit_per_minute', { priority: 'routine' })).toBe(50);
    expect(sample(text, 'siaga_http_request_duration_seconds_count', { route: '/healthz', method: 'GET', status: '200' })).toBe(1);
    expect(sample(text, 'siaga_http_request_duration_seconds_count', { route: '/api/feeds/:id/log', status: '404' })).toBe(1);
    expect(sample(text, 'siaga_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain('secret123');
    expect(text).not.toContain('abc987');
  });

  it('a nowcast run against a failing BMKG moves the feed outcome series', async () => {
    const before = await scrape();
    const errors = (text: string) => sample(text, 'siaga_feed_fetches_last_hour', { feed: 'bmkg-nowcast', outcome: 'error' });
    expect(errors(before)).toBe(0);
    expect(sample(before, 'siaga_feed_consecutive_failures', { feed: 'bmkg-nowcast' })).toBe(0);
    expect(sample(before, 'siaga_feed_last_success_age_seconds', { feed: 'bmkg-nowcast' })).toBeUndefined();

    bmkg.down('500');
    try {
      const r = await runSiaga(['feeds', 'run', 'bmkg-nowcast', '--json'], t.db, env);
      expect(r.stdout).toMatch(/"outcome": "error"/);
    } finally {
      bmkg.down(undefined);
    }
    const failed = await scrape();
    expect(errors(failed)).toBe(2); // both index URLs
    expect(sample(failed, 'siaga_feed_consecutive_failures', { feed: 'bmkg-nowcast' })).toBe(2);
    // every attempt of the fetches (one retry each) spent the BMKG budget
    expect(sample(failed, 'siaga_bmkg_budget_requests_last_minute')).toBe(bmkg.hits(NOWCAST_ID_RSS) + bmkg.hits(NOWCAST_EN_RSS));

    expect((await runSiaga(['feeds', 'run', 'bmkg-nowcast', '--json'], t.db, env)).stdout).toMatch(/"outcome": "new"/);
    const fine = await scrape();
    expect(sample(fine, 'siaga_feed_fetches_last_hour', { feed: 'bmkg-nowcast', outcome: 'new' })).toBeGreaterThanOrEqual(2);
    expect(sample(fine, 'siaga_feed_fetched_bytes_last_hour', { feed: 'bmkg-nowcast' })).toBeGreaterThan(0);
    expect(sample(fine, 'siaga_feed_consecutive_failures', { feed: 'bmkg-nowcast' })).toBe(0);
    expect(sample(fine, 'siaga_feed_last_success_age_seconds', { feed: 'bmkg-nowcast' })).toBeLessThan(60);
  });

  it('planning a warning moves the ledger, queue and Tagana series as the tables say', async () => {
    // The nowcast fixture's warning (if it targets anyone here) is planned together with this one.
    // No SMS gateway here: the runtime plans the rows and settles them as failed at once, so the
    // planned rows show in the ledger series whatever state they reached.
    const before = await scrape();
    const ledger = (text: string, channel: string, state: string) => sample(text, 'siaga_delivery_ledger_rows', { channel, state });
    const total = (text: string) =>
      ['push', 'sms'].flatMap((c) => LEDGER_STATES.map((s) => ledger(text, c, s) ?? NaN)).reduce((a, b) => a + b, 0);
    expect(total(before)).toBe(0);

    await ingest(t.db, { identifier: 'METRICS-1', infos: [{ expires: LATER, areas: [{ polygons: [AREA_WEST] }] }] });
    const clock = testClock(new Date(Date.now() + 1000).toISOString());
    expect(await runDeliveryRuntimeOnce(t.db, clock)).toBeGreaterThanOrEqual(1);

    const after = await scrape();
    const rows = (
      await t.db.query<{ channel: string; state: string; n: number }>(
        `SELECT channel, state, count(*)::int AS n FROM deliveries GROUP BY 1, 2`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const channel of ['push', 'sms'])
      for (const state of LEDGER_STATES) {
        const n = rows.find((r) => r.channel === channel && r.state === state)?.n ?? 0;
        expect(ledger(after, channel, state), `${channel} ${state}`).toBe(n);
        if (state === 'queued' || state === 'sending')
          expect(sample(after, 'siaga_delivery_queue_rows', { channel, state }), `queue ${channel} ${state}`).toBe(n);
      }
    expect(total(after)).toBeGreaterThan(0);
    // Latency: the SMS rows say they were sent 30 s after the CAP message's `sent`, and delivered 90 s after.
    await t.db.query(`UPDATE deliveries d SET state = 'delivered', failure_reason = NULL, failed_at = NULL,
      sent_at = a.sent + interval '30 seconds', delivered_at = a.sent + interval '90 seconds' FROM alerts a
      WHERE a.id = d.alert_id AND d.channel = 'sms' AND d.household_id IS NOT NULL`);
    const timed = await scrape();
    expect(sample(timed, 'siaga_delivery_latency_seconds', { channel: 'sms', stage: 'sent', quantile: '0.5' })).toBe(30);
    expect(sample(timed, 'siaga_delivery_latency_seconds', { channel: 'sms', stage: 'delivered', quantile: '0.99' })).toBe(90);
    expect(sample(timed, 'siaga_delivery_latency_rows', { channel: 'sms', stage: 'delivered' })).toBeGreaterThan(0);
    const open = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tagana_tasks WHERE state = 'open'`)).rows[0]?.n;
    expect(open).toBeGreaterThan(0);
    expect(sample(after, 'siaga_tagana_tasks_open')).toBe(open);
  });

  it('/readyz is ready with a current database; /healthz keeps answering as before', async () => {
    const ready = await fetch(`${app.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok', redis: 'not configured', migrations: 'ok' } });
    const health = await fetch(`${app.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ engine: t.db.engine });
  });

  it.skipIf(!process.env.REDIS_URL)('/readyz asks a real Redis when one is configured (needs REDIS_URL)', async () => {
    const redis = openRedis(process.env.REDIS_URL as string, createLogger('silent'));
    const withRedis = await serve({ db: t.db, redis });
    try {
      const r = await fetch(`${withRedis.base}/readyz`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { checks: Record<string, unknown> }).checks.redis).toBe('ok');
    } finally {
      await withRedis.close();
      redis.disconnect();
    }
  });

  it('/readyz is not ready while migrations are missing or Redis does not answer', async () => {
    const bare = await createTestDb({ migrated: false });
    const silent = { ping: () => new Promise<string>(() => undefined) };
    const refusing = { ping: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) };
    const a = await serve({ db: bare.db, redis: refusing });
    const b = await serve({ db: t.db, redis: silent });
    try {
      const r = await fetch(`${a.base}/readyz`);
      expect(r.status).toBe(503);
      const body = (await r.json()) as { ready: boolean; checks: Record<string, unknown> };
      expect(body.checks.database).toBe('ok');
      expect(body.checks.redis).toEqual({ error: expect.stringMatching(/ECONNREFUSED/) as unknown });
      expect(body.checks.migrations).toEqual({ error: expect.stringMatching(/0001_postgis not applied/) as unknown });
      const s = await fetch(`${b.base}/readyz`);
      expect(s.status).toBe(503);
      expect(((await s.json()) as { checks: Record<string, unknown> }).checks.redis).toEqual({
        error: expect.stringMatching(/Redis did not answer within 2000 ms/) as unknown,
      });
    } finally {
      await a.close();
      await b.close();
      await bare.drop();
    }
  });
});
