// The liaison's review over HTTP: behind LIAISON_TOKEN like /api/feeds (401 without or with a
// wrong token, 503 when no token is configured), candidates with GeoJSON geometry, and the review
// rules answered as 404 / 409 / 403 / 422. An approval over HTTP is delivered like any alert.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/http/server.ts';
import { hazardRoutes } from '../../src/http/hazard-routes.ts';
import { createLogger } from '../../src/logger.ts';
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

  const start = async (liaisonToken: string | undefined, approvalsRequired: number) => {
    const routes = hazardRoutes(reviewDeps(t.db, clock, approvalsRequired, handOnInto(t.db, clock, queue)));
    const server = createServer({ db: t.db, logger: createLogger('silent'), feeds: [], liaisonToken, routes });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const s = { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
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
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await t.drop();
  });

  it('answers only with the liaison token, and 503 when none is configured', async () => {
    const base = await start(TOKEN, 1);
    expect((await call(base, '/api/hazards/candidates')).status).toBe(401);
    expect((await call(base, '/api/hazards/candidates', { token: 'wrong-token-wrong-token-wrong-x' })).status).toBe(401);
    expect((await call(base, '/api/hazards/candidates/1/approve', { body: { by: 'Rina' } })).status).toBe(401);
    expect((await call(base, '/api/hazards/candidates', { token: TOKEN })).status).toBe(200);
    const off = await start(undefined, 1);
    expect((await call(off, '/api/hazards/candidates', { token: TOKEN })).status).toBe(503);
    expect((await call(off, '/api/hazards/candidates/1/reject', { token: TOKEN, body: { by: 'Rina', reason: 'no' } })).status).toBe(503);
  });

  it('lists and shows candidates with GeoJSON, and applies four-eyes with clear refusals', async () => {
    const base = await start(TOKEN, 2);
    const id = await draft(t.db, clock, testProduct('api-four-eyes'), boxHazard([{ box: BOX }]), 'siaga:api-four-eyes');
    const inside = await householdsInBoxes(t.db, [BOX], true);
    expect(inside.length).toBeGreaterThan(0);

    const list = (await (await call(base, '/api/hazards/candidates', { token: TOKEN })).json()) as { approvalsRequired: number; candidates: { id: number; geometry: { type: string; coordinates: unknown[] } }[] };
    expect(list.approvalsRequired).toBe(2);
    const listed = list.candidates.find((c) => c.id === id);
    expect(listed?.geometry.type).toBe('MultiPolygon');
    expect(listed?.geometry.coordinates).toHaveLength(1);
    const one = await call(base, `/api/hazards/candidates/${id}`, { token: TOKEN });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id, state: 'pending', villages: expect.arrayContaining([expect.objectContaining({ code: expect.stringMatching(/^12\.07\./) })]) });
    expect((await call(base, '/api/hazards/candidates/999999', { token: TOKEN })).status).toBe(404);
    expect((await call(base, '/api/hazards/candidates/abc', { token: TOKEN })).status).toBe(404);
    expect((await call(base, '/api/hazards/candidates?state=bogus', { token: TOKEN })).status).toBe(400);

    const approve = (by: unknown) => call(base, `/api/hazards/candidates/${id}/approve`, { token: TOKEN, body: { by } });
    expect((await approve('')).status).toBe(422);
    expect((await call(base, `/api/hazards/candidates/${id}/approve`, { token: TOKEN, body: { by: 'Rina', extra: 1 } })).status).toBe(422);
    expect((await call(base, `/api/hazards/candidates/${id}/approve`, { token: TOKEN, raw: '{"by":', type: 'application/json' })).status).toBe(400);
    expect((await call(base, `/api/hazards/candidates/${id}/approve`, { token: TOKEN, raw: 'by=Rina', type: 'application/x-www-form-urlencoded' })).status).toBe(415);
    const selfApproval = await approve('siaga:api-four-eyes');
    expect(selfApproval.status).toBe(422); // a person may not use a job's name
    expect((await call(base, '/api/hazards/candidates/999999/approve', { token: TOKEN, body: { by: 'Rina' } })).status).toBe(404);

    const first = await approve('Rina Siregar');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ state: 'pending', approvals: ['Rina Siregar'], required: 2 });
    expect(queue.chunks).toEqual([]);
    const twice = await approve('RINA SIREGAR');
    expect(twice.status).toBe(403);
    expect(((await twice.json()) as { error: string }).error).toMatch(/already approved/);

    clock.advance(30_000);
    const second = await approve('Budi Santoso');
    expect(second.status).toBe(200);
    const issued = (await second.json()) as { state: string; alert: { id: number; identifier: string } };
    expect(issued.state).toBe('approved');
    expect(await ledgerHouseholds(t.db, issued.alert.id)).toEqual(inside);
    expect(queue.ids().length).toBeGreaterThan(0);

    const late = await call(base, `/api/hazards/candidates/${id}/reject`, { token: TOKEN, body: { by: 'Agus', reason: 'too late' } });
    expect(late.status).toBe(409);
    expect((await approve('Agus')).status).toBe(409);
  });

  it('refuses the drafter with 403 and keeps a rejection for audit', async () => {
    const base = await start(TOKEN, 1);
    const id = await draft(t.db, clock, testProduct('api-reject'), boxHazard([{ box: OTHER }]), 'Dewi Lestari', 5);
    const drafter = await call(base, `/api/hazards/candidates/${id}/approve`, { token: TOKEN, body: { by: 'dewi lestari' } });
    expect(drafter.status).toBe(403);
    expect(((await drafter.json()) as { error: string }).error).toMatch(/drafted/);
    expect((await call(base, `/api/hazards/candidates/${id}/reject`, { token: TOKEN, body: { by: 'Budi' } })).status).toBe(422);
    const rejected = await call(base, `/api/hazards/candidates/${id}/reject`, { token: TOKEN, body: { by: 'Budi', reason: 'sensor striping' } });
    expect(rejected.status).toBe(200);
    const all = (await (await call(base, '/api/hazards/candidates?state=rejected', { token: TOKEN })).json()) as { candidates: { id: number; rejected_by: string; rejection_reason: string }[] };
    expect(all.candidates.find((c) => c.id === id)).toMatchObject({ rejected_by: 'Budi', rejection_reason: 'sensor striping' });
    const pending = (await (await call(base, '/api/hazards/candidates', { token: TOKEN })).json()) as { candidates: { id: number }[] };
    expect(pending.candidates.some((c) => c.id === id)).toBe(false);
    const inOther = await householdsInBoxes(t.db, [OTHER], true);
    expect(inOther.length).toBeGreaterThan(0);
    expect((await ledgerHouseholds(t.db)).filter((h) => inOther.includes(h))).toEqual([]);
    expect((await t.db.query(`SELECT 1 FROM alerts WHERE identifier LIKE 'siaga-raster-api-reject-%'`)).rows).toEqual([]);
  });
});
