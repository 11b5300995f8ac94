// The HTTP/2 sessions of the web-push sender, against the local push service over https: many
// messages share one connection; a reset stream fails only its own message (sent again only when
// the push service refused it unprocessed, else its outcome is unknown); a stream without an
// answer times out, its outcome unknown, and its session is replaced; the push service's
// stream limit is kept (and time spent waiting for a stream is not counted against the request
// timeout); GOAWAY and idleness close a session and the next message opens a new one.
import webpush from 'web-push';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushSubscriptionKeys, VapidKeys } from '../../../src/delivery/push/push-types.ts';
import { createWebPushSender } from '../../../src/delivery/push/web-push-sender.ts';
import {
  startLocalPushService,
  TEST_PUSH_POLICY,
  type LocalPushService,
  type LocalPushServiceOptions,
} from '../../support/local-push-service.ts';

const VAPID: VapidKeys = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@siaga.test' };
const message = (subscription: PushSubscriptionKeys) => ({
  subscription,
  payload: '{"peringatan":"banjir"}',
  ttlSeconds: 600,
  urgency: 'high' as const,
});

describe('web-push sender over HTTP/2', () => {
  const services: LocalPushService[] = [];
  const closers: (() => void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await Promise.all(services.splice(0).map((s) => s.close()));
  });
  const start = async (tls: LocalPushServiceOptions['tls'] = { http2: true }, latencyMs?: number) => {
    const service = await startLocalPushService({ expectedVapidKey: VAPID.publicKey, tls, ...(latencyMs !== undefined && { latencyMs }) });
    services.push(service);
    return service;
  };
  const senderFor = (service: LocalPushService, options: Partial<Parameters<typeof createWebPushSender>[0]> = {}) => {
    const sender = createWebPushSender({ policy: TEST_PUSH_POLICY, vapid: VAPID, ca: service.ca, ...options });
    closers.push(() => sender.close());
    return sender;
  };
  const subscriptions = (service: LocalPushService, prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => service.newSubscription(`${prefix}-${i}`));

  it('sends many messages at once over one connection, every one decrypted, and keeps it for the next ones', async () => {
    const service = await start();
    const sender = senderFor(service);
    const first = await Promise.all(subscriptions(service, 'a', 150).map((s) => sender.send(message(s))));
    const second = await Promise.all(subscriptions(service, 'b', 150).map((s) => sender.send(message(s))));
    expect([...first, ...second].every((r) => r.kind === 'sent')).toBe(true);
    expect(service.received).toHaveLength(300);
    expect(new Set(service.received.map((m) => m.protocol))).toEqual(new Set(['2.0']));
    expect(service.received.every((m) => m.payload === '{"peringatan":"banjir"}')).toBe(true);
    expect(service.connections().opened).toBe(1);
    expect(service.peakInFlight()).toBeGreaterThan(1);
    expect(sender.stats()).toMatchObject({ http2Sessions: 1, http2Requests: 300, requests: 300 });
  });

  it('falls back to HTTP/1.1 when the push service does not offer h2, and opens no HTTP/2 session', async () => {
    const service = await start({ http2: false });
    const sender = senderFor(service);
    const results = await Promise.all(subscriptions(service, 'h1', 20).map((s) => sender.send(message(s))));
    expect(results.every((r) => r.kind === 'sent')).toBe(true);
    expect(new Set(service.received.map((m) => m.protocol))).toEqual(new Set(['1.1']));
    expect(sender.stats()).toMatchObject({ http2Sessions: 0, http2Requests: 0, requests: 20 });
  });

  it('a stream refused unprocessed (REFUSED_STREAM) fails only its own message, which is sent again on the same connection', async () => {
    const service = await start();
    const waits: number[] = [];
    const sender = senderFor(service, { sleep: async (ms) => void waits.push(ms), baseDelayMs: 10 });
    const subs = subscriptions(service, 'r', 30);
    service.setFault('r-7', { reset: true, refused: true, times: 1 });
    const results = await Promise.all(subs.map((s) => sender.send(message(s))));
    expect(results[7]).toMatchObject({ kind: 'sent', attempts: 2 });
    expect(results.filter((r) => r.kind === 'sent' && r.attempts === 1)).toHaveLength(29);
    expect(service.refused).toEqual([{ subscriptionId: 'r-7', status: 0, reason: 'injected reset' }]);
    expect(waits).toHaveLength(1);
    expect(service.connections().opened).toBe(1);
  });

  it('a stream reset after the whole message was written is of unknown outcome: never sent again at once', async () => {
    const service = await start();
    const sender = senderFor(service, { sleep: async () => {}, baseDelayMs: 10 });
    const subs = subscriptions(service, 'u', 10);
    service.setFault('u-3', { reset: true, times: 1 });
    const results = await Promise.all(subs.map((s) => sender.send(message(s))));
    expect(results[3]).toMatchObject({
      kind: 'unknown',
      attempts: 1,
      reason: expect.stringMatching(/did not answer a request it received/),
    });
    expect(results.filter((r) => r.kind === 'sent')).toHaveLength(9);
    expect(sender.stats().http2Requests).toBe(10);
  });

  it('a message without an answer times out alone, its outcome unknown, and the next message goes over a new session', async () => {
    const service = await start();
    const sender = senderFor(service, { timeoutMs: 300, maxAttempts: 2, sleep: async () => {} });
    await sender.send(message(service.newSubscription('before')));
    service.setFault('quiet', { silent: true, times: 1 });
    const result = await sender.send(message(service.newSubscription('quiet')));
    expect(result).toMatchObject({ kind: 'unknown', attempts: 1, reason: expect.stringMatching(/no answer within 300 ms/) });
    expect(await sender.send(message(service.newSubscription('after')))).toMatchObject({ kind: 'sent', attempts: 1 });
    expect(service.connections().opened).toBe(2);
    expect(sender.stats().http2Sessions).toBe(2);
  });

  it('over HTTP/1.1 too, a request written in full and reset is of unknown outcome, and one never answered as well', async () => {
    const service = await start({ http2: false });
    const sender = senderFor(service, { timeoutMs: 300, sleep: async () => {} });
    service.setFault('h1-reset', { reset: true, times: 1 });
    service.setFault('h1-quiet', { silent: true, times: 1 });
    expect(await sender.send(message(service.newSubscription('h1-reset')))).toMatchObject({ kind: 'unknown', attempts: 1 });
    expect(await sender.send(message(service.newSubscription('h1-quiet')))).toMatchObject({ kind: 'unknown', attempts: 1 });
    expect(await sender.send(message(service.newSubscription('h1-after')))).toMatchObject({ kind: 'sent', attempts: 1 });
    expect(service.received).toHaveLength(1);
  });

  it("opens no more streams than the push service allows, and a message's wait for a stream is not its timeout", async () => {
    // 10 messages, 2 streams, 150 ms per answer: the last waits ~600 ms, longer than the 400 ms timeout.
    const service = await start({ http2: true, maxConcurrentStreams: 2 }, 150);
    const sender = senderFor(service, { timeoutMs: 400, maxAttempts: 1 });
    const results = await Promise.all(subscriptions(service, 'limit', 10).map((s) => sender.send(message(s))));
    expect(results.map((r) => r.kind)).toEqual(Array(10).fill('sent'));
    expect(service.peakInFlight()).toBe(2);
    expect(service.connections().opened).toBe(1);
  });

  it('after a GOAWAY the next messages go over a new session', async () => {
    const service = await start();
    const sender = senderFor(service);
    const before = await Promise.all(subscriptions(service, 'g1', 5).map((s) => sender.send(message(s))));
    service.goAway();
    await vi.waitFor(() => expect(service.connections().open).toBe(0), { timeout: 5_000, interval: 20 });
    const after = await Promise.all(subscriptions(service, 'g2', 5).map((s) => sender.send(message(s))));
    expect([...before, ...after].map((r) => r.kind)).toEqual(Array(10).fill('sent'));
    expect(after.every((r) => r.kind === 'sent' && r.attempts === 1)).toBe(true);
    expect(service.connections().opened).toBe(2);
    expect(sender.stats().http2Sessions).toBe(2);
  });

  it('closes an idle session, and opens a new one when a message comes', async () => {
    const service = await start();
    const sender = senderFor(service, { idleTimeoutMs: 100 });
    expect(await sender.send(message(service.newSubscription('idle-1')))).toMatchObject({ kind: 'sent' });
    await vi.waitFor(() => expect(service.connections().open).toBe(0), { timeout: 5_000, interval: 20 });
    expect(await sender.send(message(service.newSubscription('idle-2')))).toMatchObject({ kind: 'sent', attempts: 1 });
    expect(service.connections().opened).toBe(2);
    expect(new Set(service.received.map((m) => m.protocol))).toEqual(new Set(['2.0']));
  });
});
