// Delivery against real protocol peers: a local push service over https speaking HTTP/2, as the big
// push services do (decrypts every payload, checks every VAPID JWT), and a local SMSC speaking SMPP with receipts, and the delivery runtime wired to them
// with Siaga's stored VAPID keys and a controllable clock (in-process, sweeps by hand).
import { expect, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { loadVapidKeys } from '../../src/delivery/create-delivery-deps.ts';
import type { DeliveryDeps } from '../../src/delivery/delivery-deps.ts';
import { createWebPushSender } from '../../src/delivery/push/web-push-sender.ts';
import { createSmppGateway } from '../../src/delivery/sms/smpp-gateway.ts';
import { startDeliveryRuntime, type DeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import type { TaganaOptions } from '../../src/tagana/sweep-tagana.ts';
import { testDeliveryDeps, type TestClock } from './delivery-harness.ts';
import { startLocalPushService, TEST_PUSH_POLICY, type LocalPushService } from './local-push-service.ts';
import { startLocalSmsc, type LocalSmsc } from './local-smsc.ts';

export interface DeliveryPeers {
  push: LocalPushService;
  smsc: LocalSmsc;
  runtime: DeliveryRuntime;
  /** Until the runtime is idle and no SMS waits for its receipt (they come back on their own). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDeliveryPeers(
  db: Db,
  clock: TestClock,
  options: { deps?: Partial<DeliveryDeps>; tagana?: TaganaOptions } = {},
): Promise<DeliveryPeers> {
  const push = await startLocalPushService({ tls: { http2: true } });
  const smsc = await startLocalSmsc({ systemId: 'siaga', password: 'rahasia' });
  const vapid = await loadVapidKeys(db, loadConfig({}));
  const deps = testDeliveryDeps(db, clock, {
    push: createWebPushSender({ vapid, policy: TEST_PUSH_POLICY, ca: push.ca }),
    sms: createSmppGateway({ url: smsc.url, systemId: 'siaga', password: 'rahasia', sourceAddr: 'SIAGA', segmentsPerSecond: 2000 }),
    vapidPublicKey: vapid.publicKey,
    ...options.deps,
  });
  const runtime = await startDeliveryRuntime({ deps, worker: true, sweepSeconds: 0, ...(options.tagana && { tagana: options.tagana }) });
  return {
    push,
    smsc,
    runtime,
    async settle() {
      await runtime.idle();
      // The SMSC sends each receipt just after the submit is answered: wait until every sent SMS has
      // its receipt, or fail saying how many are still waiting.
      await vi.waitFor(
        async () => {
          const { rows } = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM deliveries WHERE channel = 'sms' AND state = 'sent'`,
          );
          expect(rows[0]?.n, 'SMS rows still waiting for their delivery receipt').toBe(0);
        },
        { timeout: 10_000 },
      );
    },
    async stop() {
      await runtime.stop();
      await push.close();
      await smsc.close();
    },
  };
}
