// An SMS recorded sent with its outcome unknown (its request went unanswered, or its worker died
// mid-request): a receipt naming Siaga's reference confirms it; one never confirmed goes again after
// SMS_UNCONFIRMED_RESEND_S — only through a gateway whose receipts name the reference, since
// elsewhere a message that did arrive could never be told apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { applySmsReceipt } from '../../src/db/delivery-claims.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import type { SmsGateway } from '../../src/delivery/sms/sms-gateway.ts';
import { sweepDeliveries } from '../../src/delivery/sweep-deliveries.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

describe(`SMS of unknown outcome: confirmed by reference, else sent again (${engineUnderTest})`, () => {
  let t: TestDb;
  const clock = testClock('2026-11-28T03:00:00Z');
  const gateway = (confirmsByReference: boolean): SmsGateway => ({
    name: 'test',
    confirmsByReference,
    send: () => Promise.reject(new Error('not sent in this test')),
    onReceipt: () => undefined,
    onInbound: () => undefined,
    close: () => Promise.resolve(),
  });

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 400, 'unconfirmed-sms');
  });
  afterAll(() => t.drop());

  it('a receipt with the reference confirms the row; an unconfirmed one is queued again after the wait, and only where receipts name references', async () => {
    const cap = buildCap({
      identifier: 'UNCONFIRMED-1',
      infos: [{ expires: '2099-01-01T00:00:00+07:00', areas: [{ polygons: [boxRing(98.5, 3.3, 99.3, 3.9)] }] }],
    });
    const { alertId } = await ingestCapDocument(t.db, { source: 'test', bytes: cap }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    const deps = testDeliveryDeps(t.db, clock, { sms: gateway(true), smsUnconfirmedResendSeconds: 120 });
    await deliverMessage(deps, recordingQueue(), alertId as number);
    const ids = (await t.db.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE channel = 'sms' ORDER BY id LIMIT 4`)).rows.map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(4);
    const [confirmed, unconfirmed, recent, early] = ids as [string, string, string, string];
    // Its receipt came while the row was still `sending` (its worker had died): kept, not applied.
    await t.db.query(`UPDATE deliveries SET state = 'sending' WHERE id = $1`, [early]);
    expect(await applySmsReceipt(t.db, { messageId: 'gw-78', reference: `d${early}`, state: 'delivered', at: clock.now() })).toEqual([]);
    // As the ledger holds them after an unanswered send: sent, outcome unknown, no provider id.
    await t.db.query(
      `UPDATE deliveries SET state = 'sent', outcome_unknown = true, provider_ids = '{}', attempts = 1, sent_at = $2 WHERE id = ANY($1::bigint[])`,
      [[confirmed, unconfirmed, early], new Date(clock.now().getTime() - 200_000)],
    );
    await t.db.query(
      `UPDATE deliveries SET state = 'sent', outcome_unknown = true, provider_ids = '{}', attempts = 1, sent_at = $2 WHERE id = $1`,
      [recent, new Date(clock.now().getTime() - 30_000)],
    );

    expect(await applySmsReceipt(t.db, { messageId: 'gw-77', reference: `d${confirmed}`, state: 'delivered', at: clock.now() })).toEqual([
      confirmed,
    ]);

    // A gateway whose receipts name only its own ids: nothing is sent again.
    expect((await sweepDeliveries({ ...deps, sms: gateway(false) }, recordingQueue())).smsUnconfirmed).toBe(0);
    const queue = recordingQueue();
    expect((await sweepDeliveries(deps, queue)).smsUnconfirmed).toBe(1);

    const rows = new Map(
      (
        await t.db.query<{ id: string; state: string; outcome_unknown: boolean; provider_ids: string[] }>(
          `SELECT id::text, state, outcome_unknown, provider_ids FROM deliveries WHERE id = ANY($1::bigint[])`,
          [ids],
        )
      ).rows.map((r) => [r.id, r]),
    );
    expect(rows.get(confirmed)).toMatchObject({ state: 'delivered', outcome_unknown: false, provider_ids: ['gw-77'] });
    expect(rows.get(unconfirmed)).toMatchObject({ state: 'queued', outcome_unknown: false });
    expect(rows.get(recent)).toMatchObject({ state: 'sent', outcome_unknown: true });
    // The kept receipt confirms the row once it is settled, before anything would be sent again.
    expect(rows.get(early)).toMatchObject({ state: 'delivered', outcome_unknown: false, provider_ids: ['gw-78'] });
    // And it is dispatched again in the same sweep.
    expect(queue.ids()).toContain(unconfirmed);
  });
});
