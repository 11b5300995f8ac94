// The browsers behind the local push service's subscriptions, doing what Siaga's service worker
// (src/web/assets/sw.js) does when a warning arrives: report it shown with the payload's delivery id
// and ack token (POST /api/deliveries/:id/received), trying again after 2, 4, 8 and 16 s while Siaga
// does not take it (it may be restarting, or busy: 429, 5xx). Only these reports tell Siaga that a push whose outcome it
// does not know arrived; one nobody reports is sent again.
import http from 'node:http';
import type { ReceivedPush } from './local-push-service.ts';

const RETRY_MS = [2000, 4000, 8000, 16_000];

export interface PushDevices {
  /** Hand to startLocalPushService's `onMessage`. */
  onMessage(message: ReceivedPush): void;
  /** Reports Siaga took, and reports given up. */
  counts(): { reported: number; givenUp: number };
  close(): void;
}

export function pushDevices(siagaBase: () => string): PushDevices {
  // Many phones at once, but not thousands of sockets from one test process.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const timers = new Set<NodeJS.Timeout>();
  let reported = 0;
  let givenUp = 0;
  let closed = false;

  const post = (path: string, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${siagaBase()}${path}`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const report = (path: string, body: string, attempt: number) => {
    if (closed) return;
    const again = () => {
      if (attempt >= RETRY_MS.length) return void (givenUp += 1);
      const timer = setTimeout(() => {
        timers.delete(timer);
        report(path, body, attempt + 1);
      }, RETRY_MS[attempt]);
      timers.add(timer);
    };
    post(path, body).then((status) => (status < 500 && status !== 429 ? void (reported += 1) : again()), again);
  };

  return {
    onMessage(message) {
      const p = JSON.parse(message.payload) as { deliveryId?: string; ackToken?: string };
      if (p.deliveryId && p.ackToken) report(`/api/deliveries/${p.deliveryId}/received`, JSON.stringify({ token: p.ackToken }), 0);
    },
    counts: () => ({ reported, givenUp }),
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      agent.destroy();
    },
  };
}
