// Every page checked in Chromium with axe-core (WCAG 2.1 A/AA: labels, contrast, names, landmarks),
// keyboard use of the registration and alert forms, no Content-Security-Policy violation while the
// pages and their maps run, and the headers and asset serving the pages rely on.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFetch, keepPayload } from '../../src/db/feed-log.ts';
import type { FeedJob } from '../../src/feeds/feed-job.ts';
import { boxRing } from '../support/cap-builder.ts';
import { runSiaga } from '../support/run-cli.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { draft, boxHazard, testProduct } from '../hazards/hazard-test-kit.ts';
import { testClock } from '../support/delivery-harness.ts';
import { axeViolations } from './support/axe.ts';
import { browserMissing, launchBrowser, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

const FEED: FeedJob = {
  name: 'bmkg-quake',
  description: 'quakes (test)',
  schedule: '* * * * *',
  cadenceMs: 60_000,
  urls: ['http://127.0.0.1:9/autogempa.json'],
  run: async () => {
    throw new Error('not run');
  },
};

describe.skipIf(browserMissing())(`accessibility and security of the pages (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;
  let candidateId = 0;
  let alertId = 0;
  let fetchId = 0;
  let token = '';
  const cspViolations: string[] = [];

  beforeAll(async () => {
    app = await startWebApp({ feeds: [FEED] });
    candidateId = await draft(
      app.t.db,
      testClock(new Date().toISOString()),
      testProduct('imerg-a11y'),
      boxHazard([{ box: [98.85, 3.53, 98.9, 3.58] }]),
    );
    alertId = await app.ingest({
      identifier: 'A11Y-1',
      sent: '2026-11-29T08:00:00+07:00',
      infos: [
        {
          language: 'id',
          severity: 'Severe',
          expires: '2099-01-01T00:00:00+07:00',
          instruction: 'Jauhi sungai.',
          areas: [{ desc: 'Lubuk Pakam', polygons: [boxRing(98.85, 3.53, 98.9, 3.58)] }],
        },
      ],
    });
    fetchId = await insertFetch(app.t.db, {
      feed: FEED.name,
      url: FEED.urls[0] ?? '',
      slot: 'manual',
      backfill: false,
      startedAt: new Date(),
      durationMs: 80,
      attempts: 1,
      httpStatus: 200,
      bytes: 10,
      etag: null,
      lastModified: null,
      outcome: 'changed',
      itemsSeen: 1,
      itemsNew: 0,
      itemsUpdated: 0,
      itemsInvalid: 1,
      errorClass: null,
      errorMessage: null,
    });
    await keepPayload(app.t.db, fetchId, {
      item: 'autogempa',
      problems: [{ path: 'Infogempa.gempa.Coordinates', message: 'not "lat,lon"' }],
      contentType: 'application/json',
      body: new TextEncoder().encode('{"Infogempa":{}}'),
      retentionDays: 30,
    });
    const res = await fetch(`${app.base}/api/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: { lat: 3.553, lon: 98.873 }, members: 2, consent: true }),
    });
    token = ((await res.json()) as { token: string }).token;
    const added = await runSiaga(['users', 'add', 'a11y.liaison', '--role', 'liaison'], app.t.db);
    const secret = /secret \(shown once[^)]*\): (\S+)/.exec(added.stdout)?.[1] ?? '';
    browser = await launchBrowser({ origin: app.base });
    browser.context.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/signin`);
    await page.getByLabel('Nama pengguna').fill('a11y.liaison');
    await page.getByLabel('Kata sandi atau token').fill(secret);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${app.base}/liaison`);
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const pages = () => [
    '/',
    '/register',
    `/me#${token}`,
    '/alerts',
    `/alerts/${alertId}`,
    '/signin?lang=en',
    '/register?lang=en',
    '/liaison',
    '/liaison/log',
    `/liaison/fetches/${fetchId}`,
    '/liaison/alerts',
    `/liaison/alerts/${alertId}`,
    '/liaison/hazards',
    `/liaison/hazards/${candidateId}`,
    '/liaison/log?lang=en',
  ];

  it('has no axe violations on any page, and no CSP violation while scripts and maps run', async () => {
    const page = await browser.context.newPage();
    const found: Record<string, string[]> = {};
    for (const path of pages()) {
      await page.goto(`${app.base}${path}`);
      await page.waitForLoadState('networkidle');
      const v = await axeViolations(page);
      if (v.length) found[path] = v;
    }
    expect(found).toEqual({});
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('can be used with the keyboard alone: skip link, every registration field in order, the alert form', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/register`);
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className,
      ),
    ).toBe('skip');
    await page.keyboard.press('Enter');
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes('register-submit'); i += 1) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id),
      );
    }
    const fields = [
      'locate',
      'lat',
      'lon',
      'members',
      'v-elderly',
      'v-disabled',
      'v-infant',
      'v-pregnant',
      'v-ill',
      'language',
      'phone',
      'consent',
      'register-submit',
    ];
    expect(reached.filter((id) => fields.includes(id))).toEqual(fields);
    // The first Tab after the skip link lands in the main content, not back in the header.
    expect(reached[0]).not.toBe('');

    await page.goto(`${app.base}/alerts/${alertId}`);
    await page.getByLabel('Lintang (latitude)').focus();
    await page.keyboard.type('3.553');
    await page.keyboard.press('Tab');
    await page.keyboard.type('98.873');
    await page.keyboard.press('Enter');
    await page.waitForURL(/lat=3\.553/);
    expect(await page.locator('.inside-answer').textContent()).toContain('DI DALAM');
    await page.close();
  });

  it('sends strict security headers on pages and API answers, and no inline script or style', async () => {
    for (const path of ['/', `/alerts/${alertId}`, '/register', '/api/stats', '/assets/leaflet.js']) {
      const res = await fetch(`${app.base}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      if (res.headers.get('content-type')?.startsWith('text/html')) {
        const body = await res.text();
        expect(body.match(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)).toBeNull();
        expect(body).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
        expect(body).not.toMatch(/(src|href)="(https?:)?\/\//);
      }
    }
  });

  it('serves assets gzipped with an ETag, and only the listed files', async () => {
    const res = await fetch(`${app.base}/assets/leaflet.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag') ?? '';
    const again = await fetch(`${app.base}/assets/leaflet.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const zipped = await rawGet(`${app.base}/assets/leaflet.js`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    // Leaflet gzipped: what a cheap phone downloads for the map.
    expect(zipped.length).toBeLessThan(50_000);
    expect((await fetch(`${app.base}/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${app.base}/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${app.base}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('refuses a sign-in form posted from another site', async () => {
    const res = await rawPost(`${app.base}/signin`, 'username=a11y.liaison&password=whatever', {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
  });
});

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; length: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let length = 0;
        res.on('data', (c: Buffer) => (length += c.length));
        res.on('end', () => resolve({ headers: res.headers, length }));
      })
      .on('error', reject);
  });
}

function rawPost(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
