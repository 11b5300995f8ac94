// Warnings in force listed so a person can tell them apart: two active "Hujan Lebat dan Petir" on
// the front page differ by place (kecamatan and kabupaten of the villages they reach), each with
// its level as a colour and a word and until when it is valid; "Wilayah Anda" marks the one over
// the household's own village once its private page was opened on this phone. Indonesian, 390 px.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxRing } from '../support/cap-builder.ts';
import { DELI_SERDANG } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { axeViolations } from './support/axe.ts';
import { browserMissing, eventually, launchBrowser, screenshots, settled, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

const UNTIL = '2099-01-01T00:00:00+07:00';

/** Kecamatan outlines as a registry holds them: one feature per district of the village file (its first village's shape stands in). */
async function importDistricts(app: WebApp): Promise<void> {
  const villages = JSON.parse(await readFile(DELI_SERDANG, 'utf8')) as {
    features: { properties: { district_code: string; district: string }; geometry: unknown }[];
  };
  const districts = new Map<string, { type: 'Feature'; properties: { code: string; name: string }; geometry: unknown }>();
  for (const f of villages.features) {
    if (!districts.has(f.properties.district_code))
      districts.set(f.properties.district_code, {
        type: 'Feature',
        properties: { code: f.properties.district_code, name: f.properties.district },
        geometry: f.geometry,
      });
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'siaga-districts-'));
  try {
    const file = path.join(dir, 'districts.geojson');
    await writeFile(file, JSON.stringify({ type: 'FeatureCollection', features: [...districts.values()] }));
    const r = await runSiaga(['import', 'areas', file, '--level', 'district'], app.t.db);
    if (r.code !== 0) throw new Error(r.stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.skipIf(browserMissing())(`warnings told apart (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;
  let nearRiver = 0;
  let hills = 0;

  beforeAll(async () => {
    app = await startWebApp();
    await importDistricts(app);
    const info = (desc: string, box: [number, number, number, number], severity: string) => ({
      language: 'id' as const,
      severity,
      expires: UNTIL,
      areas: [{ desc, polygons: [boxRing(...box)] }],
    });
    nearRiver = await app.ingest({
      identifier: 'APART-1',
      sent: '2026-11-29T08:00:00+07:00',
      infos: [info('Deli Serdang', [98.85, 3.53, 98.9, 3.58], 'Severe')],
    });
    hills = await app.ingest({
      identifier: 'APART-2',
      sent: '2026-11-29T08:05:00+07:00',
      infos: [info('Deli Serdang', [98.69, 3.05, 98.71, 3.07], 'Moderate')],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('tells two active warnings of the same event apart by place, level and validity on the front page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/`);
    const item = (id: number) => page.locator(`.alerts li[data-alert="${id}"]`);
    expect(await page.locator('.alerts li').count()).toBe(2);
    for (const id of [nearRiver, hills]) expect(await item(id).locator('.alert-title a').textContent()).toBe('Hujan Lebat dan Petir');

    const place = async (id: number) => ((await item(id).locator('.place').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const riverPlace = await place(nearRiver);
    const hillsPlace = await place(hills);
    expect(riverPlace).not.toBe(hillsPlace);
    // Read out with its label; kecamatan first, then the kabupaten.
    expect(riverPlace).toMatch(/^Wilayah: Kec\. [^·]+ · Kabupaten Deli Serdang$/);
    expect(hillsPlace).toContain('Kec. Gunung Meriah');
    expect(hillsPlace).toContain('Kabupaten Deli Serdang');

    expect(await item(nearRiver).locator('.badge.level').textContent()).toBe('Tingkat: Berbahaya');
    expect(await item(hills).locator('.badge.level').textContent()).toBe('Tingkat: Sedang');
    // The level is a colour too: the two badges and the items' edges differ.
    const colour = (id: number) =>
      item(id)
        .locator('.badge.level')
        .evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor,
        );
    expect(await colour(nearRiver)).not.toBe(await colour(hills));
    expect((await item(hills).locator('.meta').innerText()).replace(/\s+/g, ' ')).toContain('Berlaku sampai 1 Jan 2099, 00.00 WIB');
    // No household known on this phone yet: no "your area".
    await settled(page);
    expect(await page.locator('.badge.yours:visible').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('marks "Wilayah Anda" on the warning over the household village once its private page was opened here', async () => {
    const res = await fetch(`${app.base}/api/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: { lat: 3.06, lon: 98.7 }, members: 2, consent: true }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/me#${token}`);
    await eventually(async () => ((await page.locator('#me').isVisible()) ? true : undefined), 'the private page');

    await page.goto(`${app.base}/`);
    await settled(page);
    expect(await page.locator(`.alerts li[data-alert="${hills}"] .badge.yours`).isVisible()).toBe(true);
    expect(await page.locator(`.alerts li[data-alert="${hills}"] .badge.yours`).textContent()).toBe('Wilayah Anda');
    expect(await page.locator(`.alerts li[data-alert="${nearRiver}"] .badge.yours`).isVisible()).toBe(false);
    await screenshots(page, 'home-warnings');

    await page.goto(`${app.base}/alerts`);
    await settled(page);
    expect(await page.locator(`.alerts li[data-alert="${hills}"] .badge.yours`).isVisible()).toBe(true);
    await page.close();
  });
});
