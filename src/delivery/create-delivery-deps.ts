// Builds the delivery dependencies from config: secrets (generated once and stored when not
// configured), the web-push sender, and the SMS gateway named by SMS_GATEWAY_URL.
import { randomBytes } from 'node:crypto';
import webpush from 'web-push';
import type { Config } from '../config.ts';
import { getOrCreateSecret } from '../db/app-secrets.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { newDeliveryRuntimeId } from './delivery-runtime-id.ts';
import { createWebPushSender } from './push/web-push-sender.ts';
import { createHttpSmsGateway } from './sms/http-sms-gateway.ts';
import type { SmsGateway } from './sms/sms-gateway.ts';
import { createSmppGateway } from './sms/smpp-gateway.ts';

export interface VapidPublic {
  publicKey: string;
  subject: string;
}

export async function loadVapidKeys(db: Db, config: Config): Promise<{ publicKey: string; privateKey: string; subject: string }> {
  const keys =
    config.delivery.vapid ??
    (JSON.parse(await getOrCreateSecret(db, 'vapid', () => JSON.stringify(webpush.generateVAPIDKeys()))) as {
      publicKey: string;
      privateKey: string;
    });
  return { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: config.delivery.vapidSubject };
}

export async function loadDeliverySecrets(db: Db): Promise<{ ack: string; code: string }> {
  const make = () => randomBytes(32).toString('base64url');
  return { ack: await getOrCreateSecret(db, 'ack-token-key', make), code: await getOrCreateSecret(db, 'sms-code-key', make) };
}

export function createSmsGateway(config: Config, logger: Logger): SmsGateway | undefined {
  const d = config.delivery;
  if (!d.smsGatewayUrl) return undefined;
  if (d.smsGatewayUrl.startsWith('smpp://')) {
    const url = new URL(d.smsGatewayUrl);
    return createSmppGateway({
      url: `smpp://${url.host}`,
      systemId: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      sourceAddr: d.smsSourceAddr,
      segmentsPerSecond: d.smsSegmentsPerSecond,
      logger,
    });
  }
  return createHttpSmsGateway({
    url: d.smsGatewayUrl,
    token: d.smsGatewayToken ?? '',
    segmentsPerSecond: d.smsSegmentsPerSecond,
    timeoutMs: config.httpTimeoutMs,
  });
}

export async function createDeliveryDeps(
  config: Config,
  db: Db,
  logger: Logger,
  overrides: Partial<DeliveryDeps> = {},
): Promise<DeliveryDeps> {
  const d = config.delivery;
  const vapid = await loadVapidKeys(db, config);
  return {
    db,
    logger,
    now: () => new Date(),
    push: createWebPushSender({ vapid, timeoutMs: config.httpTimeoutMs, policy: d.pushPolicy }),
    sms: createSmsGateway(config, logger),
    secrets: await loadDeliverySecrets(db),
    vapidPublicKey: vapid.publicKey,
    publicBaseUrl: config.publicBaseUrl,
    runtimeId: newDeliveryRuntimeId(),
    leaseSeconds: d.leaseSeconds,
    batchSize: d.batchSize,
    chunkSize: d.chunkSize,
    quietHours: d.quietHours,
    smsFallbackSeconds: d.smsFallbackSeconds,
    smsUnconfirmedResendSeconds: d.smsUnconfirmedResendSeconds,
    pushUnconfirmedResendSeconds: d.pushUnconfirmedResendSeconds,
    redispatchIdleSeconds: d.redispatchIdleSeconds,
    ...overrides,
  };
}
