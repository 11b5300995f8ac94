// The web-push sender against the local push service, which decrypts every payload with the
// subscriber's keys and checks every VAPID JWT: round trip and headers, the JWT signed once per
// push-service origin and renewed before it expires, gone subscriptions, retries honouring
// Retry-After, and a checker that does refuse a bad token. Each behaviour runs over the three
// ways a message leaves: HTTP/2 (https, h2 chosen by ALPN), HTTP/1.1 over https when the push
// service does not offer h2, and plain http (the local service of the process tests).
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushTopic, pushUrgency } from '../../../src/delivery/push/push-headers.ts';
import { PUSH_PAYLOAD_LIMIT, renderPushPayload } from '../../../src/delivery/push/push-payload.ts';
import type { VapidKeys } from '../../../src/delivery/push/push-types.ts';
import { signVapidJwt, vapidPrivateKey } from '../../../src/delivery/push/vapid-jwt.ts';
import { createWebPushSender } from '../../../src/delivery/push/web-push-sender.ts';
import type { WarningText } from '../../../src/delivery/warning-text.ts';
import {
  startLocalPushService,
  TEST_PUSH_POLICY,
  type LocalPushService,
  type LocalPushServiceOptions,
} from '../../support/local-push-service.ts';

const VAPID: VapidKeys = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@siaga.test' };
const message = (sub: { endpoint: string; p256dh: string; auth: string }, payload = '{"hello":"dunia"}') => ({
  subscription: sub,
  payload,
  ttlSeconds: 600,
  urgency: 'high' as const,
  topic: pushTopic('42'),
});

const TRANSPORTS: { name: string; tls: LocalPushServiceOptions['tls']; protocol: string }[] = [
  { name: 'HTTP/2 over https', tls: { http2: true }, protocol: '2.0' },
  { name: 'HTTP/1.1 over https (no h2 offered)', tls: { http2: false }, protocol: '1.1' },
  { name: 'HTTP/1.1 over plain http', tls: undefined, protocol: '1.1' },
];

describe.each(TRANSPORTS)('web-push sender, $name', ({ tls, protocol }) => {
  let service: LocalPushService;
  let other: LocalPushService;
  let ca: string[];
  beforeAll(async () => {
    service = await startLocalPushService({ expectedVapidKey: VAPID.publicKey, tls });
    other = await startLocalPushService({ tls });
    ca = [service.ca, other.ca].filter((c) => c !== undefined);
  });
  afterAll(async () => {
    await service.close();
    await other.close();
  });

  it('encrypts so that the subscriber decrypts it, with TTL, Urgency and Topic', async () => {
    const sender = createWebPushSender({ policy: TEST_PUSH_POLICY, vapid: VAPID, ca });
    const sub = service.newSubscription('round-trip');
    const result = await sender.send(message(sub, 'Peringatan: Hujan Lebat — ☔ segera waspada'));
    expect(result).toMatchObject({ kind: 'sent', status: 201, attempts: 1 });
    const [got] = service.received.filter((m) => m.subscriptionId === 'round-trip');
    expect(got).toMatchObject({
      payload: 'Peringatan: Hujan Lebat — ☔ segera waspada',
      ttl: 600,
      urgency: 'high',
      topic: pushTopic('42'),
      protocol,
    });
    expect(got?.jwt.sub).toBe('mailto:ops@siaga.test');
    sender.close();
  });

  it('signs the VAPID JWT once per push-service origin, and again only near its expiry', async () => {
    let now = Date.now();
    const sender = createWebPushSender({
      policy: TEST_PUSH_POLICY,
      vapid: VAPID,
      ca,
      now: () => now,
      jwtLifetimeSeconds: 3600,
      renewBeforeSeconds: 600,
    });
    const subs = Array.from({ length: 200 }, (_, i) => service.newSubscription(`cached-${i}`));
    const results = await Promise.all(subs.map((s) => sender.send(message(s))));
    expect(results.every((r) => r.kind === 'sent')).toBe(true);
    expect(sender.stats().jwtSigned).toBe(1);
    await sender.send(message(other.newSubscription('elsewhere')));
    expect(sender.stats().jwtSigned).toBe(2);
    now += 3_001_000; // 50 min: inside the renewal window (the last 10 min) of a 60-min token
    await sender.send(message(service.newSubscription('renewed')));
    expect(sender.stats().jwtSigned).toBe(3);
    sender.close();
  });

  it('reports a gone subscription (410, and 404 for one the service never knew)', async () => {
    const sender = createWebPushSender({ policy: TEST_PUSH_POLICY, vapid: VAPID, ca });
    const sub = service.newSubscription('gone');
    service.setFault('gone', { status: 410 });
    expect(await sender.send(message(sub))).toMatchObject({ kind: 'gone', status: 410, attempts: 1 });
    expect(await sender.send(message({ ...sub, endpoint: `${service.origin}/push/never-was` }))).toMatchObject({
      kind: 'gone',
      status: 404,
    });
    sender.close();
  });

  it('retries 429 after the Retry-After it was given, and 5xx with backoff, then fails saying why', async () => {
    const waits: number[] = [];
    const sender = createWebPushSender({
      policy: TEST_PUSH_POLICY,
      vapid: VAPID,
      ca,
      sleep: async (ms) => void waits.push(ms),
      maxAttempts: 3,
      baseDelayMs: 100,
    });
    const slow = service.newSubscription('slow');
    service.setFault('slow', { status: 429, retryAfter: '7', times: 1 });
    expect(await sender.send(message(slow))).toMatchObject({ kind: 'sent', attempts: 2 });
    expect(waits).toEqual([7000]);
    const broken = service.newSubscription('broken');
    service.setFault('broken', { status: 503 });
    const failed = await sender.send(message(broken));
    expect(failed).toMatchObject({ kind: 'failed', status: 503, attempts: 3 });
    expect(failed.kind === 'failed' && failed.reason).toMatch(/failed 3 times; last: answered 503/);
    expect(waits.slice(1).every((w) => w >= 0 && w <= 200)).toBe(true);
    const refused = service.newSubscription('refused');
    service.setFault('refused', { status: 400 });
    expect(await sender.send(message(refused))).toMatchObject({ kind: 'failed', status: 400, attempts: 1 });
    expect(service.received.every((m) => m.protocol === protocol)).toBe(true);
    sender.close();
  });
});

