// SMS through the plain HTTP gateway adapter: the local gateway takes the messages and posts its
// delivery receipts to Siaga's webhook (POST /api/sms/receipts, bearer token), which moves the
// ledger rows to `delivered` or `failed` with the gateway's reason. A receipt without the token,
// or a malformed one, changes nothing.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { createHttpSmsGateway } from '../../src/delivery/sms/http-sms-gateway.ts';
import { startDeliveryRuntime, type DeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { createServer } from '../../src/http/server.ts';
import { smsReceiptRoutes } from '../../src/http/sms-receipt-routes.ts';
import { createLogger } from '../../src/logger.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { startLocalSmsHttpGateway, type LocalSmsHttpGateway } from '../support/local-sms-http-gateway.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const TOKEN = 'gateway-token-0123456789abcdef';

describe(`SMS over the HTTP gateway with receipts by webhook (${engineUnderTest})`, () => {
  let t: TestDb;
  let gateway: LocalSmsHttpGateway;
  let server: http.Server;
  let runtime: DeliveryRuntime;
  let siaga = '';
  const clock = testClock(new Date().toISOString());
  const answers: unknown[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 600, 'http-sms');
    gateway = await startLocalSmsHttpGateway({
      token: TOKEN,
      receipts: { outcome: 'delivered' },
      receiptTo: (body) => {
        void fetch(`${siaga}/api/sms/receipts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify(body),
        });
      },
    });
    const http = createHttpSmsGateway({ url: gateway.url, token: TOKEN, segmentsPerSecond: 1000, timeoutMs: 5000 });
    // Every answer the adapter gives, kept so that a failure can say what each attempt met.
    const sms: typeof http = {
      ...http,
      async send(message) {
        const answer = await http.send(message);
        answers.push(answer);
        return answer;
      },
    };
    runtime = await startDeliveryRuntime({ deps: testDeliveryDeps(t.db, clock, { sms }), worker: true, sweepSeconds: 0 });
    server = createServer({
      db: t.db,
      logger: createLogger('silent'),
      feeds: [],
      liaisonToken: undefined,
      routes: smsReceiptRoutes(sms, TOKEN),
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    siaga = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    await new Promise((r) => server?.close(r));
    await gateway?.close();
    await t?.drop();
  });

  it('sends each SMS once and marks it delivered when the receipt comes back', async () => {
    const cap = buildCap({
      identifier: 'HTTP-SMS-1',
      infos: [{ expires: '2099-01-01T00:00:00+07:00', areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.58)] }] }],
    });
    const { alertId } = await ingestCapDocument(t.db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    const plan = await runtime.deliver(alertId as number);
    expect(plan.sms).toBeGreaterThan(10);
    await runtime.idle();
    expect(gateway.messages.length).toBe(plan.sms);
    expect(new Set(gateway.messages.map((m) => m.to)).size).toBe(plan.sms);
    // Receipts come back by webhook after the sends: the ledger catches up a moment later.
    await expect
      .poll(
        async () => (await t.db.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM deliveries GROUP BY 1`)).rows,
        { timeout: 10_000 },
      )
      .toEqual([{ state: 'delivered', n: plan.sms }]);
  });

  it('tries again later while the gateway answers 503, with a growing wait, and gives up after five attempts', async () => {
    await t.db.query(
      `UPDATE households SET phone = NULL WHERE valid_to IS NULL AND id <> (SELECT min(id) FROM households WHERE valid_to IS NULL AND phone IS NOT NULL)`,
    );
    const cap = buildCap({
      identifier: 'HTTP-SMS-2',
      infos: [{ expires: '2099-01-01T00:00:00+07:00', areas: [{ geocodes: [['ADM2', '12.07']] }] }],
    });
    const { alertId } = await ingestCapDocument(t.db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    gateway.answerNext(503, 100);
    const posts = gateway.counts.posts;
    const answered = answers.length;
    expect((await runtime.deliver(alertId as number)).sms).toBe(1);
    await runtime.idle();
    const row = async () =>
      (
        await t.db.query<{ state: string; attempts: number; wait_s: number; failure_reason: string | null }>(
          `SELECT state, attempts, extract(epoch FROM not_before - $2::timestamptz)::int AS wait_s, failure_reason FROM deliveries WHERE alert_id = $1`,
          [alertId, clock.now()],
        )
      ).rows[0];
    const waits: number[] = [];
    for (let attempt = 1; attempt < 5; attempt += 1) {
      const r = await row();
      expect(r).toMatchObject({ state: 'queued', attempts: attempt });
      waits.push(r?.wait_s ?? 0);
      clock.advance((r?.wait_s ?? 0) * 1000 + 1000);
      await runtime.sweep();
      await runtime.idle();
    }
    expect(waits).toEqual([30, 60, 120, 240]);
    const last = await row();
    expect(last?.state).toBe('failed');
    expect(last?.failure_reason).toMatch(/503.*gave up after 5 attempts/);
    // Every attempt reached the gateway and got its 503 (the adapter's answers say so when one did not).
    expect(gateway.counts.posts - posts, JSON.stringify(answers.slice(answered))).toBe(5);
    gateway.answerNext(200, 0);
  });

  it('refuses a receipt without the token or with a bad body, and changes nothing', async () => {
    const post = (body: unknown, token?: string) =>
      fetch(`${siaga}/api/sms/receipts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: JSON.stringify(body),
      });
    const id = gateway.messages[0]?.messageId as string;
    expect((await post({ messageId: id, status: 'failed' })).status).toBe(401);
    expect((await post({ messageId: id, status: 'failed' }, 'wrong-token-0123456789abcdefgh')).status).toBe(401);
    const bad = await post({ messageId: id, status: 'exploded' }, TOKEN);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toMatch(/status/);
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.identifier = 'HTTP-SMS-1' AND d.state <> 'delivered'`,
        )
      ).rows,
    ).toEqual([{ n: 0 }]);
  });
});
