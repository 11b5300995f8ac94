// The BMKG liaison in a real browser: an account made with `siaga users add`, sign-in (session
// cookie Secure, HttpOnly, SameSite=Strict), feed health going from ok to late on its own, the
// ingestion log filtered to what failed, the raw payload and validation problems of a rejected
// item, and an alert with its lineage and targeting counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { insertCapSender, logCapIntake } from '../../src/db/cap-senders.ts';
import { insertFetch, keepPayload, type FetchLogEntry } from '../../src/db/feed-log.ts';
import type { FeedJob } from '../../src/feeds/feed-job.ts';
import { recordFeedSchedules } from '../../src/db/feed-schedules.ts';
import { feedsHealth } from '../../src/feeds/feeds-health.ts';
import { boxRing, TEST_SENDER } from '../support/cap-builder.ts';
import { runSiaga } from '../support/run-cli.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { browserMissing, launchBrowser, PHONE, screenshots, type Browser } from './support/browser.ts';
import { englishOnPage, sidewaysScroll } from './support/staff-pages.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

// Late after two cadences without a success (src/feeds/feed-status.ts): 2 × 3 s.
const CADENCE_MS = 3000;
const FEED: FeedJob = {
  name: 'bmkg-nowcast',
  description: 'nowcast (test)',
  schedule: '*/3 * * * * *',
  cadenceMs: CADENCE_MS,
  urls: ['http://127.0.0.1:9/rss.xml'],
  run: async () => {
    throw new Error('not run in this test');
  },
};

// A daily forecast whose scheduler has just started: hours before its first run.
const DAILY: FeedJob = { ...FEED, name: 'bmkg-forecast', description: 'forecast (test)', schedule: '0 5 * * *', cadenceMs: 24 * 3600_000 };

function entry(over: Partial<FetchLogEntry>): FetchLogEntry {
  return {
    feed: FEED.name,
    url: 'http://127.0.0.1:9/rss.xml',
    slot: 'manual',
    backfill: false,
    startedAt: new Date(),
    durationMs: 120,
    attempts: 1,
    httpStatus: 200,
    bytes: 2048,
    etag: null,
    lastModified: null,
    outcome: 'new',
    itemsSeen: 3,
    itemsNew: 2,
    itemsUpdated: 0,
    itemsInvalid: 0,
    errorClass: null,
    errorMessage: null,
    ...over,
  };
}

