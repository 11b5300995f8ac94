// Siaga's push sender reaches only push services: every spelling of a loopback, private, link-local,
// CGNAT, multicast, unspecified or reserved address is refused when registered and again when sent;
// a host name that resolves to such an address (DNS rebinding) is refused at send time and the
// connection goes only to the checked address; redirects are not followed. The loopback exception
// is the explicit test setting, and the strict default refuses the local push service itself.
// Pinning holds over HTTP/2 as over HTTP/1.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import {
  DEFAULT_PUSH_HOSTS,
  endpointRefusal,
  STRICT_PUSH_POLICY,
  type PushEndpointPolicy,
} from '../../../src/policy/push-endpoint-policy.ts';
import type { VapidKeys } from '../../../src/delivery/push/push-types.ts';
import { createWebPushSender } from '../../../src/delivery/push/web-push-sender.ts';
import { startLocalPushService, TEST_PUSH_POLICY, type LocalPushService } from '../../support/local-push-service.ts';

const VAPID: VapidKeys = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@siaga.test' };
const ANY_PUBLIC: PushEndpointPolicy = { allowedHosts: 'any', allowLoopback: false };

// Each one names a non-public address; the URL parser normalises the IPv4 spellings.
const HOSTILE = [
  'https://127.0.0.1/push/x',
  'https://2130706433/push/x',
  'https://0x7f000001/push/x',
  'https://0x7f.0.0.1/push/x',
  'https://0177.0.0.1/push/x',
  'https://017700000001/push/x',
  'https://127.1/push/x',
  'https://127.0.0.1./push/x',
  'https://[::1]/push/x',
  'https://[::ffff:127.0.0.1]/push/x',
  'https://[::ffff:7f00:1]/push/x',
  'https://[::127.0.0.1]/push/x',
  'https://[0:0:0:0:0:0:0:1]/push/x',
  'https://localhost/push/x',
  'https://LOCALHOST./push/x',
  'https://push.localhost/push/x',
  'https://0.0.0.0/push/x',
  'https://0/push/x',
  'https://[::]/push/x',
  'https://10.1.2.3/push/x',
  'https://172.16.0.1/push/x',
  'https://192.168.1.1/push/x',
  'https://[fd00::1]/push/x',
  'https://[fc00::1]/push/x',
  'https://169.254.169.254/latest/meta-data',
  'https://[fe80::1]/push/x',
  'https://100.64.0.1/push/x',
  'https://224.0.0.1/push/x',
  'https://[ff02::1]/push/x',
  'https://255.255.255.255/push/x',
  'https://198.18.0.1/push/x',
  'https://192.0.2.1/push/x',
  'https://[2001:db8::1]/push/x',
  'https://[2002:7f00:1::]/push/x',
  'https://[64:ff9b::7f00:1]/push/x',
];

