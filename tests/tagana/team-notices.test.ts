// Telling the teams through the deliveries ledger, end to end: a warning handed on to the delivery
// runtime plans its Tagana tasks and pages every active member of each team concerned — SMS through
// a local SMSC speaking SMPP (with delivery receipts), web push to a member's subscribed device
// through a local push service that decrypts the payload. Unacknowledged tasks escalate with the
// clock: the coordinator is paged, then the province team; a Cancel stands the tasks down and tells
// the members who were paged. Every notice is a ledger row (kind 'task') with its proof.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSubscription } from '../../src/db/push-subscriptions.ts';
import { listTasks, moveTask } from '../../src/db/tagana-task-queries.ts';
import type { DeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { DEFAULT_ESCALATION_POLICY } from '../../src/policy/escalation-policy.ts';
import { testClock } from '../support/delivery-harness.ts';
import type { LocalPushService } from '../support/local-push-service.ts';
import type { LocalSmsc } from '../support/local-smsc.ts';
import { startDeliveryPeers, type DeliveryPeers } from '../support/delivery-peers.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_WEST, ingest, LATER, loadTaganaWorld, ref } from './tagana-harness.ts';

const MEMBERS: Record<string, { team: string; phone: string; coordinator: boolean }> = {
  'ds-001': { team: 'tagana-12.07', phone: '+6284000001001', coordinator: true },
  'ds-002': { team: 'tagana-12.07', phone: '+6284000001002', coordinator: false },
  'ds-003': { team: 'tagana-12.07', phone: '+6284000001003', coordinator: false },
  'sb-001': { team: 'tagana-12.07.03', phone: '+6284000002001', coordinator: true },
  'sb-002': { team: 'tagana-12.07.03', phone: '+6284000002002', coordinator: false },
  'su-001': { team: 'tagana-12', phone: '+6284000003001', coordinator: true },
};
const MIN = 60_000;

interface NoticeRow {
  member_id: string;
  channel: 'push' | 'sms';
  state: string;
  /** The tasks the notice announces, most urgent first. */
  task_ids: number[];
  action: string;
  escalation_level: number | null;
}

describe(`Tagana notices through the ledger (${engineUnderTest})`, () => {
  let t: TestDb;
  let push: LocalPushService;
  let smsc: LocalSmsc;
  let runtime: DeliveryRuntime;
  let peers: DeliveryPeers;
  const clock = testClock('2026-11-28T03:00:00Z');

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 3000, 'tagana-notices');
    peers = await startDeliveryPeers(t.db, clock, { tagana: { escalation: DEFAULT_ESCALATION_POLICY, doorKnockAfterSeconds: 3600 } });
    ({ push, smsc, runtime } = peers);
    // One volunteer turned on push on the team board.
    const device = push.newSubscription('ds-002');
    await upsertSubscription(t.db, { member: 'ds-002' }, device);
  }, 120_000);

  afterAll(async () => {
    await peers?.stop();
    await t?.drop();
  });

  const settle = () => peers.settle();
  const notices = async () =>
    (
      await t.db.query<NoticeRow>(`
        SELECT d.member_id, d.channel, d.state, lead.action, lead.escalation_level,
               (SELECT array_agg(e.task_id::int ORDER BY x.n) FROM unnest(d.task_event_ids) WITH ORDINALITY AS x(id, n) JOIN tagana_task_events e ON e.id = x.id) AS task_ids
        FROM deliveries d JOIN tagana_task_events lead ON lead.id = d.task_event_id WHERE d.kind = 'task' ORDER BY d.id`)
    ).rows;
  const byPriority = (tasks: { id: number; priority: number }[]) =>
    [...tasks].sort((p, q) => q.priority - p.priority || p.id - q.id).map((x) => x.id);
  const smsTo = (member: string) => smsc.messages.filter((m) => `+${m.destination}` === MEMBERS[member]?.phone);

  let alertId = 0;
  const told = new Map<string, number>();
  const count = (member: string) => smsTo(member).length;
  const newSince = (member: string) => count(member) - (told.get(member) ?? 0);
  const remember = () => Object.keys(MEMBERS).forEach((m) => told.set(m, count(m)));

  it('pages every active member of each team with its new tasks, by SMS and on a subscribed device, each proven in the ledger', async () => {
    const a = await ingest(t.db, {
      identifier: 'N1',
      sent: '2026-11-28T10:00:00+07:00',
      infos: [{ expires: LATER, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', areas: [{ polygons: [AREA_WEST] }] }],
    });
    alertId = a.alertId;
    const plan = await runtime.deliver(alertId);
    expect(plan.tasks).toMatchObject({ action: 'planned' });
    await settle();
    const tasks = await listTasks(t.db, {});
    const ofTeam = (team: string) => tasks.filter((x) => x.team_code === team);
    expect(ofTeam('tagana-12.07').length).toBeGreaterThan(0);
    expect(ofTeam('tagana-12.07.03').length).toBeGreaterThan(0);

    const rows = await notices();
    for (const [member, m] of Object.entries(MEMBERS)) {
      const expected = byPriority(ofTeam(m.team));
      const sms = rows.filter((r) => r.member_id === member && r.channel === 'sms');
      // One page for all the team's new tasks of this warning, most urgent first, delivered.
      expect(sms.length, member).toBe(expected.length > 0 ? 1 : 0);
      if (expected.length === 0) continue;
      expect(sms[0], member).toMatchObject({ action: 'created', state: 'delivered', task_ids: expected });
      expect(count(member), member).toBe(1);
    }
    // The SMS says how many, the most urgent by number and village, and the board, in Indonesian.
    const district = ofTeam('tagana-12.07.03');
    const [top] = byPriority(district);
    const topTask = district.find((x) => x.id === top);
    const text = smsTo('sb-001')[0]?.text ?? '';
    expect(text).toMatch(
      new RegExp(
        `^TAGANA: ${district.length} tugas baru, Hujan Lebat dan Petir \\(Severe\\)\\nPaling mendesak: #${top} ${topTask?.village_name} \\(${topTask?.vulnerable} rentan\\)`,
      ),
    );
    if (district.length > 3) expect(text).toContain(`+${district.length - 3} lagi`);
    expect(text).toContain('http://siaga.test/team/tasks');

    // ds-002's device received the same notice once by push, decrypted by the local push service.
    const pushes = push.received
      .filter((p) => p.subscriptionId === 'ds-002')
      .map((p) => JSON.parse(p.payload) as { kind: string; taskId: string; title: string });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({
      kind: 'task',
      taskId: String(byPriority(ofTeam('tagana-12.07'))[0]),
      title: `TAGANA: ${ofTeam('tagana-12.07').length} tugas baru, Hujan Lebat dan Petir (Severe)`,
    });
    expect(rows.filter((r) => r.channel === 'push').map((r) => [r.member_id, r.state])).toEqual([['ds-002', 'sent']]);
    // The household warning went out as before, and the report keeps the households' figures apart.
    const { rows: hh } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND household_id IS NOT NULL`,
      [alertId],
    );
    expect(hh[0]?.n).toBeGreaterThan(0);

    // Handing the same message on again pages nobody twice.
    remember();
    await runtime.deliver(alertId);
    await settle();
    expect(Object.keys(MEMBERS).map(newSince)).toEqual(Object.keys(MEMBERS).map(() => 0));
  });

  it('pages the coordinator when a task is not acknowledged in time, then the province team; an acknowledged task never', async () => {
    const tasks = await listTasks(t.db, {});
    const acked = tasks.find((x) => x.team_code === 'tagana-12.07');
    if (!acked) throw new Error('no task of the regency team');
    expect(
      await moveTask(t.db, {
        id: acked.id,
        from: 'open',
        to: 'acknowledged',
        event: 'acknowledged',
        actor: 'tagana-12.07/ds-002',
        note: null,
        now: clock.now(),
      }),
    ).toBe(true);
    const open = (team: string) => tasks.filter((x) => x.team_code === team && x.id !== acked.id).length;

    // Severe / Immediate / Observed: 4800 + vulnerable ≥ 3600, so ten minutes a step by default.
    remember();
    clock.advance(10 * MIN - 1000);
    await runtime.sweep();
    await settle();
    expect(Object.keys(MEMBERS).map(newSince)).toEqual(Object.keys(MEMBERS).map(() => 0));

    clock.advance(1000);
    await runtime.sweep();
    await settle();
    expect(newSince('ds-001')).toBe(1);
    expect(newSince('sb-001')).toBe(1);
    for (const m of ['ds-002', 'ds-003', 'sb-002', 'su-001']) expect(newSince(m), m).toBe(0);
    const level1 = (await notices()).filter((r) => r.action === 'escalated' && r.escalation_level === 1);
    expect(level1.find((r) => r.member_id === 'ds-001')?.task_ids).toEqual(
      byPriority(tasks.filter((x) => x.team_code === 'tagana-12.07' && x.id !== acked.id)),
    );
    expect(level1.find((r) => r.member_id === 'sb-001')?.task_ids).toEqual(
      byPriority(tasks.filter((x) => x.team_code === 'tagana-12.07.03')),
    );
    const one = open('tagana-12.07') === 1;
    expect(smsTo('ds-001').at(-1)?.text).toMatch(
      one
        ? /^TAGANA ESKALASI: tugas #\d+/
        : new RegExp(
            `^TAGANA ESKALASI: ${open('tagana-12.07')} tugas belum diterima\\nTim Tagana Kabupaten Deli Serdang sejak 10\\.00 WIB`,
          ),
    );

    remember();
    clock.advance(10 * MIN);
    await runtime.sweep();
    await settle();
    expect(newSince('su-001')).toBe(1);
    expect(smsTo('su-001').at(-1)?.text).toMatch(
      new RegExp(
        `^TAGANA ESKALASI PROVINSI: ${open('tagana-12.07') + open('tagana-12.07.03')} tugas belum diterima\\nTim Tagana (Kabupaten Deli Serdang|Kecamatan Sibolangit), Tagana (Kecamatan Sibolangit|Kabupaten Deli Serdang) sejak`,
      ),
    );
    for (const m of ['ds-001', 'ds-002', 'ds-003', 'sb-001', 'sb-002']) expect(newSince(m), m).toBe(0);
    const levels = (await notices()).filter((r) => r.action === 'escalated');
    expect(new Set(levels.filter((r) => r.escalation_level === 1).map((r) => r.member_id))).toEqual(new Set(['ds-001', 'sb-001']));
    expect(new Set(levels.filter((r) => r.escalation_level === 2).map((r) => r.member_id))).toEqual(new Set(['su-001']));
    expect(levels.every((r) => r.state === 'delivered')).toBe(true);

    // Nothing more to escalate: a later sweep pages nobody.
    remember();
    clock.advance(30 * MIN);
    await runtime.sweep();
    await settle();
    expect(Object.keys(MEMBERS).map(newSince)).toEqual(Object.keys(MEMBERS).map(() => 0));
  });

  it('a Cancel stands the tasks down and tells the members who were paged about them', async () => {
    const tasks = await listTasks(t.db, {});
    remember();
    const c = await ingest(t.db, {
      identifier: 'N2',
      msgType: 'Cancel',
      sent: '2026-11-28T11:00:00+07:00',
      references: [ref('N1', '2026-11-28T10:00:00+07:00')],
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_WEST] }] }],
    });
    const plan = await runtime.deliver(c.alertId);
    expect(plan.tasks).toMatchObject({ action: 'stood_down', stoodDown: tasks.length });
    await settle();
    const regency = tasks.filter((x) => x.team_code === 'tagana-12.07').length;
    const district = tasks.filter((x) => x.team_code === 'tagana-12.07.03').length;
    for (const m of Object.keys(MEMBERS)) expect(newSince(m), m).toBe(1);
    const down = (await notices()).filter((r) => r.action === 'stood_down' && r.channel === 'sms');
    const ids = (team: string) => byPriority(tasks.filter((x) => x.team_code === team));
    for (const m of ['ds-001', 'ds-002', 'ds-003']) expect(down.find((r) => r.member_id === m)?.task_ids, m).toEqual(ids('tagana-12.07'));
    for (const m of ['sb-001', 'sb-002']) expect(down.find((r) => r.member_id === m)?.task_ids, m).toEqual(ids('tagana-12.07.03'));
    // The province coordinator was paged about every task but the acknowledged one.
    expect(down.find((r) => r.member_id === 'su-001')?.task_ids.length).toBe(tasks.length - 1);
    expect(smsTo('sb-002').at(-1)?.text).toMatch(
      new RegExp(`^TAGANA: ${district} tugas dihentikan\\nTidak perlu dilanjutkan \\(peringatan dibatalkan\\)`),
    );
    expect(regency).toBeGreaterThan(0);
  });
});
