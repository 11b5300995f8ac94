// The whole HTTP face of Siaga in the test process, on a free port, as main.ts composes it
// (residents' API, web pages, team API), over a test database on this run's engine, with the
// delivery runtime sending web push to a local push service. In-process rather than a child
// process: the embedded engine is one process's, and the test must read the same database.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ingestCapDocument } from '../../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../../src/config.ts';
import type { FeedJob } from '../../../src/feeds/feed-job.ts';
import { loadVapidKeys } from '../../../src/delivery/create-delivery-deps.ts';
import { createWebPushSender } from '../../../src/delivery/push/web-push-sender.ts';
import { startDeliveryRuntime, type DeliveryRuntime } from '../../../src/delivery/start-delivery-runtime.ts';
import type { HazardReviewDeps } from '../../../src/hazards/hazard-review-deps.ts';
import { residentRoutes } from '../../../src/http/resident-routes.ts';
import type { Route } from '../../../src/http/route.ts';
import { createServer } from '../../../src/http/server.ts';
import { webRoutes } from '../../../src/http/web-routes.ts';
import { createLogger } from '../../../src/logger.ts';
import { buildCap, type TestCap } from '../../support/cap-builder.ts';
import { DELI_SERDANG, testDeliveryDeps } from '../../support/delivery-harness.ts';
import { startLocalPushService, TEST_PUSH_POLICY, type LocalPushService } from '../../support/local-push-service.ts';
import { runSiaga } from '../../support/run-cli.ts';
import { createTestDb, type TestDb } from '../../support/test-db.ts';

export const CODE_SECRET = 'test-code-secret';
export const ACK_SECRET = 'test-ack-secret';

export interface WebApp {
  base: string;
  t: TestDb;
  push: LocalPushService;
  runtime: DeliveryRuntime;
  /** Ingests a CAP document and returns the alert id. */
  ingest(cap: TestCap): Promise<number>;
  stop(): Promise<void>;
}

export async function startWebApp(
  options: { feeds?: FeedJob[]; extraRoutes?: (t: TestDb) => Route[]; approvalsRequired?: number } = {},
): Promise<WebApp> {
  const t = await createTestDb();
  const imported = await runSiaga(['import', 'areas', DELI_SERDANG], t.db);
  if (imported.code !== 0) throw new Error(`importing villages failed: ${imported.stderr}`);
  const push = await startLocalPushService();
  const vapid = await loadVapidKeys(t.db, loadConfig({}));
  const now = () => new Date();
  const deps = testDeliveryDeps(
    t.db,
    { now, set: () => undefined, advance: () => undefined },
    { push: createWebPushSender({ vapid, policy: TEST_PUSH_POLICY }), vapidPublicKey: vapid.publicKey },
  );
  const runtime = await startDeliveryRuntime({ deps, worker: true, sweepSeconds: 0 });
  const logger = createLogger('silent');
  // Approved hazard candidates are issued as alerts and handed to delivery, as in main.ts.
  const hazards: HazardReviewDeps = {
    db: t.db,
    now,
    logger,
    sender: 'peringatan@siaga.test',
    approvalsRequired: options.approvalsRequired ?? 1,
    ingest: { maxBytes: 5e6, marginM: 0 },
    handOn: async (ids) => {
      for (const id of ids) await runtime.deliver(id);
    },
  };
  const server: http.Server = createServer({
    db: t.db,
    logger,
    feeds: options.feeds ?? [],
    liaisonToken: undefined,
    routes: [
      ...residentRoutes({
        db: t.db,
        now,
        snapMetres: 100,
        vapidPublicKey: vapid.publicKey,
        ackSecret: ACK_SECRET,
        publicBaseUrl: 'http://siaga.test',
        pushPolicy: TEST_PUSH_POLICY,
      }),
      ...webRoutes({
        db: t.db,
        logger,
        now,
        feeds: options.feeds ?? [],
        codeSecret: CODE_SECRET,
        snapMetres: 100,
        publicBaseUrl: 'http://siaga.test',
        hazards,
      }),
      ...(options.extraRoutes?.(t) ?? []),
    ],
    clientRateLimitPerMinute: 10_000,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    t,
    push,
    runtime,
    async ingest(cap) {
      const r = await ingestCapDocument(t.db, { source: 'test', bytes: buildCap(cap) }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
      if (r.errors.length > 0 || r.alertId === null) throw new Error(`ingest failed: ${JSON.stringify(r.errors)}`);
      return Number(r.alertId);
    },
    async stop() {
      await new Promise((r) => server.close(r));
      await runtime.stop();
      await push.close();
      await t.drop();
    },
  };
}
