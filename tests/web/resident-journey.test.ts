// A resident's whole journey in a real browser: register a household with the phone's location,
// open the private link, turn on warnings (service worker + push subscription), receive a warning
// ingested for that location through the local push service, see the notification the service
// worker shows, answer "we are safe" from it, and find the answer in the deliveries ledger.
//
// Offline, Chromium cannot create a real push subscription (that needs its vendor's push service),
// so the test gives the page a subscription of the local push service instead (PushManager.subscribe
// is the one thing replaced). Everything after it is real: the page posts the subscription to
// Siaga, Siaga encrypts and sends the warning with its VAPID key, the local push service decrypts
// it, and the decrypted message is handed to the page's service worker with the DevTools protocol's
// ServiceWorker.deliverPushMessage, exactly as a push service's message would arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { boxRing } from '../support/cap-builder.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { browserMissing, eventually, launchBrowser, screenshots, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

// Inside Deli Serdang (Lubuk Pakam area), the same point the residents' API tests use.
const HOME = { latitude: 3.553, longitude: 98.873 };
const AREA = boxRing(98.85, 3.53, 98.9, 3.58);

describe.skipIf(browserMissing())(`resident journey in Chromium (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let manageLink = '';
  let householdId = '';

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchBrowser({ origin: app.base, geolocation: HOME });
    const sub = app.push.newSubscription('browser');
    await browser.context.addInitScript((s) => {
      // Runs in the page (no DOM types in this project's compilation: the browser globals are typed here).
      const g = globalThis as unknown as {
        PushManager: { prototype: Record<string, unknown> };
        localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
      };
      const fake = {
        endpoint: s.endpoint,
        expirationTime: null,
        toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: { p256dh: s.p256dh, auth: s.auth } }),
        unsubscribe: async () => true,
      };
      // Remembered across page loads, as the browser remembers a real subscription.
      g.PushManager.prototype.subscribe = async () => {
        g.localStorage.setItem('test-push-subscribed', '1');
        return fake;
      };
      g.PushManager.prototype.getSubscription = async () => (g.localStorage.getItem('test-push-subscribed') ? fake : null);
    }, sub);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('registers a household from the phone location and shows the private link once', async () => {
    await page.goto(`${app.base}/register`);
    await expect.poll(() => page.locator('#map .leaflet-interactive, #map canvas').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
    await expect.poll(() => page.locator('#village-name').textContent()).not.toMatch(/Belum dipilih|Mencari/);
    const village = (await page.locator('#village-name').textContent()) ?? '';
    await page.getByLabel('Jumlah penghuni').fill('4');
    // Grandmother, elderly and ill, and a baby: two people who need help.
    await page.getByLabel('Berapa orang yang perlu dibantu saat mengungsi?').fill('2');
    await page.getByLabel('Lansia').fill('1');
    await page.getByLabel('Sakit').fill('1');
    await page.getByLabel('Bayi dan balita').fill('1');
    await page.getByLabel(/Nomor ponsel/).fill('081234567890');
    await screenshots(page, 'register');
    await page.getByLabel(/Saya setuju/).check();
    await page.getByRole('button', { name: 'Daftar' }).click();
    await page.locator('#registered').waitFor();
    expect(await page.locator('#registered-village').textContent()).toBe(village);
    manageLink = await page.locator('#manage-link').inputValue();
    expect(manageLink).toMatch(new RegExp(`^${app.base}/me#[A-Za-z0-9_-]{43}$`));
    await screenshots(page, 'register-done');

    expect(await page.locator('#registered-adjusted').isHidden()).toBe(true);
    const { rows } = await app.t.db.query<{
      id: string;
      members: number;
      vulnerable: number;
      elderly: number;
      ill: number;
      infant: number;
      phone: string;
      name: string;
    }>(
      `SELECT h.id, h.members, h.vulnerable, h.elderly, h.ill, h.infant, h.phone, a.name FROM households h JOIN admin_areas a ON a.code = h.village_code WHERE h.source = 'resident' AND h.valid_to IS NULL`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ members: 4, vulnerable: 2, elderly: 1, ill: 1, infant: 1, phone: '+6281234567890', name: village });
    householdId = rows[0]?.id ?? '';
  });

  it('turns on warnings: the service worker is registered and the subscription reaches Siaga', async () => {
    await page.goto(manageLink);
    await page.locator('#me').waitFor();
    await page.getByRole('button', { name: 'Nyalakan peringatan di ponsel ini' }).click();
    await expect.poll(() => page.locator('#push-state').textContent()).toBe('Peringatan menyala di ponsel ini.');
    const { rows } = await app.t.db.query<{ endpoint: string }>(
      `SELECT endpoint FROM push_subscriptions WHERE household_id = $1 AND active`,
      [householdId],
    );
    expect(rows.map((r) => r.endpoint)).toEqual([`${app.push.origin}/push/browser`]);
    await screenshots(page, 'me');
  });

  it('delivers a warning for that location to the service worker, which shows it and reports it shown', async () => {
    const alertId = await app.ingest({
      identifier: 'WEB-E2E-1',
      sent: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      infos: [
        {
          language: 'id',
          severity: 'Severe',
          expires: '2099-01-01T00:00:00+07:00',
          instruction: 'Jauhi sungai dan tebing.',
          areas: [{ desc: 'Lubuk Pakam', polygons: [AREA] }],
        },
        {
          language: 'en',
          severity: 'Severe',
          expires: '2099-01-01T00:00:00+07:00',
          instruction: 'Keep away from rivers and slopes.',
          areas: [{ desc: 'Lubuk Pakam', polygons: [AREA] }],
        },
      ],
    });
    await app.runtime.deliver(alertId);
    await app.runtime.idle();
    const message = await eventually(
      async () => app.push.received.find((m) => m.subscriptionId === 'browser'),
      'the push message at the local push service',
    );
    const payload = JSON.parse(message.payload) as { deliveryId: string; title: string };

    const cdp = await browser.context.newCDPSession(page);
    const registrations = new Map<string, string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string }[] }) => {
      for (const r of e.registrations) registrations.set(r.scopeURL, r.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    const registrationId = await eventually(async () => registrations.get(`${app.base}/`), 'the service worker registration');
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: app.base, registrationId, data: message.payload });

    // The worker reports the notification shown (ledger: delivered) once showNotification resolved.
    const delivered = await eventually(
      async () => (await ledger(payload.deliveryId))?.state === 'delivered' || undefined,
      'the ledger row to say delivered',
    );
    expect(delivered).toBe(true);
    // Chromium may restart the worker to handle the push: look it up afresh.
    const worker = await eventually(
      async () =>
        browser.context
          .serviceWorkers()
          .filter((w) => w.url() === `${app.base}/sw.js`)
          .at(-1),
      'the service worker',
    );
    const shown = await notifications(worker);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe(payload.title);
    expect(shown[0]?.title).toContain('Hujan Lebat');
    expect(shown[0]?.body).toContain('BERBAHAYA');
    expect(shown[0]?.body).toContain('Jauhi sungai dan tebing.');
    expect(shown[0]?.body).toMatch(/Kode: [0-9A-Z]{3}-[0-9A-Z]{3}/);
    // All three answers are offered; Chromium shows as many buttons as it can (two), and tapping the
    // notification itself answers "received".
    const maxActions = await worker.evaluate(
      () => (globalThis as unknown as { Notification: { maxActions: number } }).Notification.maxActions,
    );
    expect(shown[0]?.actions).toEqual(['safe', 'need_help', 'received'].slice(0, maxActions));

    // Tapping "Kami aman" on the notification: the event the browser fires for a tap, constructed by
    // the test (such an event cannot be extended with waitUntil, so the worker reports an error for
    // that call; its answer is already on its way, which is what the ledger check below proves).
    await worker.evaluate(async () => {
      const sw = globalThis as unknown as WorkerScope;
      const [n] = await sw.registration.getNotifications();
      if (!n) throw new Error('no notification to tap');
      sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification: n, action: 'safe' }));
    });
    const answered = await eventually(async () => {
      const row = await ledger(payload.deliveryId);
      return row?.state === 'acknowledged' ? row : undefined;
    }, 'the ledger row to say acknowledged');
    expect(answered.response).toBe('safe');
    expect(await notifications(worker)).toEqual([]);

    await page.goto(manageLink);
    await page.reload();
    await expect.poll(() => page.locator('#deliveries').textContent()).toContain('Jawaban: Kami aman');
    expect(await page.locator('#push-state').textContent()).toBe('Peringatan menyala di ponsel ini.');
    await screenshots(page, 'me-answered');
  });

  it('changes the household data from the private link: a new version, shown at once', async () => {
    const form = page.locator('#edit-form');
    expect(await form.getByLabel('Jumlah penghuni').inputValue()).toBe('4');
    expect(await form.getByLabel('Berapa orang yang perlu dibantu saat mengungsi?').inputValue()).toBe('2');
    expect(await page.locator('#me-data').innerText()).toMatch(/Berapa orang yang perlu dibantu saat mengungsi\?\s+2/);
    await form.getByLabel('Jumlah penghuni').fill('6');
    // Someone added under a kind is someone new: the number of people follows until set by hand.
    await form.getByLabel('Ibu hamil').fill('1');
    expect(await form.getByLabel('Berapa orang yang perlu dibantu saat mengungsi?').inputValue()).toBe('3');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect.poll(() => page.locator('#edit-status').textContent()).toBe('Perubahan tersimpan.');
    expect(await page.locator('#me-data').innerText()).toMatch(/Jumlah penghuni\s+6/);
    const versions = async () =>
      (
        await app.t.db.query<{ members: number; vulnerable: number; pregnant: number; open: boolean }>(
          `SELECT members, vulnerable, pregnant, valid_to IS NULL AS open FROM households WHERE id = $1 ORDER BY row_id`,
          [householdId],
        )
      ).rows;
    expect(await versions()).toEqual([
      { members: 4, vulnerable: 2, pregnant: 0, open: false },
      { members: 6, vulnerable: 3, pregnant: 1, open: true },
    ]);
    // Fewer members than people who need help: raised, never refused, and the page says so.
    await form.getByLabel('Jumlah penghuni').fill('1');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect
      .poll(() => page.locator('#edit-status').textContent())
      .toBe('Perubahan tersimpan. Jumlah penghuni dicatat 3, bukan 1: 3 orang perlu dibantu.');
    expect(await form.getByLabel('Jumlah penghuni').inputValue()).toBe('3');
    expect((await versions()).at(-1)).toEqual({ members: 3, vulnerable: 3, pregnant: 1, open: true });
    await screenshots(page, 'me-changed');
    // A refused change says what is wrong in Indonesian next to its field, not the API's developer summary.
    await form.getByLabel('Jumlah penghuni').fill('0');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect.poll(() => page.locator('#e-members-error').textContent()).toBe('Jumlah penghuni paling sedikit 1 orang.');
    expect(await page.locator('#e-members').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#e-members').getAttribute('aria-describedby')).toBe('e-members-error');
    expect(await page.locator('#edit-error').innerText()).toContain('Periksa isian yang ditandai.');
    expect((await versions()).at(-1)).toEqual({ members: 3, vulnerable: 3, pregnant: 1, open: true });
  });

  it('deletes the household data from the private link', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Hapus data saya' }).click();
    await expect.poll(() => page.locator('#me-status').textContent()).toBe('Data Anda telah dihapus.');
    const { rows } = await app.t.db.query(`SELECT 1 FROM households WHERE id = $1`, [householdId]);
    expect(rows).toEqual([]);
  });

  async function ledger(deliveryId: string) {
    return (
      await app.t.db.query<{ state: string; response: string | null }>(`SELECT state, response FROM deliveries WHERE id = $1`, [deliveryId])
    ).rows[0];
  }
});

async function notifications(worker: Worker): Promise<{ title: string; body: string; actions: string[] }[]> {
  return worker.evaluate(async () => {
    const sw = globalThis as unknown as WorkerScope;
    return (await sw.registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      actions: n.actions.map((a) => a.action),
    }));
  });
}

/** The service worker globals the test touches (this project compiles without DOM/worker types). */
interface WorkerScope {
  registration: { getNotifications(): Promise<{ title: string; body: string; actions: { action: string }[] }[]> };
  NotificationEvent: new (type: string, init: { notification: unknown; action: string }) => unknown;
  dispatchEvent(event: unknown): boolean;
}
