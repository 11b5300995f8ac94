// With a controllable clock: a task nobody acknowledges goes to its team's coordinator, then to the
// province-level team, sooner for higher priority, each step recorded once; acknowledged tasks and
// ended warnings never escalate. Door knocks: a vulnerable household no delivery reached within the
// window, and a household that answered need_help, each get one for their team, vulnerable first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listTasks, taskDetail } from '../../src/db/tagana-task-queries.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { escalateDue } from '../../src/tagana/escalate-due.ts';
import type { EscalationPolicy } from '../../src/policy/escalation-policy.ts';
import { planDoorKnocks } from '../../src/tagana/plan-door-knocks.ts';
import { planTasks } from '../../src/tagana/plan-tasks.ts';
import { doorKnockPriority, hazardScore } from '../../src/tagana/task-priority.ts';
import { recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_EAST, AREA_WEST, ingest, LATER, loadTaganaWorld, RESET_SQL } from './tagana-harness.ts';

// Severe/Immediate/Observed tasks (≥ 4800) wait 5 minutes a step; the rest 20 minutes.
const POLICY: EscalationPolicy = {
  tiers: [
    { minPriority: 0, seconds: 1200 },
    { minPriority: 4000, seconds: 300 },
  ],
};
const MIN = 60_000;

