// The liaison's review over HTTP: personal staff tokens (issued with `siaga users token add`) read
// and decide, each decision recorded under the token's account; the shared LIAISON_TOKEN only reads.
// Four-eyes counts accounts: a second approval with the same token and the drafter's own approval
// are refused; a revoked token stops at once. Candidates come with GeoJSON geometry, the review
// rules are answered as 404 / 409 / 403 / 422, and an approval over HTTP is delivered like any alert.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWebUser } from '../../src/db/web-users.ts';
import { createServer } from '../../src/http/server.ts';
import { hazardRoutes } from '../../src/http/hazard-routes.ts';
import { createLogger } from '../../src/logger.ts';
import { runSiaga } from '../support/run-cli.ts';
import { loadDeliSerdang, recordingQueue, testClock } from '../support/delivery-harness.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { boxHazard, draft, handOnInto, householdsInBoxes, ledgerHouseholds, reviewDeps, testProduct } from './hazard-test-kit.ts';

const TOKEN = 'liaison-token-for-hazard-tests-0123';
const BOX: [number, number, number, number] = [98.84, 3.5, 98.92, 3.58];
const OTHER: [number, number, number, number] = [98.75, 3.6, 98.83, 3.68];

describe(`liaison hazard API (${engineUnderTest})`, () => {
  let t: TestDb;
  const clock = testClock(new Date().toISOString());
  const queue = recordingQueue();
  const servers: { base: string; close: () => Promise<void> }[] = [];

  const staff: Record<string, string> = {};
  const start = async (liaisonToken: string | undefined, approvalsRequired: number) => {
    const routes = hazardRoutes(reviewDeps(t.db, clock, approvalsRequired, handOnInto(t.db, clock, queue)), liaisonToken);
    const server = createServer({ db: t.db, logger: createLogger('silent'), feeds: [], liaisonToken, routes });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const s = {
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
    servers.push(s);
    return s.base;
  };
  const call = (base: string, path: string, options: { token?: string; body?: unknown; raw?: string; type?: string } = {}) =>
    fetch(base + path, {
      method: options.body !== undefined || options.raw !== undefined ? 'POST' : 'GET',
      headers: { ...(options.token && { authorization: `Bearer ${options.token}` }), 'content-type': options.type ?? 'application/json' },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 1500, 'hazard-api');
    for (const name of ['rina.bmkg', 'budi.bmkg', 'dewi.bmkg']) {
      // The account as `siaga users add` makes it (its sign-in secret plays no part here).
      await insertWebUser(t.db, { username: name, role: 'liaison', teamCode: null, memberId: null, secretScrypt: 'scrypt$unused' });
      const issued = await runSiaga(['users', 'token', 'add', name, '--label', 'test laptop'], t.db);
      expect(issued.code, issued.stderr).toBe(0);
      staff[name] = /token \(shown once, store it safely\): (\S+)/.exec(issued.stdout)?.[1] ?? '';
      expect(staff[name]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await t.drop();
  });

  it('reads with the shared token or a personal one; 401 for no or a wrong token; the shared token cannot decide', async () => {
    const base = await start(TOKEN, 1);
    expect((await call(base, '/api/hazards/candidates')).status).toBe(401);
    expect((await call(base, '/api/hazards/candidates', { token: 'wrong-token-wrong-token-wrong-x' })).status).toBe(401);
    expect((await call(base, '/api/hazards/candidates/1/approve', { body: {} })).status).toBe(401);
    expect((await call(base, '/api/hazards/candidates', { token: TOKEN })).status).toBe(200);
    expect((await call(base, '/api/hazards/candidates', { token: staff['rina.bmkg'] })).status).toBe(200);
    const id = await draft(t.db, clock, testProduct('api-shared'), boxHazard([{ box: OTHER }]), 'siaga:api-shared');
    for (const [path, body] of [
      ['approve', {}],
      ['reject', { reason: 'not from the shared token' }],
    ] as const) {
      const shared = await call(base, `/api/hazards/candidates/${id}/${path}`, { token: TOKEN, body });
      expect(shared.status).toBe(403);
      expect(((await shared.json()) as { error: string }).error).toMatch(
        /shared liaison token .* can read candidates but not approve or reject/,
      );
    }
    expect((await t.db.query(`SELECT 1 FROM hazard_candidate_approvals WHERE candidate_id = $1`, [id])).rows).toEqual([]);
    // Without LIAISON_TOKEN the personal tokens still work, and the shared one is unknown.
    const off = await start(undefined, 1);
    expect((await call(off, '/api/hazards/candidates', { token: TOKEN })).status).toBe(401);
    expect((await call(off, '/api/hazards/candidates', { token: staff['budi.bmkg'] })).status).toBe(200);
    const rejected = await call(off, `/api/hazards/candidates/${id}/reject`, {
      token: staff['budi.bmkg'],
      body: { reason: 'test of the shared token' },
    });
    expect(rejected.status).toBe(200);
  });

  it('lists and shows candidates with GeoJSON, and applies four-eyes to accounts with clear refusals', async () => {
    const base = await start(TOKEN, 2);
    const id = await draft(t.db, clock, testProduct('api-four-eyes'), boxHazard([{ box: BOX }]), 'siaga:api-four-eyes');
    const inside = await householdsInBoxes(t.db, [BOX], true);
    expect(inside.length).toBeGreaterThan(0);

    const list = (await (await call(base, '/api/hazards/candidates', { token: TOKEN })).json()) as {
      approvalsRequired: number;
      candidates: { id: number; geometry: { type: string; coordinates: unknown[] } }[];
    };
    expect(list.approvalsRequired).toBe(2);
    const listed = list.candidates.find((c) => c.id === id);
    expect(listed?.geometry.type).toBe('MultiPolygon');
    expect(listed?.geometry.coordinates).toHaveLength(1);
    const one = await call(base, `/api/hazards/candidates/${id}`, { token: TOKEN });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      id,
      state: 'pending',
      villages: expect.arrayContaining([expect.objectContaining({ code: expect.stringMatching(/^12\.07\./) })]),
    });
    expect((await call(base, '/api/hazards/candidates/999999', { token: TOKEN })).status).toBe(404);
    expect((await call(base, '/api/hazards/candidates/abc', { token: TOKEN })).status).toBe(404);
    expect((await call(base, '/api/hazards/candidates?state=bogus', { token: TOKEN })).status).toBe(400);

    const approve = (who: string, body: unknown = {}) => call(base, `/api/hazards/candidates/${id}/approve`, { token: staff[who], body });
    // A name in the body is refused, never used: the approver is the token's account.
    const named = await approve('rina.bmkg', { by: 'Alice' });
    expect(named.status).toBe(422);
    expect(((await named.json()) as { error: string }).error).toMatch(/^by: the approver is the account of your token/);
    expect((await approve('rina.bmkg', { extra: 1 })).status).toBe(422);
    expect(
      (await call(base, `/api/hazards/candidates/${id}/approve`, { token: staff['rina.bmkg'], raw: '{"by":', type: 'application/json' }))
        .status,
    ).toBe(400);
    expect(
      (
        await call(base, `/api/hazards/candidates/${id}/approve`, {
          token: staff['rina.bmkg'],
          raw: 'by=Rina',
          type: 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(415);
    expect((await call(base, '/api/hazards/candidates/999999/approve', { token: staff['rina.bmkg'], body: {} })).status).toBe(404);

    const first = await approve('rina.bmkg');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ state: 'pending', approvals: ['rina.bmkg'], required: 2 });
    expect(queue.chunks).toEqual([]);
    // The same token again (whatever it might type) is the same pair of eyes.
    const twice = await approve('rina.bmkg');
    expect(twice.status).toBe(403);
    expect(((await twice.json()) as { error: string }).error).toMatch(/rina\.bmkg has already approved/);
    expect((await approve('rina.bmkg', { by: 'Bob' })).status).toBe(422);
    expect((await t.db.query(`SELECT approver FROM hazard_candidate_approvals WHERE candidate_id = $1`, [id])).rows).toEqual([
      { approver: 'rina.bmkg' },
    ]);

    clock.advance(30_000);
    const second = await approve('budi.bmkg');
    expect(second.status).toBe(200);
    const issued = (await second.json()) as { state: string; approvals: string[]; alert: { id: number; identifier: string } };
    expect(issued).toMatchObject({ state: 'approved', approvals: ['rina.bmkg', 'budi.bmkg'] });
    expect(await ledgerHouseholds(t.db, issued.alert.id)).toEqual(inside);
    expect(queue.ids().length).toBeGreaterThan(0);

    const late = await call(base, `/api/hazards/candidates/${id}/reject`, { token: staff['dewi.bmkg'], body: { reason: 'too late' } });
    expect(late.status).toBe(409);
    expect((await approve('dewi.bmkg')).status).toBe(409);
  });

  it('refuses the drafter with 403, records the rejecter from the token, and stops a revoked token', async () => {
    const base = await start(TOKEN, 1);
    // Drafted on the web page by dewi.bmkg: her own token cannot approve it.
    const id = await draft(t.db, clock, testProduct('api-reject'), boxHazard([{ box: OTHER }]), 'dewi.bmkg', 5);
    const drafter = await call(base, `/api/hazards/candidates/${id}/approve`, { token: staff['dewi.bmkg'], body: {} });
    expect(drafter.status).toBe(403);
    expect(((await drafter.json()) as { error: string }).error).toMatch(/dewi\.bmkg drafted/);
    expect((await call(base, `/api/hazards/candidates/${id}/reject`, { token: staff['budi.bmkg'], body: {} })).status).toBe(422);
    expect(
      (
        await call(base, `/api/hazards/candidates/${id}/reject`, {
          token: staff['budi.bmkg'],
          body: { by: 'Agus', reason: 'sensor striping' },
        })
      ).status,
    ).toBe(422);
    const rejected = await call(base, `/api/hazards/candidates/${id}/reject`, {
      token: staff['budi.bmkg'],
      body: { reason: 'sensor striping' },
    });
    expect(rejected.status).toBe(200);
    const all = (await (await call(base, '/api/hazards/candidates?state=rejected', { token: TOKEN })).json()) as {
      candidates: { id: number; rejected_by: string; rejection_reason: string }[];
    };
    expect(all.candidates.find((c) => c.id === id)).toMatchObject({ rejected_by: 'budi.bmkg', rejection_reason: 'sensor striping' });
    const inOther = await householdsInBoxes(t.db, [OTHER], true);
    expect(inOther.length).toBeGreaterThan(0);
    expect((await ledgerHouseholds(t.db)).filter((h) => inOther.includes(h))).toEqual([]);
    expect((await t.db.query(`SELECT 1 FROM alerts WHERE identifier LIKE 'siaga-raster-api-reject-%'`)).rows).toEqual([]);

    // Revoked: refused at once; the list shows it; only the hash was ever stored.
    const listed = await runSiaga(['users', 'token', 'list'], t.db);
    const dewiId = /^(\d+)\tdewi\.bmkg\ttest laptop\t/m.exec(listed.stdout)?.[1];
    expect(dewiId).toBeDefined();
    expect((await runSiaga(['users', 'token', 'revoke', String(dewiId)], t.db)).code).toBe(0);
    expect((await runSiaga(['users', 'token', 'revoke', String(dewiId)], t.db)).code).toBe(1);
    expect((await call(base, '/api/hazards/candidates', { token: staff['dewi.bmkg'] })).status).toBe(401);
    expect((await runSiaga(['users', 'token', 'list'], t.db)).stdout).toMatch(new RegExp(`^${dewiId}\\tdewi\\.bmkg\\t.*\\trevoked `, 'm'));
    expect((await t.db.query(`SELECT 1 FROM staff_api_tokens WHERE token_sha256 = $1`, [staff['dewi.bmkg']])).rows).toEqual([]);
    // Only liaison accounts get one.
    expect((await runSiaga(['users', 'token', 'add', 'nobody.here'], t.db)).code).toBe(1);
  });
});
