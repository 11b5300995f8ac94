// The team API over real HTTP: a team token lists its own tasks by priority, reads one with its
// vulnerable households, acknowledges / starts / finishes it with a note (recorded with who and
// when), gets GeoJSON; it never reads or moves another team's tasks or households. Also the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSubscription } from '../../src/db/push-subscriptions.ts';
import { listTasks, taskDetail } from '../../src/db/tagana-task-queries.ts';
import { teamRoutes } from '../../src/http/team-routes.ts';
import { planTasks } from '../../src/tagana/plan-tasks.ts';
import { issueTeamToken } from '../../src/tagana/team-tokens.ts';
import { EXAMPLE_PUSH_POLICY } from '../support/local-push-service.ts';
import { runSiaga } from '../support/run-cli.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_WEST, ingest, LATER, loadTaganaWorld } from './tagana-harness.ts';

interface ListedTask {
  id: number;
  team_code: string;
  priority: number;
  state: string;
  village_code: string;
}

describe(`Tagana team API (${engineUnderTest})`, () => {
  let t: TestDb;
  let api: TestApi;
  let regency: string;
  let district: string;
  let alertId: number;
  const now = new Date('2026-11-28T03:10:00Z');

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 8000, 'tagana-api');
    alertId = (
      await ingest(t.db, { identifier: 'API1', infos: [{ expires: LATER, severity: 'Severe', areas: [{ polygons: [AREA_WEST] }] }] })
    ).alertId;
    await planTasks(t.db, alertId, new Date('2026-11-28T03:00:00Z'));
    regency = await issueTeamToken(t.db, 'tagana-12.07', now, 'test');
    const cli = await runSiaga(['tasks', 'token', 'tagana-12.07.03', '--label', 'posko'], t.db);
    expect(cli.code).toBe(0);
    district = cli.stdout.trim();
    api = await startTestApi(t.db, teamRoutes({ db: t.db, now: () => now, pushPolicy: EXAMPLE_PUSH_POLICY }));
  });
  afterAll(async () => {
    await api.close();
    await t.drop();
  });

  const call = (method: string, path: string, token?: string, body?: unknown) => api.request(method, path, { token, body });

  it("lists only my team's tasks, most urgent first", async () => {
    const mine = await call('GET', '/api/team/tasks', district);
    expect(mine.status).toBe(200);
    const tasks = mine.body.tasks as ListedTask[];
    const expected = (await listTasks(t.db, { team: 'tagana-12.07.03' })).map((x) => x.id);
    expect(tasks.length).toBeGreaterThan(3);
    expect(tasks.map((x) => x.id)).toEqual(expected);
    expect(tasks.every((x) => x.team_code === 'tagana-12.07.03' && x.village_code.startsWith('12.07.03.'))).toBe(true);
    expect(tasks.map((x) => x.priority)).toEqual([...tasks.map((x) => x.priority)].sort((p, q) => q - p));
    const theirs = (await call('GET', '/api/team/tasks', regency)).body.tasks as ListedTask[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((x) => x.team_code === 'tagana-12.07')).toBe(true);
    expect(theirs.some((x) => tasks.some((y) => y.id === x.id))).toBe(false);
  });

  it('refuses missing and unknown tokens, and bad filters', async () => {
    expect((await call('GET', '/api/team/tasks')).status).toBe(401);
    expect((await call('GET', '/api/team/tasks', 'x'.repeat(43))).status).toBe(401);
    expect((await call('GET', '/api/team/tasks?state=sleeping', district)).status).toBe(400);
  });

  it("a team token never reads or moves another team's task, its households or its map", async () => {
    const other =
      (await listTasks(t.db, { team: 'tagana-12.07' })).find((x) => x.vulnerable_households > 0) ??
      (await listTasks(t.db, { team: 'tagana-12.07' }))[0];
    expect(other).toBeDefined();
    const id = other?.id ?? 0;
    const read = await call('GET', `/api/team/tasks/${id}`, district);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toMatch(/lat|household/);
    expect((await call('GET', `/api/team/tasks/${id}.geojson`, district)).status).toBe(404);
    for (const action of ['acknowledge', 'start', 'done'])
      expect((await call('POST', `/api/team/tasks/${id}/${action}`, district, { note: 'not ours' })).status).toBe(404);
    expect((await taskDetail(t.db, id, undefined))?.state).toBe('open');
    // The district's whole map holds none of the regency's villages or households.
    const map = await call('GET', '/api/team/tasks.geojson', district);
    const features = map.body.features as { properties: { task_id: number; village_code: string; household_id?: string } }[];
    expect(features.length).toBeGreaterThan(0);
    expect(features.every((f) => f.properties.village_code.startsWith('12.07.03.'))).toBe(true);
    const otherHouseholds = new Set((await taskDetail(t.db, id, undefined))?.vulnerable_list.map((h) => h.id));
    expect(features.some((f) => f.properties.household_id && otherHouseholds.has(f.properties.household_id))).toBe(false);
    // And the owner reads it, households included.
    const own = await call('GET', `/api/team/tasks/${id}`, regency);
    expect(own.status).toBe(200);
    expect((own.body.vulnerable_list as unknown[]).length).toBe(other?.vulnerable_households);
  });

  it('acknowledge → start → done with notes, each recorded with who and when; wrong moves answer 409', async () => {
    const task = (await listTasks(t.db, { team: 'tagana-12.07.03' })).find((x) => x.vulnerable_households > 0);
    const id = task?.id ?? 0;
    expect((await call('POST', `/api/team/tasks/${id}/done`, district, {})).status).toBe(409);
    expect((await call('POST', `/api/team/tasks/${id}/acknowledge`, district, { member: 'ds-001' })).status).toBe(422);
    const ack = await call('POST', `/api/team/tasks/${id}/acknowledge`, district, { member: 'sb-002', note: 'berangkat' });
    expect(ack).toMatchObject({ status: 200, body: { id, from: 'open', state: 'acknowledged' } });
    expect((await call('POST', `/api/team/tasks/${id}/acknowledge`, district, {})).status).toBe(409);
    expect((await call('POST', `/api/team/tasks/${id}/start`, district, { note: 'di lokasi' })).body).toMatchObject({
      state: 'in_progress',
    });
    expect((await call('POST', `/api/team/tasks/${id}/done`, district, { member: 'sb-001', note: 'semua dievakuasi' })).body).toMatchObject(
      { state: 'done' },
    );
    const detail = await call('GET', `/api/team/tasks/${id}`, district);
    expect(detail.body).toMatchObject({ state: 'done' });
    const events = (detail.body.events as { action: string; actor: string; note: string | null; at: string }[]).map((e) => [
      e.action,
      e.actor,
      e.note,
    ]);
    expect(events).toEqual([
      ['created', 'system', `planned from message ${alertId}`],
      ['acknowledged', 'tagana-12.07.03/sb-002', 'berangkat'],
      ['started', 'tagana-12.07.03', 'di lokasi'],
      ['done', 'tagana-12.07.03/sb-001', 'semua dievakuasi'],
    ]);
    expect((detail.body.events as { at: string }[]).at(-1)?.at).toBe(now.toISOString());
    // Done work leaves the default list, and stays readable with all=1.
    expect(((await call('GET', '/api/team/tasks', district)).body.tasks as ListedTask[]).some((x) => x.id === id)).toBe(false);
    expect(((await call('GET', '/api/team/tasks?all=1', district)).body.tasks as ListedTask[]).some((x) => x.id === id)).toBe(true);
  });

  it('serves one task as GeoJSON: the village polygon and its vulnerable households as points', async () => {
    const task = (await listTasks(t.db, { team: 'tagana-12.07' })).find((x) => x.vulnerable_households > 0);
    const map = await call('GET', `/api/team/tasks/${task?.id}.geojson`, regency);
    expect(map.type).toMatch(/^application\/geo\+json/);
    const features = map.body.features as { geometry: { type: string; coordinates: number[] }; properties: { feature: string } }[];
    expect(features[0]?.geometry.type).toMatch(/Polygon/);
    const points = features.filter((f) => f.properties.feature === 'household');
    expect(points.length).toBe(task?.vulnerable_households);
    expect(
      points.every((p) => p.geometry.type === 'Point' && (p.geometry.coordinates[0] ?? 0) > 98 && (p.geometry.coordinates[1] ?? 0) > 3),
    ).toBe(true);
  });

  it("registers a member's device for task notices, only for an active member of the token's team", async () => {
    const device = {
      endpoint: 'https://push.example.test/sub/ds-002',
      keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'AAAAAAAAAAAAAAAAAAAAAA' },
    };
    const mine = await call('POST', '/api/team/push-subscriptions', regency, { member: 'ds-002', ...device });
    expect(mine.status).toBe(201);
    const { rows } = await t.db.query<{ member_id: string; household_id: string | null }>(
      `SELECT member_id, household_id FROM push_subscriptions WHERE endpoint = $1 AND active`,
      [device.endpoint],
    );
    expect(rows).toEqual([{ member_id: 'ds-002', household_id: null }]);
    // Another team's member, through the district team's token: refused, nothing stored.
    const other = await call('POST', '/api/team/push-subscriptions', district, {
      member: 'ds-003',
      ...device,
      endpoint: 'https://push.example.test/sub/x',
    });
    expect(other.status).toBe(422);
    expect(String(other.body.error)).toMatch(/not an active member of team tagana-12.07.03/);
    expect((await t.db.query(`SELECT 1 FROM push_subscriptions WHERE endpoint = 'https://push.example.test/sub/x'`)).rows).toEqual([]);
    // A resident's device cannot be moved to a member: refused, the household keeps it.
    const resident = { endpoint: 'https://push.example.test/sub/resident', p256dh: device.keys.p256dh, auth: device.keys.auth };
    expect(await upsertSubscription(t.db, { household: 'hh-resident' }, resident)).toHaveProperty('id');
    const takeover = await call('POST', '/api/team/push-subscriptions', regency, {
      member: 'ds-002',
      endpoint: resident.endpoint,
      keys: device.keys,
    });
    expect(takeover.status).toBe(409);
    expect(String(takeover.body.error)).toMatch(/already registered to another household or team member/);
    const held = await t.db.query(`SELECT household_id, member_id, active FROM push_subscriptions WHERE endpoint = $1`, [
      resident.endpoint,
    ]);
    expect(held.rows).toEqual([{ household_id: 'hh-resident', member_id: null, active: true }]);
    const loopback = await call('POST', '/api/team/push-subscriptions', regency, {
      member: 'ds-002',
      endpoint: 'https://0x7f000001:6379/',
      keys: device.keys,
    });
    expect(loopback.status).toBe(422);
    expect(String(loopback.body.error)).toMatch(/^endpoint: names 127\.0\.0\.1, which is loopback/);
    // The member's own device again: idempotent.
    expect((await call('POST', '/api/team/push-subscriptions', regency, { member: 'ds-002', ...device })).status).toBe(201);
    expect((await call('POST', '/api/team/push-subscriptions', undefined, { member: 'ds-002', ...device })).status).toBe(401);
    const bad = await call('POST', '/api/team/push-subscriptions', regency, { member: 'ds-002', endpoint: 'not a url', keys: device.keys });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/endpoint/);
  });

  it('siaga tasks lists with filters, as a table or JSON', async () => {
    const json = await runSiaga(['tasks', '--alert', 'API1', '--team', 'tagana-12.07', '--state', 'open', '--json'], t.db);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as ListedTask[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.team_code === 'tagana-12.07' && x.state === 'open')).toBe(true);
    const table = await runSiaga(['tasks'], t.db);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/priority/);
    expect(table.stdout).toMatch(/tagana-12\.07\.03/);
    expect((await runSiaga(['tasks', '--state', 'sleeping'], t.db)).code).toBe(2);
    expect((await runSiaga(['tasks', 'token', 'no-such-team'], t.db)).code).toBe(1);
    expect((await runSiaga(['tasks', '--alert', 'NOPE'], t.db)).stdout).toMatch(/no tasks/);
  });
});