describe('the local push service', () => {
  let service: LocalPushService;
  beforeAll(async () => {
    service = await startLocalPushService({ expectedVapidKey: VAPID.publicKey });
  });
  afterAll(async () => {
    await service.close();
  });

  it('is checked for real: a wrong audience or an expired token is refused by the local service', async () => {
    const sub = service.newSubscription('forged');
    const key = vapidPrivateKey(VAPID);
    const post = (jwt: string) =>
      fetch(sub.endpoint, {
        method: 'POST',
        headers: { authorization: `vapid t=${jwt}, k=${VAPID.publicKey}`, ttl: '60', 'content-encoding': 'aes128gcm' },
        body: Buffer.alloc(120),
      });
    const exp = Math.floor(Date.now() / 1000) + 600;
    expect((await post(signVapidJwt(key, { aud: 'https://fcm.googleapis.com', exp, sub: VAPID.subject }))).status).toBe(403);
    expect((await post(signVapidJwt(key, { aud: service.origin, exp: exp - 1200, sub: VAPID.subject }))).status).toBe(403);
    const otherKey = vapidPrivateKey({ ...webpush.generateVAPIDKeys(), subject: VAPID.subject });
    expect((await post(signVapidJwt(otherKey, { aud: service.origin, exp, sub: VAPID.subject }))).status).toBe(401);
    // A valid token with a body that is not aes128gcm for this subscriber: 400, not recorded.
    expect((await post(signVapidJwt(key, { aud: service.origin, exp, sub: VAPID.subject }))).status).toBe(400);
    expect(service.countFor('forged')).toBe(0);
  });
});

describe('push headers and payload', () => {
  const text: WarningText = {
    language: 'id',
    kind: 'warning',
    event: 'Hujan Lebat dan Petir',
    headline: 'Hujan lebat di Deli Serdang',
    description: 'Waspada potensi hujan lebat — ☔ '.repeat(300),
    instruction: 'Hindari sungai dan lereng. '.repeat(100),
    severity: 'Severe',
    urgency: 'Immediate',
    areaDesc: 'Deli Serdang',
    senderName: 'BMKG',
    link: 'http://siaga.test/alerts/7',
    alertId: '7',
    verificationCode: 'K7Q-4MX',
    expires: new Date('2026-11-28T06:00:00Z'),
  };

  it('keeps the payload within 2,744 bytes without cutting the ids or the link', () => {
    const payload = renderPushPayload(text, { deliveryId: '123456789', ackToken: 'abcdefghijklmnopqrstuv' });
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(PUSH_PAYLOAD_LIMIT);
    const doc = JSON.parse(payload) as Record<string, string>;
    expect(doc).toMatchObject({
      alertId: '7',
      deliveryId: '123456789',
      ackToken: 'abcdefghijklmnopqrstuv',
      url: 'http://siaga.test/alerts/7',
      title: 'Peringatan: Hujan Lebat dan Petir',
      lang: 'id',
    });
    expect(doc.body?.endsWith('…')).toBe(true);
    expect(doc.instruction?.endsWith('…')).toBe(true);
    expect(doc.body?.length).toBeGreaterThan(500);
    expect(doc.body).not.toContain('\uFFFD');
    const en = JSON.parse(
      renderPushPayload({ ...text, language: 'en', kind: 'all_clear', event: 'Heavy Rain' }, { deliveryId: '1', ackToken: 'x' }),
    ) as Record<string, string>;
    expect(en).toMatchObject({
      title: 'All clear: Heavy Rain',
      body: 'The Heavy Rain warning for Deli Serdang has ended.',
      instruction: '',
    });
  });

  it('maps urgency and severity to the push Urgency; Topic is short, URL-safe and stable per group', () => {
    expect(pushUrgency('Immediate', 'Extreme')).toBe('high');
    expect(pushUrgency('Immediate', 'Moderate')).toBe('normal');
    expect(pushUrgency('Expected', 'Severe')).toBe('normal');
    expect(pushUrgency('Future', 'Severe')).toBe('low');
    expect(pushUrgency('Unknown', 'Unknown')).toBe('low');
    expect(pushTopic('42')).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(pushTopic('42')).toBe(pushTopic('42'));
    expect(pushTopic('43')).not.toBe(pushTopic('42'));
  });
});
