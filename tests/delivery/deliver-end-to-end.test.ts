// From CAP documents (Indonesian and English, as BMKG sends them) to messages received: a local
// push service that decrypts every payload with the subscriber's keys and checks the VAPID JWT, and
// a local SMSC speaking SMPP that issues delivery receipts. Each targeted household is told exactly
// once per channel, in its language, nobody outside the area; SMS follows unconfirmed push after the
// window; then an Update and a Cancel with the noise rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import type { TargetSpec } from '../../src/cap/build-target-spec.ts';
import { selectTargetedHouseholds } from '../../src/db/alert-targeting.ts';
import { SMS_WORDS } from '../../src/delivery/sms/sms-words.ts';
import { verificationCode } from '../../src/delivery/sms/verification-code.ts';
import type { DeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { boxRing, buildCap, TEST_SENDER, type TestCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, testClock } from '../support/delivery-harness.ts';
import type { LocalPushService } from '../support/local-push-service.ts';
import type { LocalSmsc } from '../support/local-smsc.ts';
import { startDeliveryPeers, type DeliveryPeers } from '../support/delivery-peers.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import type { DeliveryReport } from '../../src/db/delivery-report.ts';

const AREA = boxRing(98.7, 3.5, 98.8, 3.58);
const LATER = '2099-01-01T00:00:00+07:00';
const SENT = '2026-11-28T10:00:00+07:00';

interface Household {
  id: string;
  language: 'id' | 'en';
  phone: string | null;
  push: boolean;
}

interface PushPayload {
  kind: string;
  lang: string;
  title: string;
  alertId: string;
  deliveryId: string;
}

describe(`delivery end to end: web push and SMPP (${engineUnderTest})`, () => {
  let t: TestDb;
  let push: LocalPushService;
  let smsc: LocalSmsc;
  let runtime: DeliveryRuntime;
  let peers: DeliveryPeers;
  const clock = testClock(new Date().toISOString());
  const households = new Map<string, Household>();

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 1500, 'end-to-end');
    peers = await startDeliveryPeers(t.db, clock, { deps: { smsFallbackSeconds: 300 } });
    ({ push, smsc, runtime } = peers);
    // Every third household has a browser subscribed to push.
    const { rows } = await t.db.query<{ id: string; language: 'id' | 'en'; phone: string | null; row_id: number }>(
      `SELECT id, language, phone, row_id FROM households WHERE valid_to IS NULL`,
    );
    for (const h of rows) {
      const withPush = h.row_id % 3 === 0;
      households.set(h.id, { id: h.id, language: h.language, phone: h.phone, push: withPush });
      if (!withPush) continue;
      const sub = push.newSubscription(h.id);
      await t.db.query(`INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)`, [
        h.id,
        sub.endpoint,
        sub.p256dh,
        sub.auth,
      ]);
    }
  }, 120_000);

  afterAll(async () => {
    await peers?.stop();
    await t?.drop();
  });

  const ingest = async (cap: TestCap) => {
    const r = await ingestCapDocument(t.db, { source: 'test', bytes: buildCap(cap) }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    expect(r.errors).toEqual([]);
    return r.alertId as number;
  };
  const bilingual = async (cap: Omit<TestCap, 'infos'>, info: Omit<TestCap['infos'][number], 'language'>) => {
    const id = await ingest({ ...cap, infos: [{ ...info, language: 'id' }] });
    expect(await ingest({ ...cap, infos: [{ ...info, language: 'en', event: 'Heavy Rain and Thunderstorm' }] })).toBe(id);
    return id;
  };
  const targetedIds = async (alertId: number) => {
    const spec = (await t.db.query<{ target_spec: TargetSpec }>(`SELECT target_spec FROM alerts WHERE id = $1`, [alertId])).rows[0]
      ?.target_spec as TargetSpec;
    return new Set((await selectTargetedHouseholds(t.db, spec)).map((h) => h.id));
  };
  const settle = () => peers.settle();
  const pushFor = (alertId: number) =>
    push.received
      .map((m) => ({ to: m.subscriptionId, ...(JSON.parse(m.payload) as PushPayload) }))
      .filter((p) => p.alertId === String(alertId));
  const smsTo = (household: Household) => smsc.messages.filter((m) => `+${m.destination}` === household.phone);

  let warningId = 0;
  let warned: Set<string>;

  it('tells each targeted household once per channel, in its language, and nobody outside', async () => {
    warningId = await bilingual(
      { identifier: 'E2E-1', sent: SENT },
      { expires: LATER, severity: 'Moderate', areas: [{ polygons: [AREA] }] },
    );
    const plan = await runtime.deliver(warningId);
    expect(plan.action).toBe('planned');
    await settle();
    warned = await targetedIds(warningId);
    const inside = [...households.values()].filter((h) => warned.has(h.id));
    expect(inside.length).toBeGreaterThan(50);

    const pushes = pushFor(warningId);
    const expectedPush = inside.filter((h) => h.push);
    expect(pushes.map((p) => p.to).sort()).toEqual(expectedPush.map((h) => h.id).sort());
    for (const p of pushes) {
      const h = households.get(p.to) as Household;
      expect(p.lang).toBe(h.language);
      expect(p.title).toContain(h.language === 'id' ? 'Hujan Lebat' : 'Heavy Rain');
      expect(p.kind).toBe('warning');
    }
    // The local push service checked the JWT of each: one origin, signed once, reused; all over one HTTP/2 connection.
    expect(new Set(push.received.map((m) => m.jwt.exp)).size).toBe(1);
    expect(new Set(push.received.map((m) => m.protocol))).toEqual(new Set(['2.0']));
    expect(push.connections().opened).toBe(1);

    const code = verificationCode('test-code-secret', 'E2E-1');
    const expectedSms = inside.filter((h) => !h.push && h.phone);
    expect(smsc.messages.length).toBe(expectedSms.length);
    for (const h of expectedSms) {
      const [sms, ...more] = smsTo(h);
      expect(more).toEqual([]);
      expect(sms?.text).toContain(SMS_WORDS[h.language].prefix('warning', 'BMKG'));
      expect(sms?.text).toContain(code);
    }
    // Nobody outside the area heard anything.
    const outside = [...households.values()].filter((h) => !warned.has(h.id));
    expect(pushes.some((p) => !warned.has(p.to))).toBe(false);
    expect(outside.some((h) => h.phone && smsTo(h).length > 0)).toBe(false);

    const { rows } = await t.db.query<{ channel: string; state: string; n: number }>(
      `SELECT channel, state, count(*)::int AS n FROM deliveries WHERE alert_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [warningId],
    );
    expect(rows).toEqual([
      { channel: 'push', state: 'sent', n: expectedPush.length },
      { channel: 'sms', state: 'delivered', n: expectedSms.length },
    ]);
  });

  it('`siaga deliveries` reports counts per channel and state, latency percentiles and failures, by id or CAP identifier', async () => {
    const run = await runSiaga(['deliveries', 'E2E-1', '--json'], t.db);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as DeliveryReport;
    expect(report.alert.id).toBe(String(warningId));
    const counts = Object.fromEntries(report.counts.map((c) => [`${c.channel}/${c.state}`, c.n]));
    const sent = (
      await t.db.query<{ channel: string; n: number }>(
        `SELECT channel, count(*)::int AS n FROM deliveries WHERE alert_id = $1 GROUP BY 1`,
        [warningId],
      )
    ).rows;
    expect(counts['push/sent']).toBe(sent.find((r) => r.channel === 'push')?.n);
    expect(counts['sms/delivered']).toBe(sent.find((r) => r.channel === 'sms')?.n);
    const smsLatency = report.latency.find((l) => l.channel === 'sms' && l.to === 'delivered');
    expect(smsLatency?.n).toBe(counts['sms/delivered']);
    expect(smsLatency && smsLatency.p50_s <= smsLatency.p90_s && smsLatency.p90_s <= smsLatency.max_s).toBe(true);
    const text = await runSiaga(['deliveries', String(warningId), '--households'], t.db);
    expect(text.stdout).toMatch(/push\s+warning\s+sent/);
    expect(text.stdout).toMatch(/latency from the CAP sent time/);
    expect((await runSiaga(['deliveries', 'NO-SUCH'], t.db)).stderr).toMatch(/no alert with id or identifier "NO-SUCH"/);
  });

  it('sends SMS to push households with a phone once the window passes without a confirmation from the device', async () => {
    const confirmed = pushFor(warningId)[0] as PushPayload & { to: string };
    await t.db.query(`UPDATE deliveries SET state = 'delivered', delivered_at = now() WHERE id = $1`, [confirmed.deliveryId]);
    clock.advance(301_000);
    const before = smsc.messages.length;
    const sweep = await runtime.sweep();
    await settle();
    const fallback = [...households.values()].filter((h) => warned.has(h.id) && h.push && h.phone && h.id !== confirmed.to);
    expect(sweep.smsFallback).toBe(fallback.length);
    expect(smsc.messages.length - before).toBe(fallback.length);
    for (const h of fallback) expect(smsTo(h).length).toBe(1);
    // A second sweep adds nothing.
    expect((await runtime.sweep()).smsFallback).toBe(0);
  });

  it('an Update with only new wording reaches nobody; a raised severity reaches everyone warned; a Cancel sends one all-clear per channel warned', async () => {
    const pushBefore = push.received.length;
    const smsBefore = smsc.messages.length;
    const reworded = await bilingual(
      { identifier: 'E2E-2', sent: '2026-11-28T10:10:00+07:00', msgType: 'Update', references: [[TEST_SENDER, 'E2E-1', SENT]] },
      { expires: LATER, severity: 'Moderate', description: 'Hujan lebat, kata-kata baru.', areas: [{ polygons: [AREA] }] },
    );
    expect(await runtime.deliver(reworded)).toMatchObject({ action: 'planned', push: 0, sms: 0 });
    await settle();
    expect(push.received.length).toBe(pushBefore);
    expect(smsc.messages.length).toBe(smsBefore);

    const severe = await bilingual(
      {
        identifier: 'E2E-3',
        sent: '2026-11-28T10:20:00+07:00',
        msgType: 'Update',
        references: [[TEST_SENDER, 'E2E-2', '2026-11-28T10:10:00+07:00']],
      },
      { expires: LATER, severity: 'Severe', areas: [{ polygons: [AREA] }] },
    );
    await runtime.deliver(severe);
    await settle();
    const updates = pushFor(severe);
    expect(updates.length).toBe([...households.values()].filter((h) => warned.has(h.id) && h.push).length);
    expect(updates.every((p) => p.kind === 'update')).toBe(true);
    // Same Topic for the whole warning, so the update replaces the unread warning on the device.
    const topics = new Set(push.received.map((m) => m.topic));
    expect(topics.size).toBe(1);

    const cancel = await ingest({
      identifier: 'E2E-4',
      sent: '2026-11-28T10:30:00+07:00',
      msgType: 'Cancel',
      references: [[TEST_SENDER, 'E2E-3', '2026-11-28T10:20:00+07:00']],
      infos: [{ expires: LATER, areas: [{ polygons: [AREA] }] }],
    });
    const smsBeforeCancel = smsc.messages.length;
    expect((await runtime.deliver(cancel)).action).toBe('all_clear');
    await settle();
    const clears = pushFor(cancel);
    expect(clears.map((p) => p.to).sort()).toEqual(
      [...households.values()]
        .filter((h) => warned.has(h.id) && h.push)
        .map((h) => h.id)
        .sort(),
    );
    expect(clears.every((p) => p.kind === 'all_clear')).toBe(true);
    const smsWarned = new Set(
      (
        await t.db.query<{ household_id: string }>(
          `SELECT DISTINCT household_id FROM deliveries WHERE channel = 'sms' AND kind <> 'all_clear' AND state IN ('sent', 'delivered')`,
        )
      ).rows.map((r) => r.household_id),
    );
    expect(smsc.messages.length - smsBeforeCancel).toBe(smsWarned.size);
    // Nobody outside the area heard anything, at any step.
    expect(push.received.some((m) => !warned.has(m.subscriptionId))).toBe(false);
    // Once per channel per message: no household got two pushes for one alert.
    const perMessage = new Map<string, number>();
    for (const m of push.received) {
      const key = `${m.subscriptionId}/${(JSON.parse(m.payload) as PushPayload).alertId}`;
      perMessage.set(key, (perMessage.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perMessage.values())).toBe(1);
  });
});