describe(`Tagana escalation and door knocks (${engineUnderTest})`, () => {
  let t: TestDb;
  const clock = testClock('2026-11-28T03:00:00Z');

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 8000, 'tagana-escalate');
    await t.db.query(`INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth)
      SELECT id, 'https://push.test/' || id, 'k', 'a' FROM households WHERE valid_to IS NULL AND row_id % 2 = 0`);
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    clock.set('2026-11-28T03:00:00Z');
    await t.db.execScript(RESET_SQL);
  });

  const at = (minutes: number) => new Date(new Date('2026-11-28T03:00:00Z').getTime() + minutes * MIN);

  it('escalates unacknowledged tasks on time: coordinator, then province; sooner for higher priority; each step once', async () => {
    const severe = await ingest(t.db, {
      identifier: 'ES1',
      infos: [{ expires: LATER, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', areas: [{ polygons: [AREA_WEST] }] }],
    });
    const minor = await ingest(t.db, {
      identifier: 'EM1',
      infos: [{ expires: LATER, severity: 'Minor', urgency: 'Expected', certainty: 'Likely', areas: [{ polygons: [AREA_EAST] }] }],
    });
    await planTasks(t.db, severe.alertId, at(0));
    await planTasks(t.db, minor.alertId, at(0));
    const all = await listTasks(t.db, {});
    const severeTasks = all.filter((x) => x.alert_id === severe.alertId);
    const minorTasks = all.filter((x) => x.alert_id === minor.alertId);
    // The district team acknowledges one severe task at once: it never escalates.
    const acked = severeTasks.find((x) => x.team_code === 'tagana-12.07.03');
    await t.db.query(`UPDATE tagana_tasks SET state = 'acknowledged' WHERE id = $1`, [acked?.id]);

    expect(await escalateDue(t.db, new Date(at(5).getTime() - 1), POLICY)).toEqual([]);
    const five = await escalateDue(t.db, at(5), POLICY);
    expect(five.map((s) => s.task_id).sort((p, q) => p - q)).toEqual(
      severeTasks
        .filter((x) => x !== acked)
        .map((x) => x.id)
        .sort((p, q) => p - q),
    );
    expect(five.every((s) => s.level === 1)).toBe(true);
    const sibolangit = five.find((s) => s.team_code === 'tagana-12.07.03');
    const regency = five.find((s) => s.team_code === 'tagana-12.07');
    expect(sibolangit).toMatchObject({ escalated_to: 'sb-001' });
    expect(sibolangit?.note).toMatch(/coordinator sb-001 Andi Ginting \(\+6284000002001\)/);
    expect(regency).toMatchObject({ escalated_to: 'ds-001' });
    // The same sweep again, or a minute later, records nothing new.
    expect(await escalateDue(t.db, at(5), POLICY)).toEqual([]);
    expect(await escalateDue(t.db, at(9), POLICY)).toEqual([]);

    const ten = await escalateDue(t.db, at(10), POLICY);
    expect(ten.length).toBe(five.length);
    expect(ten.every((s) => s.level === 2 && s.escalated_to === 'tagana-12')).toBe(true);
    // The province team now sees them (its own list), and nothing of the regency's that did not escalate.
    const province = await listTasks(t.db, { team: 'tagana-12' });
    expect(province.map((x) => x.id).sort((p, q) => p - q)).toEqual(ten.map((s) => s.task_id).sort((p, q) => p - q));

    // Minor tasks: 20 minutes a step; a sweep that comes late records both steps at once, in order.
    expect(await escalateDue(t.db, at(19), POLICY)).toEqual([]);
    const late = await escalateDue(t.db, at(45), POLICY);
    expect(late.length).toBe(minorTasks.length * 2);
    expect(late.map((s) => s.level)).toEqual(minorTasks.flatMap(() => [1, 2]));
    expect(late[1]?.due_at).toEqual(at(40));
    const detail = await taskDetail(t.db, minorTasks[0]?.id ?? 0, undefined);
    expect(detail?.events.map((e) => [e.action, e.actor])).toEqual([
      ['created', 'system'],
      ['escalated', 'system'],
      ['escalated', 'system'],
    ]);
    expect(detail).toMatchObject({ escalation_level: 2, escalated_team_code: 'tagana-12' });
    expect(await escalateDue(t.db, at(120), POLICY)).toEqual([]);
  });

  it('never escalates the tasks of an expired warning', async () => {
    const a = await ingest(t.db, {
      identifier: 'EX1',
      infos: [{ expires: '2026-11-28T10:10:00+07:00', severity: 'Severe', areas: [{ polygons: [AREA_WEST] }] }],
    });
    await planTasks(t.db, a.alertId, at(0));
    expect(await escalateDue(t.db, at(11), POLICY)).toEqual([]);
  });

  it('gives door knocks to the households that answered need_help at once, and to vulnerable ones never reached after the window, vulnerable first', async () => {
    const deps = testDeliveryDeps(t.db, clock);
    const a = await ingest(t.db, {
      identifier: 'DK1',
      infos: [{ expires: LATER, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', areas: [{ polygons: [AREA_WEST] }] }],
    });
    await planTasks(t.db, a.alertId, at(0));
    await deliverMessage(deps, recordingQueue(), a.alertId);
    // The vulnerable households the village tasks list (checked against targeting in plan-tasks.test.ts).
    const vulnerable = (
      await t.db.query<{ id: string; vulnerable: number; village_code: string }>(`
      SELECT e->>'id' AS id, (e->>'vulnerable')::int AS vulnerable, t.village_code FROM tagana_tasks t, jsonb_array_elements(t.vulnerable_list) e ORDER BY 1`)
    ).rows;
    expect(vulnerable.length).toBeGreaterThan(10);
    const withDelivery = new Set(
      (await t.db.query<{ household_id: string }>(`SELECT DISTINCT household_id FROM deliveries`)).rows.map((r) => r.household_id),
    );
    // Half the vulnerable households with a delivery got it (delivered); the rest stay `sent`,
    // never confirmed. Households with no channel at all are never reached either.
    const reached = new Set(vulnerable.filter((h, i) => withDelivery.has(h.id) && i % 2 === 0).map((h) => h.id));
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = $1`, [at(1)]);
    await t.db.query(`UPDATE deliveries SET state = 'delivered', delivered_at = $1 WHERE household_id = ANY($2::text[])`, [
      at(2),
      [...reached],
    ]);
    // A household that is not vulnerable answers need_help.
    const helper = (
      await t.db.query<{ id: string; household_id: string }>(`
      SELECT d.id::text, d.household_id FROM deliveries d JOIN households h ON h.id = d.household_id AND h.valid_to IS NULL
      WHERE h.vulnerable = 0 ORDER BY d.id LIMIT 1`)
    ).rows[0];
    await t.db.query(`UPDATE deliveries SET state = 'acknowledged', acknowledged_at = $2, response = 'need_help' WHERE id = $1`, [
      helper?.id,
      at(3),
    ]);

    const WINDOW = 15 * 60;
    const early = await planDoorKnocks(t.db, at(10), WINDOW);
    expect(early.flatMap((g) => g.knocks).map((k) => [k.household_id, k.reason])).toEqual([[helper?.household_id, 'need_help']]);

    const due = await planDoorKnocks(t.db, at(15), WINDOW);
    const knocks = due.flatMap((g) => g.knocks);
    const unreached = vulnerable.filter((h) => !reached.has(h.id));
    expect(unreached.length).toBeGreaterThan(0);
    expect(knocks.map((k) => k.household_id).sort()).toEqual(unreached.map((h) => h.id).sort());
    expect(
      knocks.every(
        (k) =>
          k.reason === 'not_reached' &&
          k.team_code ===
            (vulnerable.find((h) => h.id === k.household_id)?.village_code.startsWith('12.07.03.') ? 'tagana-12.07.03' : 'tagana-12.07'),
      ),
    ).toBe(true);
    // Planning again adds nothing.
    expect(await planDoorKnocks(t.db, at(16), WINDOW)).toEqual([]);

    // Door knocks listed vulnerable first, with the documented priority.
    const hazard = hazardScore('Severe', 'Immediate', 'Observed');
    const doors = (await listTasks(t.db, {})).filter((x) => x.kind === 'door_knock');
    expect(doors.length).toBe(unreached.length + 1);
    for (const d of doors) expect(d.priority).toBe(doorKnockPriority(hazard, d.vulnerable, d.reason === 'need_help'));
    expect(doors.map((d) => d.vulnerable)).toEqual([...doors.map((d) => d.vulnerable)].sort((p, q) => q - p));
    expect(doors.at(-1)?.household_id).toBe(helper?.household_id);
    const one = await taskDetail(t.db, doors[0]?.id ?? 0, doors[0]?.team_code);
    expect(one?.vulnerable_list).toHaveLength(1);
    expect(one?.vulnerable_list[0]).toMatchObject({ id: doors[0]?.household_id });

    // A never-reached household that then answers need_help: its knock is raised in place.
    const raised = unreached.find((h) => withDelivery.has(h.id));
    await t.db.query(`UPDATE deliveries SET state = 'acknowledged', acknowledged_at = $2, response = 'need_help' WHERE household_id = $1`, [
      raised?.id,
      at(20),
    ]);
    const again = (await planDoorKnocks(t.db, at(21), WINDOW)).flatMap((g) => g.knocks);
    expect(again).toEqual([expect.objectContaining({ household_id: raised?.id, reason: 'need_help', created: false })]);
  });
});
