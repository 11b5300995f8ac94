// What a worker that went away leaves in the ledger, and how the sweep settles it from what is
// known: rows claimed but never started go out again; rows whose request started but whose answer
// was lost are `sent` with outcome unknown (never resent, no SMS at once), and the worker that held
// the answer can still record it. A duplicate job after that sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { claimDeliveries, recordOutcomes, takeDueForDispatch } from '../../src/db/delivery-claims.ts';
import { markRequestsStarted } from '../../src/db/delivery-leases.ts';
import { deliveryReport } from '../../src/db/delivery-report.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { sendPushChunk } from '../../src/delivery/send-push-chunk.ts';
import { sweepDeliveries } from '../../src/delivery/sweep-deliveries.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { subscribeEveryHousehold } from '../support/local-push-service.ts';
import { loadDeliSerdang, recordingQueue, testClock } from '../support/delivery-harness.ts';
import { startDeliveryPeers, type DeliveryPeers } from '../support/delivery-peers.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const LATER = '2099-01-01T00:00:00+07:00';

interface Row {
  id: string;
  household_id: string;
  state: string;
  outcome_unknown: boolean;
  attempts: number;
  failure_reason: string | null;
}

describe(`claim leases: settled from what is known (${engineUnderTest})`, () => {
  let t: TestDb;
  let peers: DeliveryPeers;
  const clock = testClock(new Date().toISOString());
  let pushIds: string[] = [];
  let alertId = '';

  const rows = async (ids: string[]) =>
    (
      await t.db.query<Row>(
        `SELECT id::text, household_id, state, outcome_unknown, attempts, failure_reason FROM deliveries WHERE id = ANY($1::bigint[]) ORDER BY id`,
        [ids],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 300, 'claim-leases');
    peers = await startDeliveryPeers(t.db, clock, { deps: { leaseSeconds: 60, smsFallbackSeconds: 300 } });
    await subscribeEveryHousehold(t.db, peers.push);
    const cap = buildCap({
      identifier: 'LEASE-1',
      sent: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      infos: [
        {
          language: 'id',
          expires: LATER,
          severity: 'Extreme',
          urgency: 'Immediate',
          areas: [{ polygons: [boxRing(98.5, 3.3, 99.3, 3.9)] }],
        },
      ],
    });
    const ingested = await ingestCapDocument(t.db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    expect(ingested.errors).toEqual([]);
    // Planned, and its jobs never run (a queue that only records them).
    alertId = String(ingested.alertId);
    const plan = await deliverMessage(peers.runtime.deps, recordingQueue(), alertId);
    expect(plan.push).toBeGreaterThan(60);
    pushIds = (await t.db.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE channel = 'push' ORDER BY id`)).rows.map(
      (r) => r.id,
    );
  }, 120_000);

  afterAll(async () => {
    await peers?.stop();
    await t?.drop();
  });

  it('a row claimed and never sent goes out again once the lease runs out, once', async () => {
    const deps = peers.runtime.deps;
    const ids = pushIds.slice(0, 20);
    // A worker claims a batch and dies before any request leaves.
    expect(await claimDeliveries(t.db, 'push', ids, clock.now(), deps.leaseSeconds, 'dead-worker')).toHaveLength(20);
    expect((await sweepDeliveries(deps, recordingQueue())).requeued).toBe(0);

    clock.advance(61_000);
    const queue = recordingQueue();
    const summary = await sweepDeliveries(deps, queue);
    expect(summary).toMatchObject({ requeued: 20, unknown: 0, abandoned: 0 });
    expect((await rows(ids)).every((r) => r.state === 'queued')).toBe(true);
    // Dispatched again in the same sweep, not after a re-dispatch window.
    expect(queue.ids('push')).toEqual(expect.arrayContaining(ids));

    await sendPushChunk(deps, ids);
    await sendPushChunk(deps, ids); // a duplicate job: the claim finds nothing queued
    const after = await rows(ids);
    expect(after.map((r) => r.state)).toEqual(ids.map(() => 'sent'));
    for (const r of after) expect(peers.push.countFor(r.household_id)).toBe(1);
  });

  it('a row whose request started and whose answer was lost is sent (outcome unknown): not resent, no SMS at once', async () => {
    const deps = peers.runtime.deps;
    const ids = pushIds.slice(20, 40);
    const claimed = await claimDeliveries(t.db, 'push', ids, clock.now(), deps.leaseSeconds, 'killed-worker');
    expect(await markRequestsStarted(t.db, ids, 'killed-worker', clock.now(), deps.leaseSeconds)).toHaveLength(20);
    // The requests reach the push service; the worker is killed before it records the answers.
    const subs = (
      await t.db.query<{ household_id: string; endpoint: string; p256dh: string; auth: string }>(
        `SELECT household_id, endpoint, p256dh, auth FROM push_subscriptions`,
      )
    ).rows;
    for (const row of claimed) {
      const sub = subs.find((s) => s.household_id === row.household_id);
      expect(sub).toBeDefined();
      expect(
        (await deps.push?.send({ subscription: sub as NonNullable<typeof sub>, payload: '{}', ttlSeconds: 60, urgency: 'high' }))?.kind,
      ).toBe('sent');
    }

    clock.advance(61_000);
    const summary = await sweepDeliveries(deps, recordingQueue());
    expect(summary).toMatchObject({ requeued: 0, unknown: 20, abandoned: 0, smsFallback: 0 });
    const settled = await rows(ids);
    expect(settled.every((r) => r.state === 'sent' && r.outcome_unknown)).toBe(true);
    // `siaga deliveries` says so.
    expect((await deliveryReport(t.db, alertId, { households: false }))?.outcomeUnknown).toEqual([{ channel: 'push', n: 20 }]);
    const sms = await t.db.query(`SELECT 1 FROM deliveries WHERE channel = 'sms' AND household_id = ANY($1)`, [
      settled.map((r) => r.household_id),
    ]);
    expect(sms.rows).toHaveLength(0);

    // A duplicate job sends nothing: each household got its one push.
    await sendPushChunk(deps, ids);
    for (const r of settled) expect(peers.push.countFor(r.household_id)).toBe(1);

    // The worker that held the answers records them late (its token): the guess is replaced.
    await recordOutcomes(
      t.db,
      ids.map((id) => ({ id, state: 'sent' as const, providerIds: ['late'] })),
      clock.now(),
      'killed-worker',
    );
    expect((await rows(ids)).every((r) => r.state === 'sent' && !r.outcome_unknown)).toBe(true);
    // Another claim's token changes nothing.
    await recordOutcomes(
      t.db,
      ids.map((id) => ({ id, state: 'failed' as const, reason: 'x' })),
      clock.now(),
      'someone-else',
    );
    expect((await rows(ids)).every((r) => r.state === 'sent')).toBe(true);
  });

  it('a row claimed again and again by workers that die before sending ends failed, saying so', async () => {
    const deps = peers.runtime.deps;
    const ids = pushIds.slice(40, 41);
    for (let i = 0; i < 5; i += 1) {
      expect(await claimDeliveries(t.db, 'push', ids, clock.now(), deps.leaseSeconds, `dies-${i}`)).toHaveLength(1);
      clock.advance(61_000);
      await sweepDeliveries(deps, recordingQueue());
    }
    const [row] = await rows(ids);
    expect(row).toMatchObject({ state: 'failed', attempts: 5 });
    expect(row?.failure_reason).toContain('claimed 5 times');
  });

  it('re-dispatches queued rows only once their channel has gone quiet (a backlog being worked on is left alone)', async () => {
    const ids = pushIds.slice(50, 60);
    const windows = { idleSeconds: 20, staleSeconds: 600 };
    // Planned rows are marked dispatched; 30 s later, while another row of the channel was just claimed:
    clock.advance(30_000);
    expect(await claimDeliveries(t.db, 'push', pushIds.slice(60, 61), clock.now(), 60, 'busy-worker')).toHaveLength(1);
    const push = async () =>
      (await takeDueForDispatch(t.db, clock.now(), windows, 1000)).filter((r) => r.channel === 'push').map((r) => r.id);
    expect(await push()).toEqual([]);
    // 21 s without any claim on the channel: the jobs are presumed lost and every waiting row comes back.
    clock.advance(21_000);
    // (Only the rows still queued: on a loaded machine the peers may have settled some of them.)
    const waiting = (await rows(ids)).filter((r) => r.state === 'queued').map((r) => r.id);
    expect(waiting.length).toBeGreaterThan(0);
    expect(await push()).toEqual(expect.arrayContaining(waiting));
    // Marked dispatched again: the next sweep does not add copies at once.
    expect(await push()).toEqual([]);
  });
});