describe.skipIf(browserMissing())(`liaison pages (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let secret = '';

  beforeAll(async () => {
    app = await startWebApp({ feeds: [FEED, DAILY] });
    await recordFeedSchedules(app.t.db, [{ feed: DAILY.name, schedule: DAILY.schedule }], new Date(Date.now() - 5 * 60_000));
    const added = await runSiaga(['users', 'add', 'rina.bmkg', '--role', 'liaison'], app.t.db);
    expect(added.code).toBe(0);
    secret = /secret \(shown once[^)]*\): (\S+)/.exec(added.stdout)?.[1] ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{27}$/);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('stores only a scrypt hash and refuses wrong secrets and bad usage', async () => {
    const { rows } = await app.t.db.query<{ secret_scrypt: string }>(`SELECT secret_scrypt FROM web_users WHERE username = 'rina.bmkg'`);
    expect(rows[0]?.secret_scrypt).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(rows[0]?.secret_scrypt).not.toContain(secret);
    const dup = await runSiaga(['users', 'add', 'rina.bmkg', '--role', 'liaison'], app.t.db);
    expect([dup.code, dup.stderr]).toEqual([1, 'error: user "rina.bmkg" already exists\n']);
    const noTeam = await runSiaga(['users', 'add', 'budi', '--role', 'team'], app.t.db);
    expect([noTeam.code, noTeam.stderr]).toEqual([2, 'error: --team CODE is required for a team account\n']);
    const unknownTeam = await runSiaga(['users', 'add', 'budi', '--role', 'team', '--team', 'tagana-99'], app.t.db);
    expect(unknownTeam.stderr).toContain('no Tagana team "tagana-99"');

    await page.goto(`${app.base}/liaison`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.getByLabel('Nama pengguna').fill('rina.bmkg');
    await page.getByLabel('Kata sandi atau token').fill(`${secret}x`);
    await page.getByRole('button', { name: 'Masuk' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Nama pengguna atau kata sandi salah.');
    await screenshots(page, 'signin-failed');
  });

  it('signs in and sees a feed go from ok to late without reloading', async () => {
    await page.clock.install();
    await page.getByLabel('Kata sandi atau token').fill(secret);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${app.base}/liaison`);
    const cookie = (await browser.context.cookies(app.base)).find((c) => c.name === 'siaga_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

    await insertFetch(app.t.db, entry({}));
    await page.reload();
    const badge = page.locator('tr[data-feed="bmkg-nowcast"] [data-status]');
    expect(await badge.getAttribute('data-status')).toBe('ok');
    expect(await badge.textContent()).toBe('baik');
    await screenshots(page, 'liaison-health-ok');

    // Real time passes on the server until, by the server's own reckoning (its clock is this
    // process's), the feed is late; then the page's refresh timer is moved on by the test clock.
    await expect
      .poll(async () => (await feedsHealth(app.t.db, [FEED], new Date()))[0]?.status, { timeout: 4 * CADENCE_MS, interval: 100 })
      .toBe('late');
    await page.clock.fastForward(31_000);
    await expect.poll(() => badge.getAttribute('data-status')).toBe('late');
    expect(await badge.textContent()).toBe('terlambat');
    await screenshots(page, 'liaison-health-late');
  });

  it('calls a feed that has not had its first scheduled run "waiting", not late, at phone width', async () => {
    await page.goto(`${app.base}/liaison`);
    const row = page.locator('tr[data-feed="bmkg-forecast"]');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('waiting');
    expect(await row.locator('[data-status]').textContent()).toBe('menunggu jalan pertama');
    expect(await row.innerText()).toMatch(/terlambat bila belum jalan pada \d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/);
    const [health] = await feedsHealth(app.t.db, [DAILY], new Date());
    expect(health).toMatchObject({ status: 'waiting', last_success_at: null });
  });

  it('filters the log to errors and shows the raw payload and problems of a rejected item', async () => {
    await insertFetch(
      app.t.db,
      entry({
        outcome: 'error',
        httpStatus: 503,
        itemsSeen: 0,
        itemsNew: 0,
        errorClass: 'FeedHttpError',
        errorMessage: 'HTTP 503 from BMKG',
      }),
    );
    const invalid = await insertFetch(app.t.db, entry({ outcome: 'changed', itemsSeen: 2, itemsNew: 1, itemsInvalid: 1 }));
    await keepPayload(app.t.db, invalid, {
      item: 'http://127.0.0.1:9/CBT20261129001_alert.xml',
      problems: [
        { path: 'alert.info[0].area[0].polygon[0]', message: 'ring is not closed: first point 3.5,98.7 differs from last 3.6,98.8' },
      ],
      contentType: 'application/xml',
      body: new TextEncoder().encode('<alert><identifier>CBT20261129001</identifier><polygon>3.5,98.7 3.6,98.8</polygon></alert>'),
      retentionDays: 30,
    });
    await page.goto(`${app.base}/liaison/log`);
    expect(await page.locator('#fetch-log tbody tr').count()).toBe(3);
    await page.getByLabel('Hasil').selectOption('error');
    await page.getByRole('button', { name: 'Saring' }).click();
    expect(new URL(page.url()).search).toBe('?feed=&outcome=error&since=');
    const rows = page.locator('#fetch-log tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('FeedHttpError: HTTP 503 from BMKG');
    await screenshots(page, 'liaison-log');

    await page.goto(`${app.base}/liaison/log?since=yesterday`);
    expect(await page.getByRole('alert').textContent()).toContain('since: "yesterday" is not an ISO date-time');

    await page.goto(`${app.base}/liaison/log`);
    await page.locator(`tr[data-fetch="${invalid}"] td:last-child a`).click();
    await page.waitForURL(`${app.base}/liaison/fetches/${invalid}`);
    expect(await page.locator('.problems').textContent()).toContain('ring is not closed');
    expect(await page.locator('pre').textContent()).toBe(
      '<alert><identifier>CBT20261129001</identifier><polygon>3.5,98.7 3.6,98.8</polygon></alert>',
    );
    await screenshots(page, 'liaison-payload');
  });

  it('shows alerts with their lineage and targeting counts', async () => {
    const area = boxRing(98.85, 3.53, 98.9, 3.58);
    const sent = '2026-11-29T08:00:00+07:00';
    const first = await app.ingest({
      identifier: 'LIAISON-1',
      sent,
      infos: [{ expires: '2099-01-01T00:00:00+07:00', areas: [{ polygons: [area] }] }],
    });
    const update = await app.ingest({
      identifier: 'LIAISON-2',
      sent: '2026-11-29T09:00:00+07:00',
      msgType: 'Update',
      references: [[TEST_SENDER, 'LIAISON-1', sent]],
      infos: [{ expires: '2099-01-01T00:00:00+07:00', areas: [{ polygons: [area] }] }],
    });
    await page.goto(`${app.base}/liaison/alerts`);
    expect(await page.locator(`tr[data-alert="${first}"] [data-state]`).getAttribute('data-state')).toBe('superseded');
    expect(await page.locator(`tr[data-alert="${update}"] [data-state]`).textContent()).toBe('berlaku');
    await screenshots(page, 'liaison-alerts');
    await page.getByRole('link', { name: 'LIAISON-2' }).click();
    await page.waitForURL(`${app.base}/liaison/alerts/${update}`);
    expect(await page.locator('#lineage li').count()).toBe(2);
    const villages = Number(
      (await app.t.db.query<{ n: number }>(`SELECT affected_villages AS n FROM alerts WHERE id = $1`, [update])).rows[0]?.n,
    );
    expect(villages).toBeGreaterThan(0);
    expect(await page.locator('#targeting tbody tr').count()).toBe(villages);
    await screenshots(page, 'liaison-alert');
  });

  it('at 390 px in Indonesian: no English word of old on the staff pages, and the log as labelled cards', async () => {
    await page.setViewportSize(PHONE);
    await insertFetch(app.t.db, entry({ backfill: true, outcome: 'unchanged' }));
    await insertCapSender(app.t.db, { name: 'bpbd-test', pattern: '*', tokenSha256: 'x'.repeat(64) }, new Date());
    await logCapIntake(app.t.db, {
      senderName: 'bpbd-test',
      receivedAt: new Date(),
      status: 422,
      outcome: 'invalid',
      capSender: 'bpbd@example.org',
      identifier: 'BPBD-1',
      alertId: null,
      bytes: 100,
      error: 'the CAP document is not valid',
    });
    const [alertId] = (await app.t.db.query<{ id: number }>(`SELECT id::int FROM alerts ORDER BY id DESC LIMIT 1`)).rows.map((r) => r.id);
    for (const path of [
      '/liaison',
      '/liaison/log',
      '/liaison/alerts',
      `/liaison/alerts/${alertId}`,
      '/liaison/coverage',
      '/liaison/hazards',
    ]) {
      await page.goto(`${app.base}${path}`);
      expect(await englishOnPage(page), `English words on ${path}`).toEqual([]);
      const wide = await sidewaysScroll(page);
      expect(wide.page.scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(wide.page.width);
    }
    // The nav names the log in Indonesian (it said only "Log").
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toContain('Log pengambilan');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Log', exact: true }).count()).toBe(0);
    await page.goto(`${app.base}/liaison/alerts/${alertId}`);
    expect(await page.locator('.facts [data-state]').textContent()).toBe('berlaku');

    await page.goto(`${app.base}/liaison/log`);
    const wide = await sidewaysScroll(page);
    expect(wide.tables.map((t) => t.id).sort()).toEqual(['cap-intake-log', 'fetch-log']);
    for (const t of wide.tables) expect(t.scroll, `table #${t.id} is wider than the screen`).toBeLessThanOrEqual(t.width);
    const outcome = page.locator('#fetch-log tbody tr').first().locator('td').nth(2);
    expect(await outcome.getAttribute('data-label')).toBe('Hasil');
    expect(
      await outcome.evaluate(
        (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el).display,
      ),
    ).toBe('block');
    expect(await page.locator('#fetch-log [data-outcome="unchanged"]').first().textContent()).toBe('sama');
    expect(await page.locator('#fetch-log tbody').textContent()).toContain('(isi ulang)');
    expect(await page.locator('#cap-intake-log [data-outcome="invalid"]').textContent()).toBe('CAP tidak sah');
    expect(await page.locator('#f-outcome option[value="error"]').textContent()).toBe('galat');
    await screenshots(page, 'liaison-log-phone');
  });

  it('signs out, and the session no longer opens the pages', async () => {
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.waitForURL(`${app.base}/signin`);
    const { rows } = await app.t.db.query(`SELECT 1 FROM web_sessions`);
    expect(rows).toEqual([]);
    await page.goto(`${app.base}/liaison`);
    expect(new URL(page.url()).pathname).toBe('/signin');
  });
});
