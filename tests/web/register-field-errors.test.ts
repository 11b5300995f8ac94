// A registration's problems answered next to their fields, in Indonesian, with aria-invalid and
// aria-describedby, with scripts (the API's per-field errors shown by register.js) and without
// (the server's form); a summary above the form leads to each field. At phone width, axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest } from '../support/test-db.ts';
import { axeViolations } from './support/axe.ts';
import { browserMissing, launchBrowser, screenshots, settled, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

const MEMBERS_MESSAGE = 'Jumlah penghuni paling sedikit 1 orang.';

describe.skipIf(browserMissing())(`registration field errors (${engineUnderTest})`, () => {
  let app: WebApp;

  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`answers zero members next to the members field, in Indonesian (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async () => {
      const browser: Browser = await launchBrowser({ javaScriptEnabled });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${app.base}/register`);
        if (javaScriptEnabled) await settled(page);
        await page.getByLabel('Lintang (latitude)').fill('3.553');
        await page.getByLabel('Bujur (longitude)').fill('98.873');
        await page.getByLabel('Jumlah penghuni').fill('0');
        await page.getByLabel(/^Nomor ponsel/).fill('12345');
        await page.getByLabel(/Saya setuju/).check();
        await page.getByRole('button', { name: 'Daftar', exact: true }).click();

        const members = page.locator('#members');
        await expect.poll(() => members.getAttribute('aria-invalid')).toBe('true');
        expect(await members.getAttribute('aria-describedby')).toBe('members-error');
        expect(await page.locator('#members-error').textContent()).toBe(MEMBERS_MESSAGE);
        // The message stands next to the field: in the same paragraph, right after it.
        expect(await page.locator('#members + .field-error').textContent()).toBe(MEMBERS_MESSAGE);
        expect(await page.locator('#phone').getAttribute('aria-describedby')).toBe('phone-hint phone-error');
        expect(await page.locator('#phone-error').textContent()).toMatch(/^Nomor ponsel ini tidak dapat dibaca\./);
        // Fields without a problem are not marked.
        expect(await page.locator('#lat').getAttribute('aria-invalid')).toBeNull();
        expect(await page.locator('#consent').getAttribute('aria-invalid')).toBeNull();
        const summary = (await page.locator('#register-error').innerText()).replace(/\s+/g, ' ');
        expect(summary).toContain('Periksa isian yang ditandai.');
        expect(summary).toContain(MEMBERS_MESSAGE);
        expect(summary).not.toMatch(/Too small|members:|expected/);
        expect(await page.locator('#register-error a').first().getAttribute('href')).toBe('#members');
        // axe runs as a script in the page, which a page with scripts off cannot run.
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
        await screenshots(page, `register-errors-${javaScriptEnabled ? 'js' : 'nojs'}`);

        // Corrected, the marks go and the household is registered.
        await page.getByLabel('Jumlah penghuni').fill('2');
        await page.getByLabel(/^Nomor ponsel/).fill('');
        await page.getByRole('button', { name: 'Daftar', exact: true }).click();
        await expect.poll(() => page.locator('#registered-village').textContent()).not.toBe('');
      } finally {
        await browser.close();
      }
    });
  }

  it('answers the API with each field, its catalogue key and English text, beside the summary it always had', async () => {
    const res = await fetch(`${app.base}/api/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: { lat: 3.553, lon: 98.873 }, members: 0 }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: { field: string; code: string; message: string }[] };
    expect(body.error).toMatch(/^members: /);
    expect(body.errors).toEqual([
      { field: 'members', code: 'register.members.tooFew', params: {}, message: 'At least 1 person must live in the house.' },
      {
        field: 'consent',
        code: 'register.consent.missing',
        params: {},
        message: 'Tick the consent: without it Siaga may not store the household or send warnings.',
      },
    ]);
  });
});
