// Every route of the server (taken from the router's own table, so a new route is covered without
// editing this file) is sent U+0000 and other control characters in its path, query, JSON body
// and form fields, and dates no database can hold, with and without credentials of each kind. No
// answer may be a 5xx, and the server must log no error for any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest } from '../support/test-db.ts';
import { runSiaga } from '../support/run-cli.ts';
import { LIAISON_TOKEN, samplePath, startFullServer, type FullServer } from './full-server.ts';

// What the probe sent, kept as the suite's inputs: each is a control character or an absurd date.
export const HOSTILE_TEXT = ['\u0000', 'a\u0000b', '\u0001', '\u001b[31m', '\u007f', '\u0085', '\u0008\u000b\u000c'];
export const HOSTILE_DATES = [
  '+010000-01-01T00:00Z',
  '10000-01-01',
  '-000001-01-01',
  '-1',
  '99999',
  '275760-09-13',
  '0000-00-00',
  '2026-13-45T99:99Z',
];
const JSON_FIELDS = ['note', 'member', 'name', 'reason', 'by', 'endpoint', 'language', 'phone', 'alert', 'since', 'token', 'identifier'];

describe(`every route refuses control characters and absurd dates without a 5xx (${engineUnderTest})`, () => {
  let app: FullServer;
  const credentials: Record<string, Record<string, string>> = {};
  let personal: Record<string, string> = {};

  beforeAll(async () => {
    app = await startFullServer();
    const reg = await fetch(`${app.base}/api/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: { lat: 3.553, lon: 98.873 }, members: 2, consent: true }),
    });
    expect(reg.status).toBe(201);
    const household = ((await reg.json()) as { token: string }).token;
    const team = (await runSiaga(['tasks', 'token', 'tagana-12.07'], app.t.db)).stdout.trim();
    expect(team).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const staff = (await runSiaga(['users', 'add', 'rina.bmkg', '--role', 'liaison'], app.t.db)).stdout;
    const secret = /secret \(shown once[^)]*\): (\S+)/.exec(staff)?.[1] ?? '';
    const signIn = await fetch(`${app.base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: `username=rina.bmkg&password=${secret}`,
    });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    credentials.none = {};
    credentials.household = { authorization: `bearer ${household}` };
    credentials.team = { authorization: `BEARER ${team}` };
    credentials.liaison = { authorization: `Bearer ${LIAISON_TOKEN}` };
    credentials.staff = { cookie, 'sec-fetch-site': 'same-origin' };
    // Hazard decisions take a personal staff token (the shared one only reads).
    const issued = (await runSiaga(['users', 'token', 'add', 'rina.bmkg'], app.t.db)).stdout;
    personal = { authorization: `Bearer ${/token \(shown once, store it safely\): (\S+)/.exec(issued)?.[1] ?? ''}` };
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('knows the routes it is testing', () => {
    // The table must be the real one: the residents' API, the pages, the team API, the liaison API.
    const paths = app.routes.map(samplePath);
    for (const p of [
      '/api/households',
      '/signin',
      '/api/team/tasks',
      '/api/team/clusters',
      '/api/hazards/candidates',
      '/api/feeds/bmkg-nowcast/log',
      '/liaison/log',
      '/api/villages.geojson',
    ])
      expect(paths).toContain(p);
    expect(app.routes.length).toBeGreaterThanOrEqual(55);
  });

  it('refuses U+0000 where the probe found 500s, saying where', async () => {
    const cases: [string, string, Record<string, string>, string?][] = [
      [
        'POST',
        '/signin',
        { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        'username=%00&password=x',
      ],
      ['GET', '/api/team/tasks?alert=%00', credentials.team ?? {}],
      ['POST', '/api/team/clusters', { ...credentials.team, 'content-type': 'application/json' }, JSON.stringify({ name: 'a\u0000' })],
      [
        'POST',
        '/api/households/me/push-subscriptions',
        { ...credentials.household, 'content-type': 'application/json' },
        JSON.stringify({ endpoint: 'https://push.example/\u0000', keys: { p256dh: 'x', auth: 'y' } }),
      ],
      [
        'POST',
        '/api/hazards/candidates/1/reject',
        { ...personal, 'content-type': 'application/json' },
        JSON.stringify({ reason: 'no\u0000' }),
      ],
      ['GET', '/api/feeds/bmkg-nowcast/log?since=%2B010000-01-01T00:00Z', credentials.liaison ?? {}],
      ['GET', '/api/feeds/bmkg-nowcast/log?since=-1', credentials.liaison ?? {}],
    ];
    for (const [method, path, headers, body] of cases) {
      const res = await fetch(`${app.base}${path}`, { method, headers, body });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text}`).toBe(400);
      expect(text).toMatch(/U\+0000|1000–9999|ISO date-time/);
    }
    const page = await fetch(`${app.base}/liaison/log?since=10000-01-01`, { headers: credentials.staff });
    expect(page.status).toBe(400);
  });

  it('answers no 5xx and logs no error', async () => {
    const failures: string[] = [];
    let sent = 0;
    const send = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
      sent += 1;
      const res = await fetch(`${app.base}${path}`, { method, headers, body, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status >= 500)
        failures.push(`${method} ${path} ${JSON.stringify(headers).slice(0, 60)} ${body?.slice(0, 80) ?? ''} → ${res.status}`);
    };
    for (const route of app.routes) {
      const path = samplePath(route);
      const method = route.method;
      const hasBody = method !== 'GET' && method !== 'DELETE';
      for (const auth of Object.values(credentials)) {
        await send(method, `${path}%00`, auth);
        await send(method, path.replace(/\/1(?=\/|\.|$)/, '/%001'), auth);
        for (const text of HOSTILE_TEXT) {
          const q = encodeURIComponent(text);
          await send(method, `${path}?alert=${q}&feed=${q}&outcome=${q}&next=${q}&${q}=1`, auth, hasBody ? '{}' : undefined);
        }
        for (const date of HOSTILE_DATES)
          await send(method, `${path}?since=${encodeURIComponent(date)}&lat=${encodeURIComponent(date)}`, auth);
        if (!hasBody) continue;
        for (const text of [...HOSTILE_TEXT, ...HOSTILE_DATES]) {
          const fields = Object.fromEntries(JSON_FIELDS.map((k) => [k, text]));
          await send(
            method,
            path,
            { ...auth, 'content-type': 'application/json' },
            JSON.stringify({
              ...fields,
              location: { lat: 3.553, lon: 98.873 },
              members: 2,
              consent: true,
              keys: { p256dh: text, auth: text },
            }),
          );
          await send(method, path, { ...auth, 'content-type': 'application/json' }, JSON.stringify({ [text]: 1 }));
          const form = new URLSearchParams([
            ...JSON_FIELDS.map((k) => [k, text] as [string, string]),
            ['username', text],
            ['password', text],
            ['lat', '3.553'],
            ['lon', '98.873'],
            ['members', '2'],
            ['consent', 'on'],
          ]);
          await send(
            method,
            path,
            { ...auth, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
            form.toString(),
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(5000);
    expect(app.logs.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  }, 600_000);
});
