// The residents' API over real HTTP: register (validated, placed in its village), the management
// token reaching only its own household, push subscriptions, acknowledgements (by token and from the
// service worker with the delivery's ack token), see and delete my data, and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackToken } from '../../src/delivery/ack-token.ts';
import { residentRoutes } from '../../src/http/resident-routes.ts';
import { EXAMPLE_PUSH_POLICY } from '../support/local-push-service.ts';
import { runSiaga } from '../support/run-cli.ts';
import { DELI_SERDANG } from '../support/delivery-harness.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const ACK_SECRET = 'resident-api-test-secret';
// Inside Deli Serdang (Lubuk Pakam area).
const HOME = { lat: 3.553, lon: 98.873 };
const SUBSCRIPTION = {
  endpoint: 'https://push.example.test/send/abc123',
  keys: {
    p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
    auth: 'tBHItJI5svbpez7KI4CCXg',
  },
};

describe(`residents' API (${engineUnderTest})`, () => {
  let t: TestDb;
  let api: TestApi;

  beforeAll(async () => {
    t = await createTestDb();
    expect((await runSiaga(['import', 'areas', DELI_SERDANG], t.db)).code).toBe(0);
    api = await startTestApi(
      t.db,
      residentRoutes({
        db: t.db,
        now: () => new Date(),
        snapMetres: 100,
        vapidPublicKey: 'BPUBLICKEY',
        ackSecret: ACK_SECRET,
        publicBaseUrl: 'http://siaga.test',
        pushPolicy: EXAMPLE_PUSH_POLICY,
      }),
      { clientRateLimitPerMinute: 60 },
    );
  });
  afterAll(async () => {
    await api.close();
    await t.drop();
  });

  const call = (method: string, path: string, body?: unknown, token?: string) => api.request(method, path, { token, body });
  const register = (over: Record<string, unknown> = {}) =>
    call('POST', '/api/households', {
      location: HOME,
      members: 4,
      vulnerable: { elderly: 1, infant: 1 },
      language: 'id',
      phone: '+6284012345678',
      consent: true,
      ...over,
    });

  it('registers a household in the village that holds its point, with a token shown once', async () => {
    const r = await register();
    expect(r.status).toBe(201);
    const household = r.body?.household as { id: string; village: { code: string; name: string } };
    expect(household.village.code).toMatch(/^12\.07\.\d{2}\.\d{4}$/);
    expect(r.body?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await t.db.query<{ village_code: string; elderly: number; source: string }>(
      `SELECT village_code, elderly, source FROM households WHERE id = $1 AND valid_to IS NULL`,
      [household.id],
    );
    expect(rows).toEqual([{ village_code: household.village.code, elderly: 1, source: 'resident' }]);
    // Only the hash is stored.
    const stored = await t.db.query(`SELECT 1 FROM household_tokens WHERE token_sha256 = $1`, [r.body?.token]);
    expect(stored.rows).toEqual([]);
  });

  it('refuses bad input with what and where, and writes nothing', async () => {
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM households`)).rows[0]?.n;
    expect((await register({ consent: false })).body?.error).toMatch(/consent/);
    // A phone that cannot be read is refused here (the person can correct it), unlike in a file.
    const badPhone = await register({ phone: '0812345' });
    expect(badPhone).toMatchObject({
      status: 422,
      body: {
        error: expect.stringMatching(
          /^phone: phone "0812345" is not a phone number .*; correct it, or leave it empty to be warned by web push and the door knock only$/,
        ),
      },
    });
    expect((await register({ phone: '6.28123E+12' })).body?.error).toMatch(/^phone: .*scientific notation/);
    expect((await register({ members: 0 })).body?.error).toMatch(/^members: /);
    expect((await register({ vulnerable_people: -1 })).body?.error).toMatch(/^vulnerable_people: /);
    const far = await register({ location: { lat: -6.2, lon: 106.8 } });
    expect(far.status).toBe(422);
    expect(far.body?.error).toMatch(/not in any village Siaga covers/);
    const notJson = await fetch(`${api.base}/api/households`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(notJson.status).toBe(415);
    const broken = await fetch(`${api.base}/api/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"location":',
    });
    expect(broken.status).toBe(400);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM households`)).rows[0]?.n).toBe(before);
  });

  it('stores people with several conditions once, and raises rather than refuses contradicting numbers, saying so', async () => {
    const stored = async (id: string) =>
      (await t.db.query(`SELECT members, vulnerable, elderly, ill, infant, phone FROM households WHERE id = $1 AND valid_to IS NULL`, [id]))
        .rows[0];
    // One person living alone, elderly and ill: one vulnerable person, counted under both kinds.
    const alone = await register({ members: 1, vulnerable: { elderly: 1, ill: 1 }, vulnerable_people: 1, phone: '0812 3456 7890' });
    expect(alone).toMatchObject({ status: 201, body: { adjusted: [], household: { members: 1, vulnerable_people: 1 } } });
    const aloneId = (alone.body?.household as { id: string }).id;
    expect(await stored(aloneId)).toEqual({ members: 1, vulnerable: 1, elderly: 1, ill: 1, infant: 0, phone: '+6281234567890' });
    expect((await call('GET', '/api/households/me', undefined, alone.body?.token as string)).body).toMatchObject({
      members: 1,
      vulnerable_people: 1,
      vulnerable: { elderly: 1, ill: 1 },
    });

    // Without vulnerable_people each kind count is its own people (the API's first meaning): 3 > 1 member.
    const old = await register({ members: 1, vulnerable: { elderly: 3 } });
    expect(old).toMatchObject({
      status: 201,
      body: {
        household: { members: 3, vulnerable_people: 3 },
        adjusted: [
          { field: 'members', from: 1, to: 3, reason: 'members 1 is fewer than the 3 people who need help: members counted as 3' },
        ],
      },
    });
    // Fewer people than one kind counts: raised to it.
    const few = await register({ members: 4, vulnerable: { elderly: 2, ill: 1 }, vulnerable_people: 1 });
    expect(few.body?.adjusted).toEqual([
      {
        field: 'vulnerable_people',
        from: 1,
        to: 2,
        reason: 'vulnerable_people 1 is fewer than the 2 counted under one kind: counted as 2',
      },
    ]);
    expect(await stored((few.body?.household as { id: string }).id)).toMatchObject({ members: 4, vulnerable: 2, elderly: 2, ill: 1 });
  });

  it('a token only ever reaches its own household', async () => {
    const a = await register();
    const b = await register({ language: 'en', phone: null });
    const tokenA = a.body?.token as string;
    const tokenB = b.body?.token as string;
    const idA = (a.body?.household as { id: string }).id;
    const idB = (b.body?.household as { id: string }).id;
    expect((await call('GET', '/api/households/me', undefined, tokenA)).body?.id).toBe(idA);
    expect((await call('GET', '/api/households/me', undefined, tokenB)).body?.id).toBe(idB);
    expect((await call('GET', '/api/households/me')).status).toBe(401);
    expect((await call('GET', '/api/households/me', undefined, 'x'.repeat(43))).status).toBe(401);

    // A delivery of B's cannot be acknowledged with A's token, nor with a wrong ack token.
    const alert = await t.db.query<{ id: string }>(`
      WITH g AS (INSERT INTO alert_groups DEFAULT VALUES RETURNING id)
      INSERT INTO alerts (group_id, sender, identifier, sent, sent_raw, msg_type, status, scope, cap_version, deliverable, languages, model)
      SELECT id, 's', 'ACK-1', now(), 'now', 'Alert', 'Actual', 'Public', '1.2', true, '{id}', '{}' FROM g RETURNING id::text`);
    const alertId = alert.rows[0]?.id as string;
    const d = await t.db.query<{ id: string }>(
      `INSERT INTO deliveries (group_id, alert_id, household_id, channel, kind, state, language, content_key, sent_at)
      SELECT group_id, id, $2, 'push', 'warning', 'sent', 'en', 'k', now() FROM alerts WHERE id = $1 RETURNING id::text`,
      [alertId, idB],
    );
    const deliveryId = d.rows[0]?.id as string;
    expect((await call('POST', '/api/households/me/acknowledgements', { alertId, response: 'safe' }, tokenA)).status).toBe(404);
    expect(
      (
        await call('POST', `/api/deliveries/${deliveryId}/ack`, {
          token: ackToken(ACK_SECRET, String(Number(deliveryId) + 1)),
          response: 'safe',
        })
      ).status,
    ).toBe(403);

    // The service worker confirms the notification was shown, then the resident asks for help.
    expect((await call('POST', `/api/deliveries/${deliveryId}/received`, { token: ackToken(ACK_SECRET, deliveryId) })).body).toEqual({
      delivered: true,
    });
    const help = await call('POST', `/api/deliveries/${deliveryId}/ack`, {
      token: ackToken(ACK_SECRET, deliveryId),
      response: 'need_help',
    });
    expect(help.body).toEqual({ id: deliveryId, state: 'acknowledged', response: 'need_help' });
    // A later "received" does not hide the call for help; B's own token can say "safe".
    await call('POST', `/api/deliveries/${deliveryId}/ack`, { token: ackToken(ACK_SECRET, deliveryId), response: 'received' });
    expect((await t.db.query(`SELECT response FROM deliveries WHERE id = $1`, [deliveryId])).rows).toEqual([{ response: 'need_help' }]);
    const safe = await call('POST', '/api/households/me/acknowledgements', { alertId, response: 'safe' }, tokenB);
    expect(safe.body?.acknowledged).toEqual([{ id: deliveryId, state: 'acknowledged', response: 'safe' }]);
  });

  it('adds and removes push subscriptions, serves the VAPID key, shows and deletes my data', async () => {
    const r = await register();
    const token = r.body?.token as string;
    const id = (r.body?.household as { id: string }).id;
    expect((await call('POST', '/api/households/me/push-subscriptions', SUBSCRIPTION, token)).status).toBe(201);
    expect(
      (await call('POST', '/api/households/me/push-subscriptions', { ...SUBSCRIPTION, keys: { p256dh: 'short', auth: 'x' } }, token)).body
        ?.error,
    ).toMatch(/keys\.p256dh/);
    expect(((await call('GET', '/api/households/me', undefined, token)).body?.push_subscriptions as unknown[]).length).toBe(1);
    expect((await call('GET', '/api/push/vapid-public-key')).body).toEqual({ publicKey: 'BPUBLICKEY' });
    expect((await call('DELETE', '/api/households/me/push-subscriptions', { endpoint: SUBSCRIPTION.endpoint }, token)).status).toBe(204);
    expect((await call('DELETE', '/api/households/me/push-subscriptions', { endpoint: SUBSCRIPTION.endpoint }, token)).status).toBe(404);

    expect((await call('DELETE', '/api/households/me', undefined, token)).status).toBe(204);
    expect((await t.db.query(`SELECT 1 FROM households WHERE id = $1`, [id])).rows).toEqual([]);
    expect((await call('GET', '/api/households/me', undefined, token)).status).toBe(401);
  });

  it('refuses (422) endpoints that are not https to a push service, in every address spelling, and stores none', async () => {
    // An API of its own, so that these many calls do not use up the rate limit tested below.
    const own = await startTestApi(
      t.db,
      residentRoutes({
        db: t.db,
        now: () => new Date(),
        snapMetres: 100,
        vapidPublicKey: 'BPUBLICKEY',
        ackSecret: ACK_SECRET,
        publicBaseUrl: 'http://siaga.test',
        pushPolicy: EXAMPLE_PUSH_POLICY,
      }),
      { clientRateLimitPerMinute: 1000 },
    );
    const call = (method: string, path: string, body?: unknown, token?: string) => own.request(method, path, { token, body });
    const token = (await call('POST', '/api/households', { location: HOME, members: 2, language: 'id', consent: true })).body
      ?.token as string;
    const hostile = [
      'http://127.0.0.1:6390/',
      'https://0x7f000001:18111/x',
      'https://2130706433/x',
      'https://0177.0.0.1/x',
      'https://127.1/x',
      'https://127.0.0.1./x',
      'https://localhost:8090/api/households',
      'https://a.localhost/x',
      'https://[::1]:5433/',
      'https://[::ffff:127.0.0.1]/x',
      'https://169.254.169.254/latest',
      'https://10.0.0.1/x',
      'https://100.64.0.1/x',
      'https://[fd00::1]/x',
      'https://[fe80::1]/x',
      'https://224.0.0.1/x',
      'https://0.0.0.0/x',
      'https://evil.example.com/x',
    ];
    for (const endpoint of hostile) {
      const r = await call('POST', '/api/households/me/push-subscriptions', { ...SUBSCRIPTION, endpoint }, token);
      expect(r.status, endpoint).toBe(422);
      expect(r.body?.error, endpoint).toMatch(/^endpoint: /);
    }
    expect((await call('GET', '/api/households/me', undefined, token)).body?.push_subscriptions).toEqual([]);
    await own.close();
  });

  it("refuses (409) another household's endpoint and leaves it with its owner; re-registering one's own refreshes its keys", async () => {
    const victim = (await register()).body?.token as string;
    const attacker = (await register()).body?.token as string;
    const device = { ...SUBSCRIPTION, endpoint: 'https://push.example.test/send/victim-device' };
    expect((await call('POST', '/api/households/me/push-subscriptions', device, victim)).status).toBe(201);
    const takeover = await call('POST', '/api/households/me/push-subscriptions', device, attacker);
    expect(takeover.status).toBe(409);
    expect(takeover.body?.error).toMatch(/^endpoint: this push endpoint is already registered to another household/);
    const mine = (token: string) =>
      call('GET', '/api/households/me', undefined, token).then((r) => r.body?.push_subscriptions as { endpoint: string }[]);
    expect((await mine(victim)).map((s) => s.endpoint)).toEqual([device.endpoint]);
    expect(await mine(attacker)).toEqual([]);
    // The victim's own re-registration is idempotent: one row, the new keys.
    const fresh = { ...device, keys: { ...device.keys, auth: 'AAAAAAAAAAAAAAAAAAAAAA' } };
    expect((await call('POST', '/api/households/me/push-subscriptions', fresh, victim)).status).toBe(201);
    const { rows } = await t.db.query<{ auth: string }>(`SELECT auth FROM push_subscriptions WHERE endpoint = $1`, [device.endpoint]);
    expect(rows).toEqual([{ auth: 'AAAAAAAAAAAAAAAAAAAAAA' }]);
  });

  it('changes my data as a new version of the household, checked as a whole; a token changes only its own', async () => {
    const r = await register();
    const token = r.body?.token as string;
    const id = (r.body?.household as { id: string }).id;
    const changed = await call(
      'PATCH',
      '/api/households/me',
      { members: 5, vulnerable: { pregnant: 1 }, phone: null, language: 'en' },
      token,
    );
    expect(changed.status).toBe(200);
    // Kind counts without vulnerable_people: each its own people (1 + 1 + 1).
    expect(changed.body).toMatchObject({
      changed: true,
      adjusted: [],
      household: {
        members: 5,
        vulnerable_people: 3,
        vulnerable: { elderly: 1, infant: 1, pregnant: 1, disabled: 0, ill: 0 },
        phone: null,
        language: 'en',
      },
    });
    // The old version is closed, not overwritten: who was registered how stays answerable.
    const versions = (
      await t.db.query<{ members: number; open: boolean }>(
        `SELECT members, valid_to IS NULL AS open FROM households WHERE id = $1 ORDER BY row_id`,
        [id],
      )
    ).rows;
    expect(versions).toEqual([
      { members: 4, open: false },
      { members: 5, open: true },
    ]);
    // The same change again changes nothing and writes no version.
    expect((await call('PATCH', '/api/households/me', { members: 5 }, token)).body).toMatchObject({ changed: false });
    expect((await t.db.query(`SELECT 1 FROM households WHERE id = $1`, [id])).rows).toHaveLength(2);
    // The elderly person is also the ill one: one more condition, no more people.
    const ill = await call('PATCH', '/api/households/me', { vulnerable: { ill: 1 }, vulnerable_people: 3 }, token);
    expect(ill.body).toMatchObject({ changed: true, household: { vulnerable_people: 3, vulnerable: { elderly: 1, ill: 1 } } });
    // Fewer members than people who need help: raised, and the answer says so.
    expect(await call('PATCH', '/api/households/me', { members: 1 }, token)).toMatchObject({
      status: 200,
      body: { changed: true, adjusted: [{ field: 'members', from: 1, to: 3 }], household: { members: 3, vulnerable_people: 3 } },
    });
    expect((await t.db.query(`SELECT 1 FROM households WHERE id = $1`, [id])).rows).toHaveLength(4);
    // Refused as a whole, with what and where; nothing written.
    expect((await call('PATCH', '/api/households/me', { phone: 'none of your business' }, token)).body?.error).toMatch(
      /^phone: phone "none of your business" is not a phone number/,
    );
    expect((await call('PATCH', '/api/households/me', { location: { lat: -6.2, lon: 106.8 } }, token)).body?.error).toMatch(
      /^location: .* is not in any village Siaga covers$/,
    );
    expect((await call('PATCH', '/api/households/me', { consent: false }, token)).status).toBe(422);
    expect((await call('PATCH', '/api/households/me', {}, token)).body?.error).toMatch(/nothing to change/);
    expect((await t.db.query(`SELECT 1 FROM households WHERE id = $1`, [id])).rows).toHaveLength(4);
    // Moved within the area: placed in the village that holds the new point.
    const moved = await call('PATCH', '/api/households/me', { location: { lat: HOME.lat + 0.01, lon: HOME.lon } }, token);
    expect(moved.status).toBe(200);
    expect((moved.body?.household as { lat: number }).lat).toBeCloseTo(HOME.lat + 0.01, 6);
    expect((await call('PATCH', '/api/households/me', { members: 9 })).status).toBe(401);
  });

  it('limits requests per client and says when to come back', async () => {
    let last = { status: 0, headers: new Headers() };
    for (let i = 0; i < 70 && last.status !== 429; i += 1) last = await call('GET', '/api/households/me');
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
