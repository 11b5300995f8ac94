// Errors a person meets in a browser are pages in their language (an unknown address, a method a
// page does not take, a failure of the server), while programs keep getting JSON: the API, data
// addresses and any client that asks for JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest } from '../support/test-db.ts';
import { axeViolations } from './support/axe.ts';
import { browserMissing, launchBrowser, screenshots, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

describe.skipIf(browserMissing())(`error pages for browsers (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    // A page whose handler fails, as any page could on a database outage.
    app = await startWebApp({
      extraRoutes: () => [
        {
          method: 'GET',
          path: /^\/broken$/,
          handler: async () => {
            throw new Error('database went away');
          },
        },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('answers an unknown address with a page in Indonesian at phone width, accessible, with the way home', async () => {
    const page = await browser.context.newPage();
    const res = await page.goto(`${app.base}/tidak-ada`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.locator('h1').textContent()).toBe('Halaman tidak ditemukan');
    expect(await page.locator('main').innerText()).toContain('Kode kesalahan: 404');
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'not-found');
    await page.getByRole('link', { name: 'Kembali ke beranda' }).click();
    await page.waitForURL(`${app.base}/`);

    await page.goto(`${app.base}/tidak-ada?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.close();
  });

  it('answers a method the page does not take and a failure of the server with pages too, never the reason of a failure', async () => {
    const page = await browser.context.newPage();
    const wrongMethod = await page.goto(`${app.base}/signout`);
    expect(wrongMethod?.status()).toBe(405);
    expect(await page.locator('h1').textContent()).toBe('Cara membuka halaman ini tidak didukung');

    const failed = await page.goto(`${app.base}/broken`);
    expect(failed?.status()).toBe(500);
    expect(await page.locator('h1').textContent()).toBe('Terjadi kesalahan di Siaga');
    const text = await page.locator('main').innerText();
    expect(text).toContain('hubungi 112');
    expect(text).not.toContain('database went away');
    expect(text).not.toContain('internal error');
    await screenshots(page, 'server-error');
    await page.close();
  });

  it('keeps JSON for the API, for data addresses and for clients that ask for JSON', async () => {
    const api = await fetch(`${app.base}/api/tidak-ada`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'no route GET /api/tidak-ada' });

    const asked = await fetch(`${app.base}/tidak-ada`, { headers: { accept: 'application/json' } });
    expect(asked.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await asked.json()).toEqual({ error: 'no route GET /tidak-ada' });

    const data = await fetch(`${app.base}/team/tidak-ada.geojson`);
    expect(data.headers.get('content-type')).toBe('application/json; charset=utf-8');

    // A client that takes anything (curl) is most often a person: it reads the page.
    const any = await fetch(`${app.base}/tidak-ada`, { headers: { accept: '*/*' } });
    expect(any.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await any.text()).toContain('<h1 id="error-h">Halaman tidak ditemukan</h1>');
  });
});
