// A team asks to work neighbouring villages as one cluster, over the real HTTP team API: only its
// own village tasks of one warning that touch each other; the cluster moves them together (tasks
// already past a move are listed unchanged), another team can neither see nor move it, and
// dissolving it gives the single tasks back, every step recorded on each task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasks, taskDetail } from '../../src/db/tagana-task-queries.ts';
import { teamClusterRoutes } from '../../src/http/team-cluster-routes.ts';
import { teamRoutes } from '../../src/http/team-routes.ts';
import { NEIGHBOUR_TOLERANCE_DEGREES } from '../../src/tagana/form-cluster.ts';
import { planTasks } from '../../src/tagana/plan-tasks.ts';
import { issueTeamToken } from '../../src/tagana/team-tokens.ts';
import { TEST_PUSH_POLICY } from '../support/local-push-service.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_WEST, ingest, LATER, loadTaganaWorld } from './tagana-harness.ts';

describe(`Tagana task clusters (${engineUnderTest})`, () => {
  let t: TestDb;
  let api: TestApi;
  let district: string;
  let regency: string;
  let pair: [number, number];
  let far: number;
  let apartPair: [number, number];
  const now = new Date('2026-11-28T03:10:00Z');

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 3000, 'tagana-clusters');
    const a = await ingest(t.db, {
      identifier: 'CL1',
      infos: [{ expires: LATER, severity: 'Severe', areas: [{ polygons: [AREA_WEST] }] }],
    });
    await planTasks(t.db, a.alertId, new Date('2026-11-28T03:00:00Z'));
    district = await issueTeamToken(t.db, 'tagana-12.07.03', now, 'test');
    regency = await issueTeamToken(t.db, 'tagana-12.07', now, 'test');
    // Two of the district team's villages that touch, and one that touches neither (found with
    // PostGIS directly, not through the code under test).
    const { rows } = await t.db.query<{ a: number; b: number; touches: boolean }>(
      `
      SELECT a.id::int AS a, b.id::int AS b, ST_DWithin(va.geom, vb.geom, $1) AS touches
      FROM tagana_tasks a JOIN admin_areas va ON va.code = a.village_code, tagana_tasks b JOIN admin_areas vb ON vb.code = b.village_code
      WHERE a.team_code = 'tagana-12.07.03' AND b.team_code = 'tagana-12.07.03' AND a.id < b.id ORDER BY a.id, b.id`,
      [NEIGHBOUR_TOLERANCE_DEGREES],
    );
    const touching = rows.find((r) => r.touches);
    if (!touching) throw new Error('no two touching villages among the district tasks');
    pair = [touching.a, touching.b];
    const ids = [...new Set(rows.flatMap((r) => [r.a, r.b]))];
    const neighbours = (x: number) => rows.filter((r) => r.touches && (r.a === x || r.b === x)).map((r) => (r.a === x ? r.b : r.a));
    const apart = ids.find((x) => !pair.includes(x) && !neighbours(x).some((n) => pair.includes(n)));
    if (apart === undefined) throw new Error('no district village apart from the pair');
    far = apart;
    const loose = rows.find((r) => !r.touches && !pair.includes(r.a) && !pair.includes(r.b));
    if (!loose) throw new Error('no two district villages apart from each other outside the pair');
    apartPair = [loose.a, loose.b];
    api = await startTestApi(t.db, [
      ...teamRoutes({ db: t.db, now: () => now, pushPolicy: TEST_PUSH_POLICY }),
      ...teamClusterRoutes({ db: t.db, now: () => now }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await t.drop();
  });

  const call = (method: string, path: string, token?: string, body?: unknown) => api.request(method, path, { token, body });
  const stateOf = async (id: number) => (await taskDetail(t.db, id, undefined))?.state;

  let clusterId = 0;

  it('forms a cluster of touching village tasks of the team, with their summed counts', async () => {
    const made = await call('POST', '/api/team/clusters', district, { tasks: pair, name: 'Lereng barat', member: 'sb-002' });
    expect(made.status).toBe(201);
    const tasks = (await listTasks(t.db, { team: 'tagana-12.07.03' })).filter((x) => pair.includes(x.id));
    expect(made.body).toMatchObject({
      name: 'Lereng barat',
      created_by: 'tagana-12.07.03/sb-002',
      households: tasks.reduce((n, x) => n + x.households, 0),
      vulnerable: tasks.reduce((n, x) => n + x.vulnerable, 0),
    });
    expect([...(made.body.task_ids as number[])].sort((p, q) => p - q)).toEqual([...pair].sort((p, q) => p - q));
    clusterId = made.body.id as number;
    expect(tasks.every((x) => x.cluster_id === clusterId)).toBe(true);
    expect((await taskDetail(t.db, pair[0], undefined))?.events.at(-1)).toMatchObject({
      action: 'clustered',
      actor: 'tagana-12.07.03/sb-002',
    });
    const listed = await call('GET', '/api/team/clusters', district);
    expect((listed.body.clusters as { id: number }[]).map((c) => c.id)).toEqual([clusterId]);
  });

  it("refuses, saying why: a village that touches none of the others, a task already clustered, another team's task, one task alone", async () => {
    const others = (await listTasks(t.db, { team: 'tagana-12.07' }))[0]?.id ?? 0;
    const apart = await call('POST', '/api/team/clusters', district, { tasks: apartPair });
    expect(apart.status).toBe(422);
    expect(String(apart.body.error)).toMatch(
      new RegExp(`tasks ${apartPair[1]} \\(12\\.07\\.03\\.\\d{4}\\): not next to the other villages`),
    );
    const twice = await call('POST', '/api/team/clusters', district, { tasks: [pair[1], far] });
    expect(twice.status).toBe(409);
    expect(String(twice.body.error)).toMatch(new RegExp(`task ${pair[1]} is already in cluster ${clusterId}`));
    const foreign = await call('POST', '/api/team/clusters', district, { tasks: [far, others] });
    expect(foreign.status).toBe(404);
    expect(String(foreign.body.error)).toBe(`your team has no task ${others}`);
    expect((await call('POST', '/api/team/clusters', district, { tasks: [far] })).status).toBe(422);
    // Nothing of the refused requests was written.
    for (const id of [far, ...apartPair]) expect((await taskDetail(t.db, id, undefined))?.cluster_id).toBeNull();
  });

  it('another team can neither read, move nor dissolve the cluster', async () => {
    expect((await call('GET', `/api/team/clusters/${clusterId}`, regency)).status).toBe(404);
    expect((await call('POST', `/api/team/clusters/${clusterId}/acknowledge`, regency, {})).status).toBe(404);
    expect((await call('DELETE', `/api/team/clusters/${clusterId}`, regency)).status).toBe(404);
    expect((await call('GET', '/api/team/clusters', regency)).body.clusters).toEqual([]);
    expect(await stateOf(pair[0])).toBe('open');
  });

  it('moves every task of the cluster; a task already past the move is listed unchanged; nothing to move answers 409', async () => {
    const ack = await call('POST', `/api/team/clusters/${clusterId}/acknowledge`, district, { member: 'sb-001', note: 'berangkat' });
    expect(ack.status).toBe(200);
    expect((ack.body.moved as unknown[]).length).toBe(2);
    expect([await stateOf(pair[0]), await stateOf(pair[1])]).toEqual(['acknowledged', 'acknowledged']);
    // One village is finished on its own; the cluster's done finishes the other.
    expect((await call('POST', `/api/team/tasks/${pair[0]}/done`, district, {})).status).toBe(200);
    const done = await call('POST', `/api/team/clusters/${clusterId}/done`, district, { note: 'semua aman' });
    expect(done.status).toBe(200);
    expect(done.body.moved).toEqual([{ kind: 'moved', id: pair[1], from: 'acknowledged', state: 'done' }]);
    expect(done.body.unchanged).toEqual([{ id: pair[0], why: `task ${pair[0]} is done; done needs it acknowledged or in_progress` }]);
    expect((await taskDetail(t.db, pair[1], undefined))?.events.at(-1)).toMatchObject({
      action: 'done',
      note: 'semua aman',
      actor: 'tagana-12.07.03',
    });
    const again = await call('POST', `/api/team/clusters/${clusterId}/start`, district, {});
    expect(again.status).toBe(409);
  });

  it('dissolves back to single tasks, recorded on each', async () => {
    expect((await call('DELETE', `/api/team/clusters/${clusterId}?member=sb-002`, district)).status).toBe(204);
    for (const id of pair) {
      const task = await taskDetail(t.db, id, undefined);
      expect(task?.cluster_id).toBeNull();
      expect(task?.events.at(-1)).toMatchObject({ action: 'unclustered', actor: 'tagana-12.07.03/sb-002' });
    }
    expect((await call('GET', '/api/team/clusters', district)).body.clusters).toEqual([]);
    expect((await call('DELETE', `/api/team/clusters/${clusterId}`, district)).status).toBe(404);
  });
});
