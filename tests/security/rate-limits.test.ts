// Floods: 1,000 wrong-token requests to each API family end in 429 with Retry-After (the limit is
// counted before the token is checked), each family has its own budget, and the public map's
// village outlines are computed once and revalidated by a strong ETag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest } from '../support/test-db.ts';
import { startFullServer, type FullServer } from './full-server.ts';

const LIMIT = 50;
export const FLOOD = 1000;
const WRONG = { authorization: 'Bearer wrong-token-wrong-token-wrong' };
const FAMILIES: [string, string, string, Record<string, string>, string?][] = [
  ['residents', 'GET', '/api/households/me', WRONG],
  ['team', 'GET', '/api/team/tasks', WRONG],
  ['liaison', 'GET', '/api/feeds', WRONG],
  ['geojson', 'GET', '/api/villages.geojson?bbox=98.8,3.5,98.9,3.6', {}],
  [
    'signin',
    'POST',
    '/signin',
    { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    'username=nobody&password=wrong',
  ],
];

describe(`rate limits and the cached public map (${engineUnderTest})`, () => {
  let app: FullServer;
  beforeAll(async () => {
    app = await startFullServer({ rateLimits: { residents: LIMIT, signin: LIMIT, team: LIMIT, liaison: LIMIT, geojson: LIMIT } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 429 with Retry-After to a flood of every API family, each counted alone', async () => {
    for (const [family, method, path, headers, body] of FAMILIES) {
      const statuses = new Map<number, number>();
      let retryAfter: string | null = null;
      // Sign-in costs a scrypt each; fewer suffice to pass its limit.
      const n = family === 'signin' ? LIMIT + 20 : FLOOD;
      for (let i = 0; i < n; i += 50) {
        const answers = await Promise.all(
          Array.from({ length: Math.min(50, n - i) }, () => fetch(`${app.base}${path}`, { method, headers, body, redirect: 'manual' })),
        );
        for (const res of answers) {
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 429) retryAfter = res.headers.get('retry-after');
        }
      }
      expect(statuses.get(429), `${family}: ${JSON.stringify([...statuses])}`).toBe(n - LIMIT);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    }
    expect(app.logs.filter((l) => l.level >= 50)).toEqual([]);
  }, 300_000);
});

describe(`the public map's village outlines (${engineUnderTest})`, () => {
  let app: FullServer;
  beforeAll(async () => {
    app = await startFullServer();
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('carries a strong ETag and Cache-Control, answers 304 to If-None-Match, and is computed once per data version', async () => {
    const url = `${app.base}/api/villages.geojson?bbox=98.8,3.5,98.9,3.6`;
    const first = await fetch(url);
    const body = (await first.json()) as { features: unknown[] };
    expect(first.status).toBe(200);
    expect(body.features.length).toBeGreaterThan(0);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(url, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);

    // Once per version: with the villages' query made to fail, the cached box is still served.
    await app.t.db.query(`ALTER TABLE admin_areas RENAME COLUMN geom TO geom_away`);
    try {
      const cached = await fetch(url);
      expect(cached.status).toBe(200);
      expect(cached.headers.get('etag')).toBe(etag);
    } finally {
      await app.t.db.query(`ALTER TABLE admin_areas RENAME COLUMN geom_away TO geom`);
    }
  });
});
