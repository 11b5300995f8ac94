// From a CAP warning over Deli Serdang to Tagana tasks: one task per affected village for the team
// covering it (the Sibolangit district team over the regency team), counts and vulnerable households
// checked against the targeting itself, priorities in the documented order; an Update adds, updates
// in place and stands down; a Cancel or an expiry stands everything down; planning is idempotent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TargetSpec } from '../../src/cap/build-target-spec.ts';
import { selectTargetedHouseholds } from '../../src/db/alert-targeting.ts';
import { listTasks, taskDetail } from '../../src/db/tagana-task-queries.ts';
import { planTasks, standDownEnded } from '../../src/tagana/plan-tasks.ts';
import { hazardScore, villageTaskPriority } from '../../src/tagana/task-priority.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_EAST, AREA_WEST, ingest, LATER, loadTaganaWorld, ref, RESET_SQL } from './tagana-harness.ts';

interface Hh {
  id: string;
  village_code: string;
  members: number;
  elderly: number;
  disabled: number;
  infant: number;
  pregnant: number;
  ill: number;
  vulnerable: number;
}

describe(`Tagana tasks from a warning (${engineUnderTest})`, () => {
  let t: TestDb;
  const NOW = new Date('2026-11-28T03:05:00Z');

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 8000, 'tagana-plan');
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await t.db.execScript(RESET_SQL);
  });

  const expected = async (alertId: number) => {
    const spec = (await t.db.query<{ target_spec: TargetSpec }>(`SELECT target_spec FROM alerts WHERE id = $1`, [alertId])).rows[0]
      ?.target_spec as TargetSpec;
    const inside = new Set((await selectTargetedHouseholds(t.db, spec)).filter((h) => !h.margin_only).map((h) => h.id));
    const { rows } = await t.db.query<Hh>(
      `SELECT id, village_code, members, elderly, disabled, infant, pregnant, ill, vulnerable FROM households WHERE valid_to IS NULL`,
    );
    const villages = (
      await t.db.query<{ village_code: string }>(
        `SELECT village_code FROM alert_target_villages WHERE alert_id = $1 ORDER BY village_code`,
        [alertId],
      )
    ).rows.map((r) => r.village_code);
    return { villages, households: rows.filter((h) => inside.has(h.id)) };
  };
  const teamOf = (village: string) => (village.startsWith('12.07.03.') ? 'tagana-12.07.03' : 'tagana-12.07');
  const events = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tagana_task_events`)).rows[0]?.n;

  it('gives one task per affected village to the team covering it, with the counts, the vulnerable households and the documented priority', async () => {
    const a = await ingest(t.db, {
      identifier: 'T1',
      infos: [{ expires: LATER, severity: 'Moderate', urgency: 'Immediate', certainty: 'Observed', areas: [{ polygons: [AREA_WEST] }] }],
    });
    const plan = await planTasks(t.db, a.alertId, NOW);
    const want = await expected(a.alertId);
    expect(want.villages.length).toBeGreaterThan(5);
    expect(want.villages.some((v) => v.startsWith('12.07.03.'))).toBe(true);
    expect(want.villages.some((v) => !v.startsWith('12.07.03.'))).toBe(true);
    expect(plan).toMatchObject({
      action: 'planned',
      villages: want.villages.length,
      created: want.villages.length,
      uncovered: [],
      hazard: 3200,
    });

    const tasks = await listTasks(t.db, {});
    expect(tasks.map((x) => x.village_code).sort()).toEqual(want.villages);
    const hazard = hazardScore('Moderate', 'Immediate', 'Observed');
    for (const task of tasks) {
      const hh = want.households.filter((h) => h.village_code === task.village_code);
      const sum = (k: keyof Hh) => hh.reduce((s, h) => s + Number(h[k]), 0);
      expect(task).toMatchObject({
        kind: 'village',
        state: 'open',
        team_code: teamOf(task.village_code),
        alert_id: a.alertId,
        households: hh.length,
        people: sum('members'),
        vulnerable: sum('vulnerable'),
        vulnerable_households: hh.filter((h) => h.vulnerable > 0).length,
        vulnerable_by_kind: {
          elderly: sum('elderly'),
          disabled: sum('disabled'),
          infant: sum('infant'),
          pregnant: sum('pregnant'),
          ill: sum('ill'),
        },
        priority: villageTaskPriority(hazard, sum('vulnerable')),
      });
      // The vulnerable households, with their locations, most vulnerable first.
      const detail = await taskDetail(t.db, task.id, task.team_code);
      const listed = detail?.vulnerable_list ?? [];
      expect(listed.map((h) => h.id).sort()).toEqual(
        hh
          .filter((h) => h.vulnerable > 0)
          .map((h) => h.id)
          .sort(),
      );
      expect(listed.every((h, i) => i === 0 || (listed[i - 1]?.vulnerable ?? 0) >= h.vulnerable)).toBe(true);
      expect(listed.every((h) => h.lat > 3.2 && h.lat < 3.45 && h.lon > 98.5 && h.lon < 98.75)).toBe(true);
      expect(detail?.events.map((e) => e.action)).toEqual(['created']);
    }
    // Listed by priority: within one warning, the villages with the most vulnerable people first.
    expect(tasks.map((x) => x.vulnerable)).toEqual([...tasks.map((x) => x.vulnerable)].sort((p, q) => q - p));
    expect(tasks.reduce((s, x) => s + x.vulnerable_households, 0)).toBeGreaterThan(10);

    // Planning the same standing message again changes nothing.
    const before = await events();
    expect(await planTasks(t.db, a.alertId, new Date(NOW.getTime() + 60_000))).toMatchObject({
      action: 'planned',
      created: 0,
      updated: 0,
      stoodDown: 0,
    });
    expect(await events()).toBe(before);
  });

  it('orders tasks of two warnings by the formula: a more dangerous warning first, then the vulnerable count', async () => {
    const severe = await ingest(t.db, {
      identifier: 'S1',
      infos: [{ expires: LATER, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', areas: [{ polygons: [AREA_WEST] }] }],
    });
    const minor = await ingest(t.db, {
      identifier: 'M1',
      infos: [{ expires: LATER, severity: 'Minor', urgency: 'Expected', certainty: 'Likely', areas: [{ polygons: [AREA_EAST] }] }],
    });
    await planTasks(t.db, severe.alertId, NOW);
    await planTasks(t.db, minor.alertId, NOW);
    const tasks = await listTasks(t.db, {});
    const hazard = {
      [severe.alertId]: hazardScore('Severe', 'Immediate', 'Observed'),
      [minor.alertId]: hazardScore('Minor', 'Expected', 'Likely'),
    };
    expect(hazard).toEqual({ [severe.alertId]: 4800, [minor.alertId]: 900 });
    for (const task of tasks) expect(task.priority).toBe((hazard[task.alert_id] ?? NaN) + task.vulnerable);
    const firstMinor = tasks.findIndex((x) => x.alert_id === minor.alertId);
    expect(firstMinor).toBeGreaterThan(0);
    expect(tasks.slice(firstMinor).every((x) => x.alert_id === minor.alertId)).toBe(true);
  });

  it('an Update gives new villages tasks, stands down those that left, updates the rest in place; a Cancel stands all down', async () => {
    const a = await ingest(t.db, {
      identifier: 'U1',
      sent: '2026-11-28T10:00:00+07:00',
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_WEST] }] }],
    });
    await planTasks(t.db, a.alertId, NOW);
    const first = await listTasks(t.db, {});
    const westVillages = new Set(first.map((x) => x.village_code));
    // The team has started on one village that stays inside: an Update keeps its state.
    const kept = (await expected(a.alertId)).villages;
    const u = await ingest(t.db, {
      identifier: 'U2',
      msgType: 'Update',
      sent: '2026-11-28T10:20:00+07:00',
      references: [ref('U1', '2026-11-28T10:00:00+07:00')],
      infos: [{ expires: LATER, severity: 'Severe', areas: [{ polygons: [AREA_EAST] }] }],
    });
    const east = await expected(u.alertId);
    const stays = east.villages.filter((v) => westVillages.has(v));
    const joins = east.villages.filter((v) => !westVillages.has(v));
    const leaves = kept.filter((v) => !east.villages.includes(v));
    expect([stays.length, joins.length, leaves.length].every((n) => n > 0)).toBe(true);
    const working = first.find((x) => x.village_code === stays[0]);
    await t.db.query(`UPDATE tagana_tasks SET state = 'in_progress' WHERE id = $1`, [working?.id]);

    const later = new Date(NOW.getTime() + 20 * 60_000);
    const plan = await planTasks(t.db, u.alertId, later);
    expect(plan).toMatchObject({ action: 'planned', created: joins.length, stoodDown: leaves.length, updated: stays.length });
    const after = await listTasks(t.db, {});
    const byVillage = new Map(after.map((x) => [x.village_code, x]));
    for (const v of stays) {
      const task = byVillage.get(v);
      // Same task, now from the Update, with the new severity in its priority.
      expect(task?.id).toBe(first.find((x) => x.village_code === v)?.id);
      expect(task).toMatchObject({ alert_id: u.alertId, severity: 'Severe', priority: 4800 + (task?.vulnerable ?? NaN) });
      expect(task?.state).toBe(v === stays[0] ? 'in_progress' : 'open');
    }
    for (const v of joins) expect(byVillage.get(v)).toMatchObject({ state: 'open', alert_id: u.alertId });
    for (const v of leaves) expect(byVillage.get(v)?.state).toBe('stood_down');
    const left = await taskDetail(t.db, byVillage.get(leaves[0] ?? '')?.id ?? 0, undefined);
    expect(left?.events.map((e) => [e.action, e.from_state, e.to_state])).toEqual([
      ['created', null, 'open'],
      ['stood_down', 'open', 'stood_down'],
    ]);

    // The original message planned again (a late retry) changes nothing: the Update stands.
    expect(await planTasks(t.db, a.alertId, later)).toMatchObject({ created: 0, updated: 0, stoodDown: 0 });

    const c = await ingest(t.db, {
      identifier: 'U3',
      msgType: 'Cancel',
      sent: '2026-11-28T10:40:00+07:00',
      references: [ref('U2', '2026-11-28T10:20:00+07:00')],
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_EAST] }] }],
    });
    const cancel = await planTasks(t.db, c.alertId, new Date(later.getTime() + 20 * 60_000));
    expect(cancel).toMatchObject({ action: 'stood_down', stoodDown: east.villages.length });
    const final = await listTasks(t.db, {});
    expect(final.every((x) => x.state === 'stood_down')).toBe(true);
    const working2 = await taskDetail(t.db, working?.id ?? 0, undefined);
    expect(working2?.events.at(-1)).toMatchObject({ action: 'stood_down', from_state: 'in_progress', actor: 'system' });
    expect(working2?.events.at(-1)?.note).toMatch(/cancelled/);
    // Cancelling twice stands down nothing more.
    expect(await planTasks(t.db, c.alertId, new Date(later.getTime() + 30 * 60_000))).toMatchObject({ action: 'stood_down', stoodDown: 0 });
  });

  it('a warning that expires stands its tasks down at the sweep; done work stays done', async () => {
    const a = await ingest(t.db, {
      identifier: 'E1',
      infos: [{ expires: '2026-11-28T11:00:00+07:00', areas: [{ polygons: [AREA_WEST] }] }],
    });
    await planTasks(t.db, a.alertId, NOW);
    const tasks = await listTasks(t.db, {});
    await t.db.query(`UPDATE tagana_tasks SET state = 'done' WHERE id = $1`, [tasks[0]?.id]);
    expect(await standDownEnded(t.db, new Date('2026-11-28T03:59:00Z'))).toEqual([]);
    expect(await standDownEnded(t.db, new Date('2026-11-28T04:00:00Z'))).toEqual([
      { groupId: tasks[0]?.group_id, stoodDown: tasks.length - 1 },
    ]);
    const after = await listTasks(t.db, {});
    expect(after.filter((x) => x.state === 'done').length).toBe(1);
    expect(after.filter((x) => x.state === 'stood_down').length).toBe(tasks.length - 1);
    // Planning after the expiry says so and does nothing more.
    expect(await planTasks(t.db, a.alertId, new Date('2026-11-28T04:10:00Z'))).toMatchObject({ action: 'stood_down', stoodDown: 0 });
  });

  it('does not plan a Test message', async () => {
    const a = await ingest(t.db, { identifier: 'X1', status: 'Exercise', infos: [{ expires: LATER, areas: [{ polygons: [AREA_WEST] }] }] });
    expect(await planTasks(t.db, a.alertId, NOW)).toMatchObject({ action: 'skipped' });
    expect(await listTasks(t.db, {})).toEqual([]);
  });
});
