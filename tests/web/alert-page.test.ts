// The public page of a warning, read with JavaScript disabled (server-rendered: text in both
// languages, what to do, validity, the SMS verification code, "am I inside?" as a plain form, the
// history of updates), then with scripts (the map of the area), and the language switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationCode } from '../../src/delivery/sms/verification-code.ts';
import { boxRing, TEST_SENDER } from '../support/cap-builder.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { browserMissing, launchBrowser, screenshots, settled } from './support/browser.ts';
import { CODE_SECRET, startWebApp, type WebApp } from './support/web-app.ts';

const AREA = boxRing(98.85, 3.53, 98.9, 3.58);
const SENT = '2026-11-29T08:00:00+07:00';
const LATER = '2099-01-01T00:00:00+07:00';

describe.skipIf(browserMissing())(`public alert page (${engineUnderTest})`, () => {
  let app: WebApp;
  let first = 0;
  let update = 0;

  beforeAll(async () => {
    app = await startWebApp();
    const info = (language: 'id' | 'en', instruction: string, severity = 'Moderate') => ({
      language,
      severity,
      expires: LATER,
      instruction,
      areas: [{ desc: 'Kec. Lubuk Pakam', polygons: [AREA] }],
    });
    first = await app.ingest({
      identifier: 'WEB-ALERT-1',
      sent: SENT,
      infos: [info('id', 'Waspada genangan.'), info('en', 'Watch for flooding.')],
    });
    update = await app.ingest({
      identifier: 'WEB-ALERT-2',
      sent: '2026-11-29T09:00:00+07:00',
      msgType: 'Update',
      references: [[TEST_SENDER, 'WEB-ALERT-1', SENT]],
      infos: [info('id', 'Segera menjauh dari sungai.', 'Severe'), info('en', 'Move away from the river now.', 'Severe')],
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('works with JavaScript disabled: both languages, what to do, validity, code, history, am I inside', async () => {
    const browser = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${app.base}/alerts/${update}`);
      expect(await page.locator('h1').textContent()).toBe('Pembaruan: Hujan Lebat dan Petir');
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('Segera menjauh dari sungai.');
      expect(text).toContain('Move away from the river now.');
      expect(text).toContain('Berlaku sampai 1 Jan 2099');
      expect(await page.locator('#verification-code').textContent()).toBe(verificationCode(CODE_SECRET, 'WEB-ALERT-2'));
      expect(await page.locator('.history li').count()).toBe(2);
      expect(await page.locator('.history a').getAttribute('href')).toBe(`/alerts/${first}`);
      expect(await page.locator('#map').isVisible()).toBe(false);

      await page.getByLabel('Lintang (latitude)').fill('3.553');
      await page.getByLabel('Bujur (longitude)').fill('98.873');
      await page.getByRole('button', { name: 'Periksa' }).click();
      expect(await page.locator('.inside-answer').textContent()).toBe('Ya: lokasi ini berada DI DALAM wilayah peringatan.');
      await screenshots(page, 'alert-nojs');

      await page.getByLabel('Lintang (latitude)').fill('3.60');
      await page.getByLabel('Bujur (longitude)').fill('98.873');
      await page.getByRole('button', { name: 'Periksa' }).click();
      expect(await page.locator('.inside-answer').textContent()).toMatch(
        /^Tidak: lokasi ini di luar wilayah peringatan, sekitar 2[.,]\d km dari batasnya\.$/,
      );

      // The older message says it was updated and links onward.
      await page.goto(`${app.base}/alerts/${first}`);
      expect(await page.locator('.badge.state-superseded').first().textContent()).toBe('diperbarui');
    } finally {
      await browser.close();
    }
  });

  it('draws the area on a map when scripts run, and switches to English', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      // The village outlines come in after the map settles; the area is drawn over them.
      const villages = page.waitForResponse((r) => r.url().includes('/api/villages.geojson') && r.status() === 200);
      const area = page.waitForResponse((r) => r.url().endsWith(`/api/alerts/${update}/area.geojson`) && r.status() === 200);
      await page.goto(`${app.base}/alerts/${update}`);
      await Promise.all([villages, area]);
      await expect.poll(() => page.locator('#map canvas').count()).toBeGreaterThan(0);
      await settled(page);
      await screenshots(page, 'alert');

      await page.getByRole('link', { name: 'Switch to English' }).click();
      await page.waitForURL(`${app.base}/alerts/${update}`);
      expect(await page.locator('h1').textContent()).toBe('Update: Heavy Rain and Thunderstorm');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      // The resident's language first, the other one after it in full.
      const infos = await page.locator('section.info').evaluateAll((els) => els.map((e) => e.getAttribute('lang')));
      expect(infos).toEqual(['en', 'id']);
      await screenshots(page, 'alert-en');

      await page.goto(`${app.base}/`);
      expect(await page.locator('.alerts li').count()).toBe(1);
      expect(await page.locator('.alerts li a').textContent()).toBe('Heavy Rain and Thunderstorm');
      await screenshots(page, 'home-en');
      await page.getByRole('link', { name: 'Ganti ke Bahasa Indonesia' }).click();
      await page.goto(`${app.base}/alerts`);
      expect(await page.locator('h1').textContent()).toBe('Peringatan');
      await screenshots(page, 'alerts');
    } finally {
      await browser.close();
    }
  });

  it('answers 404 for a message that is not public', async () => {
    const res = await fetch(`${app.base}/alerts/999999`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});
