// A worker that loses PostgreSQL after its requests went out keeps the answers and records them
// when the database is back: the rows end `sent` (not interrupted, not unknown), and nothing is
// sent twice. The loss is a cut in a TCP proxy in front of the shared server, which is not touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { openPgDb } from '../../src/db/pg-db.ts';
import type { Db } from '../../src/db/db.ts';
import type { Logger } from '../../src/logger.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { sendPushChunk } from '../../src/delivery/send-push-chunk.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { subscribeEveryHousehold } from '../support/local-push-service.ts';
import { loadDeliSerdang, recordingQueue, testClock } from '../support/delivery-harness.ts';
import { startDeliveryPeers, type DeliveryPeers } from '../support/delivery-peers.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';

const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('answers recorded after the database comes back (PostgreSQL; a proxy is cut)', () => {
  let t: TestDb;
  let peers: DeliveryPeers;
  let proxy: TcpProxy;
  let viaProxy: Db;
  let logger: Logger;
  const logged: string[] = [];
  const clock = testClock(new Date().toISOString());

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 150, 'record-after-loss');
    peers = await startDeliveryPeers(t.db, clock, { deps: { leaseSeconds: 60 } });
    await subscribeEveryHousehold(t.db, peers.push);
    const url = new URL(DATABASE_URL as string);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const sink = new Writable({ write: (c: Buffer, _e, done) => void (logged.push(c.toString()), done()) });
    logger = pino({}, sink);
    viaProxy = openPgDb({ connectionString: url.toString(), schema: t.schema, logger });
  }, 120_000);

  afterAll(async () => {
    await viaProxy?.close();
    await proxy?.close();
    await peers?.stop();
    await t?.drop();
  });

  it('holds the push service answers while PostgreSQL is away and records them as sent', async () => {
    const cap = buildCap({
      identifier: 'LOSS-1',
      sent: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      infos: [
        {
          language: 'id',
          expires: '2099-01-01T00:00:00+07:00',
          severity: 'Extreme',
          urgency: 'Immediate',
          areas: [{ polygons: [boxRing(98.5, 3.3, 99.3, 3.9)] }],
        },
      ],
    });
    const ingested = await ingestCapDocument(t.db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    expect(ingested.errors).toEqual([]);
    await deliverMessage(peers.runtime.deps, recordingQueue(), ingested.alertId as number);
    const ids = (await t.db.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE channel = 'push' ORDER BY id LIMIT 30`)).rows.map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(30);

    // The database goes away as the answers come back, and returns a second and a half later.
    const real = peers.runtime.deps.push as NonNullable<typeof peers.runtime.deps.push>;
    let cutOnce = false;
    const push: typeof real = {
      ...real,
      async send(message) {
        const answer = await real.send(message);
        if (!cutOnce) {
          cutOnce = true;
          proxy.cut();
          setTimeout(() => proxy.restore(), 1500);
        }
        return answer;
      },
    };
    await sendPushChunk({ ...peers.runtime.deps, db: viaProxy, push, batchSize: 30, logger }, ids);

    const { rows } = await t.db.query<{ state: string; outcome_unknown: boolean; household_id: string }>(
      `SELECT state, outcome_unknown, household_id FROM deliveries WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    expect(rows.every((r) => r.state === 'sent' && !r.outcome_unknown)).toBe(true);
    for (const r of rows) expect(peers.push.countFor(r.household_id)).toBe(1);
    expect(logged.join('')).toContain('database back');
  }, 60_000);
});
