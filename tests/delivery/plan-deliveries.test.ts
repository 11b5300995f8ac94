// The ledger as planned from the CAP engine: rows only for targeted households, on the right
// channel, once; Updates reach only households whose situation changed; a Cancel's all-clear only
// those that were warned; quiet hours hold low-urgency advisories; Test messages reach nobody.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import type { TargetSpec } from '../../src/cap/build-target-spec.ts';
import { selectTargetedHouseholds } from '../../src/db/alert-targeting.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { parseQuietHours, type QuietHours } from '../../src/policy/quiet-hours.ts';
import { sweepDeliveries } from '../../src/delivery/sweep-deliveries.ts';
import { boxRing, buildCap, TEST_SENDER, type TestCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const AREA_A = boxRing(98.7, 3.5, 98.8, 3.58);
const AREA_AB = boxRing(98.7, 3.5, 98.9, 3.62);
const LATER = '2099-01-01T00:00:00+07:00';
const ref = (identifier: string, sent: string): [string, string, string] => [TEST_SENDER, identifier, sent];

interface Row {
  id: string;
  household_id: string;
  channel: string;
  kind: string;
  state: string;
  alert_id: string;
  not_before: Date | null;
}

describe(`deliveries ledger planning (${engineUnderTest})`, () => {
  let t: TestDb;
  const clock = testClock('2026-11-28T03:00:00Z'); // 10:00 WIB

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 3000, 'ledger');
    // A third of the households have a browser subscribed to push.
    await t.db.query(`INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth)
      SELECT id, 'https://push.test/' || id, 'k', 'a' FROM households WHERE valid_to IS NULL AND row_id % 3 = 0`);
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    clock.set('2026-11-28T03:00:00Z');
    await t.db.execScript(
      `TRUNCATE deliveries, delivery_groups, sms_receipts, alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
  });

  const ingest = async (cap: TestCap) => {
    const r = await ingestCapDocument(t.db, { source: 'test', bytes: buildCap(cap) }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    expect(r.errors).toEqual([]);
    return r;
  };
  const rows = async (alertId?: number | null) =>
    (
      await t.db.query<Row>(
        `SELECT id::text, household_id, channel, kind, state, alert_id::text, not_before FROM deliveries ${alertId ? 'WHERE alert_id = $1' : ''} ORDER BY id`,
        alertId ? [alertId] : [],
      )
    ).rows;
  const targeted = async (alertId: number | null) => {
    const spec = (await t.db.query<{ target_spec: TargetSpec }>(`SELECT target_spec FROM alerts WHERE id = $1`, [alertId])).rows[0]
      ?.target_spec as TargetSpec;
    return new Set((await selectTargetedHouseholds(t.db, spec)).map((h) => h.id));
  };
  const reachable = async () => {
    const { rows: r } = await t.db.query<{ id: string; phone: string | null; push: boolean }>(`
      SELECT h.id, h.phone, EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.household_id = h.id AND s.active) AS push
      FROM households h WHERE h.valid_to IS NULL`);
    return new Map(r.map((h) => [h.id, h]));
  };

  it('writes one row per targeted household: push where subscribed, SMS where only a phone; nobody outside; planning twice adds nothing', async () => {
    const deps = testDeliveryDeps(t.db, clock);
    const queue = recordingQueue();
    const alert = await ingest({ identifier: 'A1', infos: [{ expires: LATER, areas: [{ polygons: [AREA_A] }] }] });
    const plan = await deliverMessage(deps, queue, alert.alertId as number);
    const inside = await targeted(alert.alertId);
    const all = await reachable();
    const expectPush = [...inside].filter((id) => all.get(id)?.push);
    const expectSms = [...inside].filter((id) => !all.get(id)?.push && all.get(id)?.phone);
    expect(inside.size).toBeGreaterThan(100);
    expect(plan).toMatchObject({
      action: 'planned',
      targeted: inside.size,
      push: expectPush.length,
      sms: expectSms.length,
      unreachable: inside.size - expectPush.length - expectSms.length,
    });
    const planned = await rows();
    expect(
      planned
        .filter((r) => r.channel === 'push')
        .map((r) => r.household_id)
        .sort(),
    ).toEqual(expectPush.sort());
    expect(
      planned
        .filter((r) => r.channel === 'sms')
        .map((r) => r.household_id)
        .sort(),
    ).toEqual(expectSms.sort());
    expect(planned.every((r) => r.kind === 'warning' && r.state === 'queued')).toBe(true);
    // Every row handed to the queue, in chunks of at most chunkSize ids.
    expect(queue.ids().sort()).toEqual(planned.map((r) => r.id).sort());
    expect(Math.max(...queue.chunks.map((c) => c.ids.length))).toBeLessThanOrEqual(deps.chunkSize);

    const again = await deliverMessage(deps, queue, alert.alertId as number);
    expect(again).toMatchObject({ push: 0, sms: 0 });
    expect((await rows()).length).toBe(planned.length);
  });

  it('an Update reaches only the households whose situation changed; a Cancel tells only those warned, on their channel', async () => {
    const deps = testDeliveryDeps(t.db, clock);
    const queue = recordingQueue();
    const a = await ingest({
      identifier: 'U1',
      sent: '2026-11-28T10:00:00+07:00',
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_A] }] }],
    });
    await deliverMessage(deps, queue, a.alertId as number);
    const first = await rows(a.alertId);
    // Pretend the channels took them all (the sending tests cover the real path).
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = now()`);

    // Reworded description, same severity/time/instruction: nobody is told again.
    const reworded = await ingest({
      identifier: 'U2',
      msgType: 'Update',
      sent: '2026-11-28T10:10:00+07:00',
      references: [ref('U1', '2026-11-28T10:00:00+07:00')],
      infos: [{ expires: LATER, description: 'Hujan lebat, kata-kata lain.', areas: [{ polygons: [AREA_A] }] }],
    });
    expect(await deliverMessage(deps, queue, reworded.alertId as number)).toMatchObject({
      action: 'planned',
      push: 0,
      sms: 0,
      unchanged: first.length,
    });

    // A bigger area with the same content: only the households newly inside, as a first warning.
    const grown = await ingest({
      identifier: 'U3',
      msgType: 'Update',
      sent: '2026-11-28T10:20:00+07:00',
      references: [ref('U2', '2026-11-28T10:10:00+07:00')],
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_AB] }] }],
    });
    await deliverMessage(deps, queue, grown.alertId as number);
    const newly = await rows(grown.alertId);
    const before = new Set(first.map((r) => r.household_id));
    expect(newly.length).toBeGreaterThan(0);
    expect(newly.every((r) => !before.has(r.household_id) && r.kind === 'warning')).toBe(true);
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = now() WHERE state = 'queued'`);

    // Severity raised: everyone inside is told again, as an update.
    const severe = await ingest({
      identifier: 'U4',
      msgType: 'Update',
      sent: '2026-11-28T10:30:00+07:00',
      references: [ref('U3', '2026-11-28T10:20:00+07:00')],
      infos: [{ expires: LATER, severity: 'Severe', areas: [{ polygons: [AREA_AB] }] }],
    });
    await deliverMessage(deps, queue, severe.alertId as number);
    const raised = await rows(severe.alertId);
    expect(raised.length).toBe(first.length + newly.length);
    expect(raised.every((r) => r.kind === 'update')).toBe(true);
    // Two of them fail on push: they still count as warned by SMS only if SMS was sent.
    await t.db.query(
      `UPDATE deliveries SET state = 'failed', failed_at = now(), failure_reason = 'test' WHERE id IN (SELECT id FROM deliveries WHERE alert_id = $1 ORDER BY id LIMIT 2)`,
      [severe.alertId],
    );
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = now() WHERE state = 'queued'`);

    const cancel = await ingest({
      identifier: 'U5',
      msgType: 'Cancel',
      sent: '2026-11-28T10:40:00+07:00',
      references: [ref('U4', '2026-11-28T10:30:00+07:00')],
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_AB] }] }],
    });
    const plan = await deliverMessage(deps, queue, cancel.alertId as number);
    const clear = await rows(cancel.alertId);
    const warned = new Set(
      (await rows()).filter((r) => r.kind !== 'all_clear' && r.state === 'sent').map((r) => `${r.household_id}/${r.channel}`),
    );
    expect(plan.action).toBe('all_clear');
    expect(new Set(clear.map((r) => `${r.household_id}/${r.channel}`))).toEqual(warned);
    expect(clear.every((r) => r.kind === 'all_clear')).toBe(true);
    // Cancelling twice (a second document, a replica) sends no second all-clear.
    expect((await deliverMessage(deps, queue, cancel.alertId as number)).action).toBe('skipped');
  });

  it('a translation arriving after the warning went out messages nobody again', async () => {
    const deps = testDeliveryDeps(t.db, clock);
    const queue = recordingQueue();
    const id = await ingest({ identifier: 'L1', infos: [{ language: 'id', expires: LATER, areas: [{ polygons: [AREA_A] }] }] });
    const first = await deliverMessage(deps, queue, id.alertId as number);
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = now()`);
    const en = await ingest({
      identifier: 'L1',
      infos: [{ language: 'en', event: 'Thunderstorm', expires: LATER, areas: [{ polygons: [AREA_A] }] }],
    });
    expect(en.outcome).toBe('translation');
    expect(await deliverMessage(deps, queue, en.alertId as number)).toMatchObject({ push: 0, sms: 0, unchanged: first.push + first.sms });
  });

  it('tells each household the most severe level whose area holds it, in a message with several levels', async () => {
    const deps = testDeliveryDeps(t.db, clock);
    const queue = recordingQueue();
    const awas = boxRing(98.7, 3.5, 98.8, 3.58);
    const waspada = boxRing(98.75, 3.5, 98.9, 3.62);
    const level = (language: string, severity: string, ring: number[][]) => ({
      language,
      severity,
      expires: LATER,
      areas: [{ polygons: [ring] }],
    });
    const multi = await ingest({
      identifier: 'M1',
      infos: [
        level('id', 'Extreme', awas),
        level('en', 'Extreme', awas),
        level('id', 'Moderate', waspada),
        level('en', 'Moderate', waspada),
      ],
    });
    await deliverMessage(deps, queue, multi.alertId as number);
    const { rows: told } = await t.db.query<{ severity: string; in_awas: boolean }>(
      `
      SELECT d.severity, ST_Intersects(h.location, ST_MakeEnvelope(98.70, 3.50, 98.80, 3.58, 4326)) AS in_awas
      FROM deliveries d JOIN households h ON h.id = d.household_id AND h.valid_to IS NULL WHERE d.alert_id = $1`,
      [multi.alertId],
    );
    expect(told.filter((r) => r.in_awas).length).toBeGreaterThan(10);
    expect(told.filter((r) => !r.in_awas).length).toBeGreaterThan(10);
    expect(told.filter((r) => r.severity !== (r.in_awas ? 'Extreme' : 'Moderate'))).toEqual([]);
  });

  it('holds a low-urgency advisory through quiet hours in the household time zone, and sends an urgent warning at once', async () => {
    const quietHours = parseQuietHours('21:00-06:00') as QuietHours;
    const deps = testDeliveryDeps(t.db, clock, { quietHours });
    const queue = recordingQueue();
    clock.set('2026-11-28T16:30:00Z'); // 23:30 WIB (Deli Serdang)
    const advisory = await ingest({
      identifier: 'Q1',
      sent: '2026-11-28T23:30:00+07:00',
      infos: [{ expires: LATER, urgency: 'Future', severity: 'Minor', areas: [{ polygons: [AREA_A] }] }],
    });
    const plan = await deliverMessage(deps, queue, advisory.alertId as number);
    expect(plan.dispatched).toBe(0);
    const held = await rows(advisory.alertId);
    expect(held.length).toBeGreaterThan(0);
    expect(new Set(held.map((r) => r.not_before?.toISOString()))).toEqual(new Set(['2026-11-28T23:00:00.000Z'])); // 06:00 WIB

    clock.set('2026-11-28T22:59:00Z');
    expect((await sweepDeliveries(deps, queue)).dispatched).toBe(0);
    clock.set('2026-11-28T23:00:30Z');
    expect((await sweepDeliveries(deps, queue)).dispatched).toBe(held.length);

    clock.set('2026-11-28T16:30:00Z');
    const urgent = await ingest({
      identifier: 'Q2',
      sent: '2026-11-28T23:30:00+07:00',
      infos: [{ expires: LATER, urgency: 'Immediate', severity: 'Severe', areas: [{ polygons: [AREA_A] }] }],
    });
    const now = await deliverMessage(deps, queue, urgent.alertId as number);
    expect(now.dispatched).toBe(now.push + now.sms);
    expect((await rows(urgent.alertId)).every((r) => r.not_before === null)).toBe(true);
  });

  it('sends nothing for a Test message, a superseded one, or one already expired', async () => {
    const deps = testDeliveryDeps(t.db, clock);
    const queue = recordingQueue();
    const test = await ingest({ identifier: 'T1', status: 'Test', infos: [{ expires: LATER, areas: [{ polygons: [AREA_A] }] }] });
    expect(await deliverMessage(deps, queue, test.alertId as number)).toMatchObject({
      action: 'skipped',
      reason: expect.stringMatching(/not deliverable/),
    });

    const newer = await ingest({
      identifier: 'S2',
      msgType: 'Update',
      sent: '2026-11-28T10:30:00+07:00',
      references: [ref('S1', '2026-11-28T10:00:00+07:00')],
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_A] }] }],
    });
    const older = await ingest({
      identifier: 'S1',
      sent: '2026-11-28T10:00:00+07:00',
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_A] }] }],
    });
    expect(await deliverMessage(deps, queue, older.alertId as number)).toMatchObject({
      action: 'skipped',
      reason: expect.stringMatching(/superseded/),
    });
    expect((await deliverMessage(deps, queue, newer.alertId as number)).action).toBe('planned');

    // Sent at 07:00, expired at 09:00, and it is 10:00: over. (An expiry before its own sent time is
    // a contradiction, read safely instead: tests/feeds/contradictory-times.test.ts.)
    const gone = await ingest({
      identifier: 'E1',
      sent: '2026-11-28T07:00:00+07:00',
      infos: [{ expires: '2026-11-28T09:00:00+07:00', areas: [{ polygons: [AREA_A] }] }],
    });
    expect(await deliverMessage(deps, queue, gone.alertId as number)).toMatchObject({
      action: 'skipped',
      reason: expect.stringMatching(/expired/),
    });
  });

  it('queued rows past their expiry end `expired`; an expired warning gets its all-clear once', async () => {
    const deps = testDeliveryDeps(t.db, clock);
    const queue = recordingQueue();
    const a = await ingest({ identifier: 'X1', infos: [{ expires: '2026-11-28T12:00:00+07:00', areas: [{ polygons: [AREA_A] }] }] });
    await deliverMessage(deps, queue, a.alertId as number);
    const planned = await rows(a.alertId);
    // Half were sent before the expiry; the rest never went.
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = now() WHERE id % 2 = 0`);
    clock.set('2026-11-28T05:01:00Z'); // 12:01 WIB
    const sweep = await sweepDeliveries(deps, queue);
    expect(sweep.expired).toBe(planned.filter((r) => Number(r.id) % 2 === 1).length);
    expect(sweep.allClears).toBe(1);
    const clear = (await rows()).filter((r) => r.kind === 'all_clear');
    expect(clear.length).toBe(planned.filter((r) => Number(r.id) % 2 === 0).length);
    expect((await sweepDeliveries(deps, queue)).allClears).toBe(0);
  });
});
