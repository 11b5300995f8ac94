// The map that places a house orients without the internet: typed coordinates bring the pin into
// view (at 3.35, 98.56 it starts off-screen), village names are written up close, land Siaga
// covers is told from the outside, "Gunakan lokasi saya" fills the coordinates (or says clearly
// why it cannot), and the private page moves the house as a new version of the household.
// At phone (390 px) and desktop (1280 px) width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { engineUnderTest } from '../support/test-db.ts';
import { browserMissing, DESKTOP, launchBrowser, PHONE, screenshots, settled } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

// In Tambunen (Deli Serdang), about 14 km from where the map opens: off-screen at zoom 12.
const FAR = { latitude: 3.35, longitude: 98.56, village: 'Tambunen' };
// Lubuk Pakam, where the residents' API tests register.
const HOME = { latitude: 3.553, longitude: 98.873 };

describe.skipIf(browserMissing())(`registration map (${engineUnderTest})`, () => {
  let app: WebApp;

  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  for (const size of [PHONE, DESKTOP]) {
    it(`follows typed coordinates and names the village at close zoom (${size.width} px)`, async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize(size);
        await page.goto(`${app.base}/register`);
        await settled(page);
        // The map opens at the middle of the sample: the covered land, no "outside" note.
        expect(await page.locator('#map .map-outside').isHidden()).toBe(true);
        expect(await page.locator('#map .map-legend').innerText()).toMatch(/Wilayah Siaga\s+Di luar wilayah Siaga/);

        await page.getByLabel('Lintang (latitude)').fill(String(FAR.latitude));
        await page.getByLabel('Bujur (longitude)').fill(String(FAR.longitude));
        await page.getByLabel('Bujur (longitude)').press('Tab');
        await settled(page);
        await expect.poll(() => page.locator('#village-name').textContent()).toBe(FAR.village);
        await expectInView(page, page.locator('#map .map-pin'));

        const label = page.locator('#map .map-label-village', { hasText: FAR.village });
        await expect.poll(() => label.count()).toBe(1);
        expect(await label.isVisible()).toBe(true);
        await expectInView(page, label);
        await screenshots(page, `register-map-typed-${size.width}`);

        // Far out of the sample: said to be outside, and the pin still followed.
        await page.getByLabel('Lintang (latitude)').fill('-6.2');
        await page.getByLabel('Bujur (longitude)').fill('106.8');
        await page.getByLabel('Bujur (longitude)').press('Tab');
        await settled(page);
        await expect.poll(() => page.locator('#map .map-outside').isVisible()).toBe(true);
        expect(await page.locator('#map .map-outside').textContent()).toBe('Di luar wilayah Siaga');
        await expectInView(page, page.locator('#map .map-pin'));
        expect(await page.locator('#village-name').textContent()).toBe('Titik ini tidak berada di desa yang dilayani Siaga.');
      } finally {
        await browser.close();
      }
    });
  }

  it('fills the coordinates from the phone location when permission is granted', async () => {
    const browser = await launchBrowser({ origin: app.base, geolocation: { latitude: FAR.latitude, longitude: FAR.longitude } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${app.base}/register`);
      await settled(page);
      await browser.context.setGeolocation({ latitude: FAR.latitude, longitude: FAR.longitude });
      await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
      await expect.poll(() => page.getByLabel('Lintang (latitude)').inputValue()).toBe('3.35000');
      expect(await page.getByLabel('Bujur (longitude)').inputValue()).toBe('98.56000');
      await expect.poll(() => page.locator('#village-name').textContent()).toBe(FAR.village);
      expect(await page.locator('#locate-status').textContent()).toBe(
        'Lokasi ponsel dipakai. Periksa titiknya di peta dan geser bila perlu.',
      );
      await settled(page);
      await expectInView(page, page.locator('#map .map-pin'));
    } finally {
      await browser.close();
    }
  });

  it('says in Indonesian that location was refused when permission is not given', async () => {
    const browser = await launchBrowser();
    try {
      await browser.context.clearPermissions();
      const page = await browser.context.newPage();
      await page.goto(`${app.base}/register`);
      await settled(page);
      await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
      await expect
        .poll(() => page.locator('#locate-status').textContent())
        .toBe('Izin lokasi ditolak. Izinkan lokasi untuk situs ini di pengaturan peramban, atau ketuk peta atau isi koordinat.');
      expect(await page.getByLabel('Lintang (latitude)').inputValue()).toBe('');
    } finally {
      await browser.close();
    }
  });

  for (const size of [PHONE, DESKTOP]) {
    it(`moves the house from the private page as a new version (${size.width} px)`, async () => {
      const registered = await fetch(`${app.base}/api/households`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ location: { lat: HOME.latitude, lon: HOME.longitude }, members: 3, language: 'id', consent: true }),
      });
      expect(registered.status).toBe(201);
      const { token, household } = (await registered.json()) as { token: string; household: { id: string } };
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize(size);
        await page.goto(`${app.base}/me#${token}`);
        await page.locator('#me').waitFor();
        await settled(page);
        await expectInView(page, page.locator('#e-map .map-pin'));

        // A point outside every village is refused next to the location, and nothing is written.
        await page.getByLabel('Lintang (latitude)').fill('-6.2');
        await page.getByLabel('Bujur (longitude)').fill('106.8');
        await page.getByRole('button', { name: 'Simpan perubahan' }).click();
        await expect.poll(() => page.locator('#e-lat').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#e-lat').getAttribute('aria-describedby')).toBe('e-location-error');
        expect(await page.locator('#e-location-error').textContent()).toMatch(
          /^Titik ini \(-6\.2, 106\.8\) tidak berada di desa yang dilayani Siaga\./,
        );
        expect(await page.locator('#edit-error').innerText()).toContain('Periksa isian yang ditandai.');
        expect(await versions(household.id)).toHaveLength(1);

        await page.getByLabel('Lintang (latitude)').fill(String(FAR.latitude));
        await page.getByLabel('Bujur (longitude)').fill(String(FAR.longitude));
        await page.getByLabel('Bujur (longitude)').press('Tab');
        await settled(page);
        await expectInView(page, page.locator('#e-map .map-pin'));
        await page.getByRole('button', { name: 'Simpan perubahan' }).click();
        await expect.poll(() => page.locator('#edit-status').textContent()).toBe('Perubahan tersimpan.');
        expect(await page.locator('#e-lat').getAttribute('aria-invalid')).toBeNull();
        expect(await page.locator('#e-location-error').textContent()).toBe('');
        await screenshots(page, `me-move-${size.width}`);

        const rows = await versions(household.id);
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatchObject({ lat: HOME.latitude, lon: HOME.longitude, closed: true });
        expect(rows[1]).toMatchObject({ lat: FAR.latitude, lon: FAR.longitude, closed: false, village: FAR.village });
      } finally {
        await browser.close();
      }
    });
  }

  async function versions(id: string) {
    const { rows } = await app.t.db.query<{ lat: number; lon: number; closed: boolean; village: string }>(
      `SELECT ST_Y(h.location)::float8 AS lat, ST_X(h.location)::float8 AS lon, h.valid_to IS NOT NULL AS closed, a.name AS village
       FROM households h JOIN admin_areas a ON a.code = h.village_code WHERE h.id = $1 ORDER BY h.valid_from, h.row_id`,
      [id],
    );
    return rows;
  }
});

