// Row web-push: messages encrypted (RFC 8291) and sent per CPU-second of the sending process, to a
// local HTTPS push endpoint in another process (bench/push-endpoint-child.ts) that speaks HTTP/2
// and HTTP/1.1 by ALPN, as the big push services do. Siaga's sender (src/delivery/push/
// web-push-sender.ts: one HTTP/2 session per push-service origin, VAPID JWT cached per origin)
// against a loop over web-push's sendNotification (HTTP/1.1, the only protocol it speaks) with the
// same payload, subscriptions, concurrency and a keep-alive agent (so that the difference is not
// TLS handshakes). Rounds alternate; each side's figure is the median over its rounds.
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import webpush from 'web-push';
import { createWebPushSender } from '../../src/delivery/push/web-push-sender.ts';
import type { PushSubscriptionKeys } from '../../src/delivery/push/push-types.ts';
import type { PushEndpointPolicy } from '../../src/policy/push-endpoint-policy.ts';
import { median, round3 } from '../measure.ts';
import { goalAtLeast, type BenchMode, type RowLine } from '../row-types.ts';
import { startPushEndpoint } from '../local-endpoints.ts';

const MESSAGES: Record<BenchMode, number> = { quick: 1_000, full: 5_000 };
const ROUNDS: Record<BenchMode, number> = { quick: 4, full: 6 };
/** Messages in flight at once, on both sides: send-push-chunk's batch (DELIVERY_BATCH_SIZE default). */
const IN_FLIGHT = 50;
const SUBSCRIBERS = 200;
const LOOPBACK_ENDPOINT_POLICY: PushEndpointPolicy = { allowedHosts: [], allowLoopback: true };
const BASELINE = `web-push sendNotification in a loop (${IN_FLIGHT} in flight, keep-alive https.Agent), same endpoint, payload and subscriptions`;

export async function runRow(mode: BenchMode): Promise<RowLine[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'siaga-bench-push-'));
  const endpoint = await startPushEndpoint(dir);
  const vapidKeys = webpush.generateVAPIDKeys();
  const vapid = { ...vapidKeys, subject: 'mailto:peringatan@siaga.local' };
  // The endpoint listens on loopback, which Siaga's default push-endpoint policy refuses; its
  // certificate is self-signed and made a moment ago, so Siaga's sender trusts exactly that one.
  const sender = createWebPushSender({ vapid, maxAttempts: 1, policy: LOOPBACK_ENDPOINT_POLICY, ca: endpoint.cert });
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, rejectUnauthorized: false });
  try {
    const subscriptions = Array.from({ length: SUBSCRIBERS }, (_, i) => subscriber(`${endpoint.origin}/push/s${i}`));
    // A warning's size: Siaga's payload carries headline, instruction, links and ids (about 700 bytes).
    const payload = JSON.stringify({
      kind: 'warning',
      headline: 'Hujan Lebat disertai Petir di Gorontalo',
      body: 'x'.repeat(520),
      url: 'https://siaga.local/a/123',
      ack: 'y'.repeat(43),
    });
    const siagaSend = async (s: PushSubscriptionKeys) => {
      const r = await sender.send({ subscription: s, payload, ttlSeconds: 3600, urgency: 'high', topic: 'warn-123' });
      if (r.kind !== 'sent') throw new Error(`Siaga's sender: ${JSON.stringify(r)}`);
    };
    const baselineSend = async (s: PushSubscriptionKeys) => {
      const r = await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
        vapidDetails: vapid,
        TTL: 3600,
        urgency: 'high',
        topic: 'warn-123',
        agent,
      });
      if (r.statusCode !== 201) throw new Error(`sendNotification: ${r.statusCode}`);
    };
    // A full round each to warm up (JIT, TLS sessions, sockets): the first rounds ran visibly slower.
    await run(siagaSend, subscriptions, MESSAGES[mode]);
    await run(baselineSend, subscriptions, MESSAGES[mode]);
    const siaga: Round[] = [];
    const baseline: Round[] = [];
    for (let i = 0; i < ROUNDS[mode]; i++) {
      siaga.push(await run(siagaSend, subscriptions, MESSAGES[mode]));
      baseline.push(await run(baselineSend, subscriptions, MESSAGES[mode]));
    }
    const counts = await endpoint.counts();
    const perSide = (ROUNDS[mode] + 1) * MESSAGES[mode];
    if (counts.accepted !== 2 * perSide || counts.refused !== 0)
      throw new Error(`the push endpoint accepted ${counts.accepted} (refused ${counts.refused}), expected ${2 * perSide}`);
    // Siaga's messages over HTTP/2, the stock loop's over HTTP/1.1: otherwise the row measures something else.
    if (counts.acceptedOver['2.0'] !== perSide || counts.acceptedOver['1.1'] !== perSide)
      throw new Error(`the push endpoint accepted ${JSON.stringify(counts.acceptedOver)} by HTTP version, expected ${perSide} over each`);
    const s = median(siaga.map((r) => r.perCpuSecond));
    const b = median(baseline.map((r) => r.perCpuSecond));
    return [
      {
        row: 'web-push',
        measures: `${MESSAGES[mode].toLocaleString('en')} messages × ${ROUNDS[mode]} rounds, encrypted + sent, per CPU-second of the sender`,
        unit: 'msgs/CPU-s',
        siaga: { perSecond: s, samples: siaga.length },
        baseline: { label: BASELINE, perSecond: b, samples: baseline.length },
        slowdown: b / s,
        goal: goalAtLeast(4, b / s),
        details: {
          messagesPerRound: MESSAGES[mode],
          inFlight: IN_FLIGHT,
          subscribers: SUBSCRIBERS,
          payloadBytes: Buffer.byteLength(payload),
          siagaPerCpuSecond: siaga.map((r) => Math.round(r.perCpuSecond)),
          baselinePerCpuSecond: baseline.map((r) => Math.round(r.perCpuSecond)),
          siagaWallPerSecond: siaga.map((r) => Math.round(r.perWallSecond)),
          baselineWallPerSecond: baseline.map((r) => Math.round(r.perWallSecond)),
          vapidJwtsSignedBySiaga: sender.stats().jwtSigned,
          http2SessionsOpenedBySiaga: sender.stats().http2Sessions,
          endpointAccepted: counts.accepted,
          endpointAcceptedByHttpVersion: counts.acceptedOver,
          cpuSeconds: { siaga: siaga.map((r) => round3(r.cpuSeconds)), baseline: baseline.map((r) => round3(r.cpuSeconds)) },
        },
      },
    ];
  } finally {
    sender.close();
    agent.destroy();
    endpoint.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

interface Round {
  perCpuSecond: number;
  perWallSecond: number;
  cpuSeconds: number;
}

/** `n` messages, IN_FLIGHT at a time, cycling over the subscriptions; CPU time is this process's (user + system). */
async function run(send: (s: PushSubscriptionKeys) => Promise<void>, subscriptions: PushSubscriptionKeys[], n: number): Promise<Round> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const s = subscriptions[next++ % subscriptions.length] as PushSubscriptionKeys;
      await send(s);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { perCpuSecond: n / cpuSeconds, perWallSecond: n / wall, cpuSeconds };
}

/** A browser's subscription: a fresh P-256 key pair and a 16-byte auth secret. */
function subscriber(endpoint: string): PushSubscriptionKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { endpoint, p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}
