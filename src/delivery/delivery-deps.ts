// What the delivery handlers and planner need, built once per process (src/delivery/create-delivery-deps.ts).
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import type { createWebPushSender } from './push/web-push-sender.ts';
import type { QuietHours } from '../policy/quiet-hours.ts';
import type { SmsGateway } from './sms/sms-gateway.ts';

export type PushSender = ReturnType<typeof createWebPushSender>;

export interface DeliveryDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Absent when web push is not set up: push rows then fail with that reason. */
  push: PushSender | undefined;
  /** Absent when no SMS gateway is configured: SMS rows then fail with that reason. */
  sms: SmsGateway | undefined;
  secrets: { ack: string; code: string };
  /** The VAPID public key browsers subscribe with (served by the residents' API). */
  vapidPublicKey: string;
  /** Siaga's public address, for links in messages. */
  publicBaseUrl: string;
  /**
   * This process's delivery runtime (also its row in delivery_runtimes): every claim it makes
   * carries it, so that once the runtime is known dead its claims are settled at once.
   */
  runtimeId: string;
  leaseSeconds: number;
  /** Rows claimed and sent together inside a chunk (the in-flight bound). */
  batchSize: number;
  /** Ledger ids per queued job. */
  chunkSize: number;
  quietHours: QuietHours | undefined;
  smsFallbackSeconds: number;
  /** An SMS sent with its outcome unknown and never confirmed by a receipt goes again after this long (0: never). */
  smsUnconfirmedResendSeconds?: number;
  /** A push sent with its outcome unknown and never confirmed by the device goes again after this long (0: never). */
  pushUnconfirmedResendSeconds?: number;
  /** Queued rows whose channel claimed nothing for this long are dispatched again (default REDISPATCH_IDLE_S). */
  redispatchIdleSeconds?: number;
}