// The map box an element is drawn in (Leaflet's own panes have "map" inside longer class names).
const MAP_OF = `xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " map ")][1]`;

/** The element lies wholly inside the viewport and inside its map. */
async function expectInView(page: Page, element: Locator): Promise<void> {
  const box = await element.boundingBox();
  const map = await element.locator(MAP_OF).boundingBox();
  const viewport = page.viewportSize();
  expect(box, 'the element is drawn').not.toBeNull();
  expect(map).not.toBeNull();
  if (!box || !map || !viewport) return;
  // Scrolled into view as a person would: then both the map and the viewport must hold it.
  await element.scrollIntoViewIfNeeded();
  const seen = (await element.boundingBox()) ?? box;
  const mapSeen = (await element.locator(MAP_OF).boundingBox()) ?? map;
  expect(seen.x).toBeGreaterThanOrEqual(mapSeen.x);
  expect(seen.y).toBeGreaterThanOrEqual(mapSeen.y);
  expect(seen.x + seen.width).toBeLessThanOrEqual(mapSeen.x + mapSeen.width);
  expect(seen.y + seen.height).toBeLessThanOrEqual(mapSeen.y + mapSeen.height);
  expect(seen.x).toBeGreaterThanOrEqual(0);
  expect(seen.y).toBeGreaterThanOrEqual(0);
  expect(seen.x + seen.width).toBeLessThanOrEqual(viewport.width);
  expect(seen.y + seen.height).toBeLessThanOrEqual(viewport.height);
}
