// A push recorded sent with its outcome unknown (written in full, no answer): never sent again at
// once. The device's own "shown" report settles it as delivered — also when it comes before the
// worker recorded anything, or while a copy waits to be sent again; one that no device reported is
// queued again after PUSH_UNCONFIRMED_RESEND_S and sent once more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../src/config.ts';
import { markPushDelivered } from '../../src/db/acknowledgements.ts';
import type { Queryable } from '../../src/db/db.ts';
import { loadVapidKeys } from '../../src/delivery/create-delivery-deps.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { createWebPushSender } from '../../src/delivery/push/web-push-sender.ts';
import { sendPushChunk } from '../../src/delivery/send-push-chunk.ts';
import { sweepDeliveries } from '../../src/delivery/sweep-deliveries.ts';
import { createDeliveredReports } from '../../src/http/delivered-reports.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { startLocalPushService, subscribeEveryHousehold, TEST_PUSH_POLICY, type LocalPushService } from '../support/local-push-service.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

describe(`push of unknown outcome: confirmed by the device, else sent again (${engineUnderTest})`, () => {
  let t: TestDb;
  let push: LocalPushService;
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 120, 'unconfirmed-push');
    push = await startLocalPushService();
    await subscribeEveryHousehold(t.db, push);
  }, 120_000);
  afterAll(async () => {
    for (const close of closers) close();
    await push?.close();
    await t?.drop();
  });

  const rowsOf = async (ids: string[]) =>
    new Map(
      (
        await t.db.query<{ id: string; state: string; outcome_unknown: boolean }>(
          `SELECT id::text, state, outcome_unknown FROM deliveries WHERE id = ANY($1::bigint[])`,
          [ids],
        )
      ).rows.map((r) => [r.id, r]),
    );

  it('keeps an unanswered push unknown, takes the device’s word for it, and sends the unreported one again, once', async () => {
    const clock = testClock('2026-11-28T03:00:00Z');
    const vapid = await loadVapidKeys(t.db, loadConfig({}));
    const sender = createWebPushSender({ vapid, policy: TEST_PUSH_POLICY, timeoutMs: 300, sleep: async () => undefined });
    closers.push(() => sender.close());
    const deps = testDeliveryDeps(t.db, clock, { push: sender, vapidPublicKey: vapid.publicKey, pushUnconfirmedResendSeconds: 60 });
    const cap = buildCap({
      identifier: 'UNCONFIRMED-PUSH-1',
      infos: [{ expires: '2099-01-01T00:00:00+07:00', areas: [{ polygons: [boxRing(98.5, 3.3, 99.3, 3.9)] }] }],
    });
    const { alertId } = await ingestCapDocument(t.db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    const queue = recordingQueue();
    await deliverMessage(deps, queue, alertId as number);
    const ids = queue.ids('push');
    expect(ids.length).toBeGreaterThan(10);
    const households = new Map(
      (
        await t.db.query<{ id: string; household_id: string }>(
          `SELECT id::text, household_id FROM deliveries WHERE id = ANY($1::bigint[])`,
          [ids],
        )
      ).rows.map((r) => [r.id, r.household_id]),
    );
    const [shownEarly, reportedLate, neverReported] = ids as [string, string, string];
    // Each of the three is taken in full and never answered (the first time only).
    for (const id of [shownEarly, reportedLate, neverReported]) push.setFault(households.get(id) as string, { silent: true, times: 1 });

    await sendPushChunk(deps, ids);
    let rows = await rowsOf(ids);
    for (const id of [shownEarly, reportedLate, neverReported])
      expect(rows.get(id)).toMatchObject({ state: 'sent', outcome_unknown: true });
    expect([...rows.values()].filter((r) => r.state === 'sent' && !r.outcome_unknown)).toHaveLength(ids.length - 3);
    expect(push.received).toHaveLength(ids.length - 3);

    // The device reports the first shown: delivered, no longer unknown.
    expect(await markPushDelivered(t.db, [shownEarly], clock.now())).toEqual([shownEarly]);
    // Too soon to send anything again.
    expect((await sweepDeliveries(deps, recordingQueue())).pushUnconfirmed).toBe(0);

    clock.advance(61_000);
    const again = recordingQueue();
    expect((await sweepDeliveries(deps, again)).pushUnconfirmed).toBe(2);
    expect(again.ids('push').sort()).toEqual([reportedLate, neverReported].sort());
    // The report of the second comes while its copy waits to be sent: it is not sent again.
    expect(await markPushDelivered(t.db, [reportedLate], clock.now())).toEqual([reportedLate]);

    await sendPushChunk(deps, again.ids('push'));
    rows = await rowsOf(ids);
    expect(rows.get(shownEarly)).toMatchObject({ state: 'delivered', outcome_unknown: false });
    expect(rows.get(reportedLate)).toMatchObject({ state: 'delivered', outcome_unknown: false });
    expect(rows.get(neverReported)).toMatchObject({ state: 'sent', outcome_unknown: false });
    expect(push.countFor(households.get(neverReported) as string)).toBe(1);
    expect(push.countFor(households.get(reportedLate) as string)).toBe(0);
    expect(push.received).toHaveLength(ids.length - 2);
  });

  it('writes the reports that arrive together in one statement, and answers each', async () => {
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id::text FROM deliveries WHERE channel = 'push' AND state = 'sent' ORDER BY id LIMIT 20`,
    );
    const ids = rows.map((r) => r.id);
    expect(ids).toHaveLength(20);
    let statements = 0;
    const counted: Queryable = {
      ...t.db,
      query: (sql, params) => {
        statements += 1;
        return t.db.query(sql, params);
      },
    };
    const reports = createDeliveredReports(counted, () => new Date());
    const answers = await Promise.all([...ids, ids[0] as string, '999999999'].map((id) => reports.report(id)));
    expect(answers).toEqual([...ids.map(() => true), true, false]);
    expect(statements).toBe(1);
    expect([...(await rowsOf(ids)).values()].every((r) => r.state === 'delivered')).toBe(true);
  });

  it('takes a device’s report that comes before the worker recorded the push service’s answer', async () => {
    const { rows } = await t.db.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE channel = 'push' AND state = 'sent' LIMIT 1`);
    const id = (rows[0] as { id: string }).id;
    await t.db.query(`UPDATE deliveries SET state = 'sending', sent_at = NULL, request_started_at = now() WHERE id = $1`, [id]);
    expect(await markPushDelivered(t.db, [id], new Date())).toEqual([id]);
    expect((await rowsOf([id])).get(id)).toMatchObject({ state: 'delivered', outcome_unknown: false });
  });
});
