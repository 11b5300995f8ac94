// Registering a household with JavaScript disabled (a cheap phone, a data saver): the form posts to
// /register, the server checks it exactly as the residents' API does and answers the private link
// once; a refused form comes back filled in with what was wrong; a post from another site is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest } from '../support/test-db.ts';
import { browserMissing, launchBrowser, screenshots, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

describe.skipIf(browserMissing())(`registration without JavaScript (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('registers from typed coordinates and shows the private link once; the token opens the household', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/register`);
    expect(await page.locator('noscript').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Gunakan lokasi saya' }).isVisible()).toBe(false);
    // A refusal first: no consent, and a point outside every village Siaga covers.
    await page.getByLabel('Lintang (latitude)').fill('3,553');
    await page.getByLabel('Bujur (longitude)').fill('98.873');
    await page.getByLabel('Jumlah penghuni').fill('4');
    await page.getByLabel('Lansia').fill('1');
    await page.getByLabel(/^Nomor ponsel/).fill('0812 3456 7890');
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    expect(await page.locator('#consent-error').textContent()).toBe(
      'Centang persetujuan: tanpa itu Siaga tidak boleh menyimpan data rumah dan mengirim peringatan.',
    );
    expect(await page.locator('#consent').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#consent').getAttribute('aria-describedby')).toBe('consent-text consent-error');
    // Filled in again as entered.
    expect(await page.getByLabel('Lansia').inputValue()).toBe('1');
    expect(await page.getByLabel(/^Nomor ponsel/).inputValue()).toBe('0812 3456 7890');

    await page.getByLabel(/Saya setuju/).check();
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('Rumah Anda terdaftar');
    const link = await page.locator('#manage-link').inputValue();
    expect(link).toMatch(/^http:\/\/siaga\.test\/me#[A-Za-z0-9_-]{43}$/);
    await screenshots(page, 'register-nojs-done');

    const token = link.split('#')[1] ?? '';
    const me = await fetch(`${app.base}/api/households/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const view = (await me.json()) as { members: number; phone: string; village: { code: string } };
    expect(view).toMatchObject({ members: 4, phone: '+6281234567890' });
    expect(view.village.code).toMatch(/^12\.07\./);
  });

  it('registers one person who is elderly and ill as one vulnerable person; an unreadable phone is asked again; contradicting numbers are raised and the page says so', async () => {
    const page = await browser.context.newPage();
    const fill = async (people: string, phone: string) => {
      await page.getByLabel('Lintang (latitude)').fill('3.553');
      await page.getByLabel('Bujur (longitude)').fill('98.873');
      await page.getByLabel('Jumlah penghuni').fill('1');
      await page.getByLabel('Berapa orang yang perlu dibantu saat mengungsi?').fill(people);
      await page.getByLabel('Lansia').fill('1');
      await page.getByLabel('Sakit').fill('1');
      await page.getByLabel(/^Nomor ponsel/).fill(phone);
      await page.getByLabel(/Saya setuju/).check();
      await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    };
    await page.goto(`${app.base}/register`);
    await fill('1', '12345');
    expect(await page.locator('#phone-error').textContent()).toMatch(/^Nomor ponsel ini tidak dapat dibaca\. .*atau kosongkan/);
    expect(await page.locator('#phone').getAttribute('aria-describedby')).toBe('phone-hint phone-error');
    expect(await page.getByLabel('Berapa orang yang perlu dibantu saat mengungsi?').inputValue()).toBe('1');
    await page.getByLabel(/^Nomor ponsel/).fill('');
    await page.getByLabel(/Saya setuju/).check();
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('Rumah Anda terdaftar');
    expect(await page.locator('#registered-adjusted').count()).toBe(0);
    const token = (await page.locator('#manage-link').inputValue()).split('#')[1] ?? '';
    const view = await (await fetch(`${app.base}/api/households/me`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(view).toMatchObject({ members: 1, vulnerable_people: 1, vulnerable: { elderly: 1, ill: 1 }, phone: null });

    // The number of people left empty: each need is its own person, so 2 people in a household of 1.
    await page.goto(`${app.base}/register`);
    await fill('', '');
    expect(await page.locator('h1').textContent()).toBe('Rumah Anda terdaftar');
    expect(await page.locator('#registered-adjusted').textContent()).toBe('Jumlah penghuni dicatat 2, bukan 1: 2 orang perlu dibantu.');
    await screenshots(page, 'register-nojs-adjusted');
  });

  it('answers a point outside every covered village with the form again, and refuses a post from another site', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/register`);
    await page.getByLabel('Lintang (latitude)').fill('-6.2');
    await page.getByLabel('Bujur (longitude)').fill('106.8');
    await page.getByLabel(/Saya setuju/).check();
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    expect(await page.locator('#location-error').textContent()).toBe(
      'Titik ini (-6.2, 106.8) tidak berada di desa yang dilayani Siaga. Pilih letak rumah di dalam wilayah yang dilayani.',
    );
    expect(await page.locator('#lat').getAttribute('aria-invalid')).toBe('true');

    const before = (await app.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM households`)).rows[0]?.n;
    const foreign = await fetch(`${app.base}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'lat=3.553&lon=98.873&members=2&consent=on',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('lang="id"');
    expect((await app.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM households`)).rows[0]?.n).toBe(before);
  });
});