describe('push endpoint guard', () => {
  it('refuses every spelling of a non-public address, even when any public host is allowed', () => {
    for (const endpoint of HOSTILE) {
      expect(endpointRefusal(endpoint, ANY_PUBLIC), endpoint).toMatch(
        /not global unicast|loopback|private|link-local|carrier-grade|multicast|unspecified|reserved|this machine/,
      );
      expect(endpointRefusal(endpoint, STRICT_PUSH_POLICY), endpoint).toBeDefined();
    }
    // The test setting lets loopback through, and nothing else on that list.
    expect(endpointRefusal('http://127.0.0.1:9/push/x', TEST_PUSH_POLICY)).toBeUndefined();
    expect(endpointRefusal('https://[::1]/push/x', TEST_PUSH_POLICY)).toBeUndefined();
    expect(endpointRefusal('https://169.254.169.254/', TEST_PUSH_POLICY)).toBeDefined();
    expect(endpointRefusal('https://[::ffff:127.0.0.1]/', TEST_PUSH_POLICY)).toBeDefined();
  });

  it('wants https to a known push service by default', () => {
    expect(endpointRefusal('https://fcm.googleapis.com/fcm/send/abc', STRICT_PUSH_POLICY)).toBeUndefined();
    expect(endpointRefusal('https://updates.push.services.mozilla.com/wpush/v2/abc', STRICT_PUSH_POLICY)).toBeUndefined();
    expect(endpointRefusal('https://wns2-par02p.notify.windows.com/w/?token=abc', STRICT_PUSH_POLICY)).toBeUndefined();
    expect(endpointRefusal('https://web.push.apple.com/abc', STRICT_PUSH_POLICY)).toBeUndefined();
    expect(endpointRefusal('https://fcm.googleapis.com./fcm/send/abc', STRICT_PUSH_POLICY)).toBeUndefined();
    expect(endpointRefusal('http://fcm.googleapis.com/fcm/send/abc', STRICT_PUSH_POLICY)).toMatch(/must be an https URL/);
    expect(endpointRefusal('https://evil.example.com/x', STRICT_PUSH_POLICY)).toMatch(/not a known push service/);
    expect(endpointRefusal('https://notify.windows.com.evil.example/x', STRICT_PUSH_POLICY)).toMatch(/not a known push service/);
    expect(endpointRefusal('https://evilpush.apple.com/x', STRICT_PUSH_POLICY)).toMatch(/not a known push service/);
    expect(endpointRefusal('https://user:pw@fcm.googleapis.com/x', STRICT_PUSH_POLICY)).toMatch(/user name or password/);
    expect(endpointRefusal('https://8.8.8.8/x', STRICT_PUSH_POLICY)).toMatch(/host name, not an IP address/);
  });

  it('is configured only explicitly: the default refuses loopback, the setting must say exactly true', () => {
    expect(loadConfig({}).delivery.pushPolicy).toEqual({ allowedHosts: [...DEFAULT_PUSH_HOSTS], allowLoopback: false });
    expect(
      loadConfig({ PUSH_ALLOW_LOOPBACK_FOR_TESTS: 'true', PUSH_ALLOWED_HOSTS: 'push.example.org, *.Push.Example.NET' }).delivery.pushPolicy,
    ).toEqual({ allowedHosts: ['push.example.org', '*.push.example.net'], allowLoopback: true });
    expect(loadConfig({ PUSH_ALLOWED_HOSTS: '*' }).delivery.pushPolicy.allowedHosts).toBe('any');
    expect(() => loadConfig({ PUSH_ALLOW_LOOPBACK_FOR_TESTS: 'yes' })).toThrow(/PUSH_ALLOW_LOOPBACK_FOR_TESTS/);
    expect(() => loadConfig({ PUSH_ALLOWED_HOSTS: 'http://x/' })).toThrow(/PUSH_ALLOWED_HOSTS/);
  });

  describe('at send time', () => {
    let service: LocalPushService;
    let redirector: http.Server;
    let redirectorUrl = '';
    beforeAll(async () => {
      service = await startLocalPushService({ expectedVapidKey: VAPID.publicKey });
      redirector = http.createServer((req, res) => {
        req.resume();
        res.writeHead(307, { location: `${service.origin}/push/redirected` }).end();
      });
      await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
      redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await service.close();
      await new Promise((r) => redirector.close(r));
    });
    const message = (sub: { endpoint: string; p256dh: string; auth: string }) => ({
      subscription: sub,
      payload: '{"x":1}',
      ttlSeconds: 60,
      urgency: 'high' as const,
    });

    it('refuses a stored loopback endpoint under the default policy, and sends nothing', async () => {
      const sender = createWebPushSender({ vapid: VAPID });
      const sub = service.newSubscription('strict');
      expect(await sender.send(message(sub))).toMatchObject({
        kind: 'failed',
        attempts: 0,
        reason: expect.stringMatching(/^refused: the endpoint must be an https URL/),
      });
      expect(sender.stats().requests).toBe(0);
      expect(service.countFor('strict')).toBe(0);
      sender.close();
    });

    it('refuses a host name that resolves to a non-public address (DNS rebinding), without retrying', async () => {
      const asked: string[] = [];
      const sender = createWebPushSender({
        vapid: VAPID,
        policy: ANY_PUBLIC,
        baseDelayMs: 1,
        resolve: async (host) => (
          asked.push(host),
          [
            { address: '93.184.216.34', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ]
        ),
      });
      const sub = service.newSubscription('rebind');
      const port = new URL(service.origin).port;
      const result = await sender.send(message({ ...sub, endpoint: `https://push.rebind.example:${port}/push/rebind` }));
      expect(result).toMatchObject({ kind: 'failed', attempts: 0, reason: expect.stringMatching(/resolves to 127\.0\.0\.1 is loopback/) });
      expect(asked).toEqual(['push.rebind.example']);
      expect(service.countFor('rebind')).toBe(0);
      sender.close();
    });

    it('connects to the checked address only: the name is never resolved again by the socket', async () => {
      // The stand-in resolver answers once with loopback (allowed by the test setting), then with
      // an address nobody listens on: the request still reaches the local service, so the socket
      // used the checked address (which refuses the JWT: its audience is the name, not 127.0.0.1).
      const answers = ['127.0.0.1', '192.0.2.1'];
      const sender = createWebPushSender({
        vapid: VAPID,
        policy: { allowedHosts: ['push.pinned.test'], allowLoopback: true },
        resolve: async () => [{ address: answers.shift() ?? '192.0.2.1', family: 4 }],
      });
      const sub = service.newSubscription('pinned');
      const port = new URL(service.origin).port;
      expect(await sender.send(message({ ...sub, endpoint: `http://push.pinned.test:${port}/push/pinned` }))).toMatchObject({
        kind: 'failed',
        status: 403,
        attempts: 1,
      });
      expect(service.refused.filter((r) => r.subscriptionId === 'pinned').map((r) => r.reason)).toEqual([expect.stringMatching(/aud/)]);
      expect(answers).toEqual(['192.0.2.1']);
      sender.close();
    });

    it('over HTTP/2 too: the TLS connection goes to the checked address, and the certificate is checked against the name', async () => {
      const secure = await startLocalPushService({ expectedVapidKey: VAPID.publicKey, tls: { http2: true, names: ['push.pinned.test'] } });
      const policy: PushEndpointPolicy = { allowedHosts: ['push.pinned.test', 'push.unnamed.test'], allowLoopback: true };
      const answers = ['127.0.0.1', '192.0.2.1'];
      const sender = createWebPushSender({
        vapid: VAPID,
        policy,
        ca: secure.ca,
        maxAttempts: 1,
        resolve: async () => [{ address: answers.shift() ?? '192.0.2.1', family: 4 }],
      });
      const loopback = createWebPushSender({
        vapid: VAPID,
        policy,
        ca: secure.ca,
        maxAttempts: 1,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      try {
        const sub = secure.newSubscription('pinned-h2');
        const port = new URL(secure.origin).port;
        // Reached over HTTP/2 at the checked address; refused for its audience (the name, not 127.0.0.1).
        expect(await sender.send(message({ ...sub, endpoint: `https://push.pinned.test:${port}/push/pinned-h2` }))).toMatchObject({
          kind: 'failed',
          status: 403,
          attempts: 1,
        });
        expect(secure.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/aud/)]);
        expect(answers).toEqual(['192.0.2.1']);
        expect(sender.stats().http2Sessions).toBe(1);
        // The same address under a name its certificate does not carry: TLS refuses the connection.
        const unnamed = await loopback.send(message({ ...sub, endpoint: `https://push.unnamed.test:${port}/push/pinned-h2` }));
        expect(unnamed).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/network error: .*push\.unnamed\.test.* altnames/) });
        expect(secure.received).toHaveLength(0);
      } finally {
        sender.close();
        loopback.close();
        await secure.close();
      }
    });

    it('does not follow a redirect', async () => {
      const sender = createWebPushSender({ vapid: VAPID, policy: TEST_PUSH_POLICY });
      const sub = service.newSubscription('redirected');
      const result = await sender.send(message({ ...sub, endpoint: `${redirectorUrl}/push/redirected` }));
      expect(result).toMatchObject({
        kind: 'failed',
        status: 307,
        attempts: 1,
        reason: expect.stringMatching(/redirects are not followed/),
      });
      expect(service.countFor('redirected')).toBe(0);
      sender.close();
    });
  });
});
