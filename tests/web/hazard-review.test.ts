// The liaison reviews raster hazard candidates in the browser: the waiting list, one candidate on a
// map with the villages and households it would reach, four-eyes approval by two signed-in
// accounts (the same account twice is refused, with the reason on the page), the issued warning,
// and a rejection with its reason.
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { draft, boxHazard, testProduct } from '../hazards/hazard-test-kit.ts';
import { DELI_SERDANG, testClock } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { browserMissing, launchBrowser, screenshots, settled, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

describe.skipIf(browserMissing())(`hazard candidate review (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const secrets = new Map<string, string>();
  let approveId = 0;
  let rejectId = 0;

  beforeAll(async () => {
    app = await startWebApp({ approvalsRequired: 2 });
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-web-hazard-'));
    const csv = path.join(dir, 'hh.csv');
    expect(
      (await runSiaga(['generate', 'households', '--villages', DELI_SERDANG, '--count', '2000', '--seed', 'web-hazard', '--out', csv]))
        .code,
    ).toBe(0);
    expect((await runSiaga(['import', 'households', csv], app.t.db)).code).toBe(0);
    for (const name of ['rina.bmkg', 'andi.bmkg']) {
      const added = await runSiaga(['users', 'add', name, '--role', 'liaison'], app.t.db);
      secrets.set(name, /secret \(shown once[^)]*\): (\S+)/.exec(added.stdout)?.[1] ?? '');
    }
    const clock = testClock(new Date().toISOString());
    approveId = await draft(
      app.t.db,
      clock,
      testProduct('imerg-web'),
      boxHazard([{ box: [98.85, 3.53, 98.9, 3.58] }]),
      'siaga:raster-job',
      10,
    );
    rejectId = await draft(
      app.t.db,
      clock,
      testProduct('imerg-web'),
      boxHazard([{ box: [98.7, 3.5, 98.75, 3.55] }]),
      'siaga:raster-job',
      40,
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signIn(name: string) {
    await page.goto(`${app.base}/signin?next=/liaison/hazards`);
    await page.getByLabel('Nama pengguna').fill(name);
    await page.getByLabel('Kata sandi atau token').fill(secrets.get(name) ?? '');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${app.base}/liaison/hazards`);
  }
  const stateOf = async (id: number) =>
    (
      await app.t.db.query<{ state: string; alert_id: number | null; rejection_reason: string | null }>(
        `SELECT state, alert_id::int, rejection_reason FROM hazard_candidates WHERE id = $1`,
        [id],
      )
    ).rows[0];

  it('lists the waiting candidates and shows one on a map with what it would reach', async () => {
    await signIn('rina.bmkg');
    expect(await page.locator('#candidates tbody tr').count()).toBe(2);
    await screenshots(page, 'liaison-hazards');
    await page.getByRole('link', { name: `#${approveId} imerg-web` }).click();
    await page.waitForURL(`${app.base}/liaison/hazards/${approveId}`);
    await expect.poll(() => page.locator('#map canvas').count()).toBeGreaterThan(0);
    const villages = (
      await app.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hazard_candidate_villages WHERE candidate_id = $1`, [approveId])
    ).rows[0]?.n;
    expect(villages).toBeGreaterThan(0);
    expect(await page.locator('#candidate-villages tbody tr').count()).toBe(villages);
    await settled(page);
    await screenshots(page, 'liaison-hazard');
  });

  it('needs two different accounts to approve, then issues the warning', async () => {
    await page.getByRole('button', { name: 'Setujui dan keluarkan peringatan' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Menunggu persetujuan kedua (empat mata).');
    expect((await stateOf(approveId))?.state).toBe('pending');
    await page.getByRole('button', { name: 'Setujui dan keluarkan peringatan' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/^Tidak dapat dilakukan: .*rina\.bmkg/);
    expect((await stateOf(approveId))?.state).toBe('pending');

    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await signIn('andi.bmkg');
    await page.goto(`${app.base}/liaison/hazards/${approveId}`);
    await page.getByRole('button', { name: 'Setujui dan keluarkan peringatan' }).click();
    await page.waitForURL(`${app.base}/liaison/hazards/${approveId}`);
    expect(await page.locator('#candidate-state').textContent()).toBe('disetujui');
    const approved = await stateOf(approveId);
    expect(approved?.alert_id).toBeGreaterThan(0);
    const { rows } = await app.t.db.query<{ deliverable: boolean; households_inside: number }>(
      `SELECT deliverable, households_inside FROM alerts WHERE id = $1`,
      [approved?.alert_id],
    );
    expect(rows[0]?.deliverable).toBe(true);
    expect(rows[0]?.households_inside).toBeGreaterThan(0);
    await screenshots(page, 'liaison-hazard-approved');
  });

  it('rejects a candidate with the reason', async () => {
    await page.goto(`${app.base}/liaison/hazards/${rejectId}`);
    await page.getByLabel('Alasan penolakan').fill('tepi awan, bukan hujan');
    await page.getByRole('button', { name: 'Tolak' }).click();
    await page.waitForURL(`${app.base}/liaison/hazards/${rejectId}`);
    expect(await stateOf(rejectId)).toMatchObject({ state: 'rejected', alert_id: null, rejection_reason: 'tepi awan, bukan hujan' });
    expect(await page.locator('.facts').textContent()).toContain('Ditolak oleh andi.bmkg: tepi awan, bukan hujan');
    await page.goto(`${app.base}/liaison/hazards`);
    expect(await page.locator('#candidates tbody tr').count()).toBe(0);
  });
});
