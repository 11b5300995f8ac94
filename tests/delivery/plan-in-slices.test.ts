// Planning a large message in slices, most endangered first: the ledger is exactly the targeted
// households (an independent selection), as planned in one pass; the rows are queued most severe
// level first, then village by village in the order of danger, vulnerable households first; and
// planning again adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import type { TargetSpec } from '../../src/cap/build-target-spec.ts';
import { selectTargetedHouseholds } from '../../src/db/alert-targeting.ts';
import { FIRST_SLICE_HOUSEHOLDS } from '../../src/delivery/danger-slices.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { buildCap, type TestCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const LATER = '2099-01-01T00:00:00+07:00';

interface Planned {
  id: string;
  household_id: string;
  channel: string;
  severity: string;
  village_code: string;
  vulnerable: number;
}

describe(`planning a large message in slices, most endangered first (${engineUnderTest})`, () => {
  let t: TestDb;
  const clock = testClock('2026-11-28T03:00:00Z');

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 4000, 'slices');
    await t.db.query(`INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth)
      SELECT id, 'https://push.test/' || id, 'k', 'a' FROM households WHERE valid_to IS NULL AND row_id % 2 = 0`);
  });
  afterAll(() => t.drop());

  const ingest = async (cap: TestCap) => {
    const r = await ingestCapDocument(t.db, { source: 'test', bytes: buildCap(cap) }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    expect(r.errors).toEqual([]);
    return r.alertId as number;
  };
  const ledger = async (alertId: number) =>
    new Map(
      (
        await t.db.query<Planned>(
          `SELECT d.id::text, d.household_id, d.channel, d.severity, h.village_code, h.vulnerable FROM deliveries d
           JOIN households h ON h.id = d.household_id AND h.valid_to IS NULL WHERE d.alert_id = $1`,
          [alertId],
        )
      ).rows.map((r) => [r.id, r]),
    );

  it('plans exactly the targeted households, queues the most severe level first, village by village, vulnerable first, and adds nothing when planned again', async () => {
    // Like a tsunami warning: AWAS over three kecamatan, WASPADA over the whole regency (zones are
    // administrative units, so no village is split between levels).
    const alertId = await ingest({
      identifier: 'SLICES-1',
      infos: [
        {
          expires: LATER,
          severity: 'Extreme',
          event: 'Peringatan Dini Tsunami',
          areas: [
            {
              geocodes: [
                ['ADM3', '12.07.06'],
                ['ADM3', '12.07.03'],
                ['ADM3', '12.07.19'],
              ],
            },
          ],
        },
        { expires: LATER, severity: 'Moderate', event: 'Peringatan Dini Tsunami', areas: [{ geocodes: [['ADM2', '12.07']] }] },
      ],
    });
    const deps = testDeliveryDeps(t.db, clock);
    const queue = recordingQueue();
    const plan = await deliverMessage(deps, queue, alertId);

    const spec = (await t.db.query<{ target_spec: TargetSpec }>(`SELECT target_spec FROM alerts WHERE id = $1`, [alertId])).rows[0]
      ?.target_spec as TargetSpec;
    const targeted = new Set((await selectTargetedHouseholds(t.db, spec)).map((h) => h.id));
    expect(targeted.size).toBeGreaterThan(2 * FIRST_SLICE_HOUSEHOLDS); // large enough to be sliced
    const rows = await ledger(alertId);
    const reachable = (
      await t.db.query<{ id: string }>(
        `SELECT h.id FROM households h WHERE h.valid_to IS NULL AND h.id = ANY($1::text[])
           AND (h.phone IS NOT NULL OR EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.household_id = h.id AND s.active))`,
        [[...targeted]],
      )
    ).rows.map((r) => r.id);
    expect([...rows.values()].map((r) => r.household_id).sort()).toEqual(reachable.sort());
    expect(plan).toMatchObject({
      action: 'planned',
      targeted: targeted.size,
      push: [...rows.values()].filter((r) => r.channel === 'push').length,
    });
    expect(plan.push + plan.sms).toBe(rows.size);
    expect(queue.ids().sort()).toEqual([...rows.keys()].sort());

    // The queue's order: every AWAS row before any WASPADA row (per channel, as each is queued).
    for (const channel of ['push', 'sms']) {
      const order = queue.chunks
        .filter((c) => c.channel === channel)
        .flatMap((c) => c.ids)
        .map((id) => rows.get(id) as Planned);
      const lastAwas = order.map((r) => r.severity).lastIndexOf('Extreme');
      const firstWaspada = order.map((r) => r.severity).indexOf('Moderate');
      expect(lastAwas).toBeGreaterThanOrEqual(0);
      expect(firstWaspada).toBeGreaterThan(lastAwas);
      // Inside one village's run of rows of one slice, vulnerable households come first.
      for (let i = 1; i < order.length; i++) {
        const [a, b] = [order[i - 1] as Planned, order[i] as Planned];
        if (a.village_code === b.village_code && a.severity === b.severity && a.vulnerable === 0) expect(b.vulnerable).toBe(0);
      }
    }

    const again = await deliverMessage(deps, recordingQueue(), alertId);
    expect(again).toMatchObject({ push: 0, sms: 0, targeted: targeted.size });
    expect((await ledger(alertId)).size).toBe(rows.size);
  });
});
