// Times shown in the zone of the place they are about: a BMKG warning for Gorontalo (WITA) reads
// in WITA on its page and in the list, as its own description does, while a Deli Serdang warning
// reads in WIB; a household in Gorontalo sees its own page's times in WITA. Indonesian at phone width.
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { boxRing } from '../support/cap-builder.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { browserMissing, eventually, launchBrowser, screenshots, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

// A made-up village of Kabupaten Gorontalo (province 75, WITA) under the fixture warning's area.
const GORONTALO_VILLAGE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '75.01.01.2001', name: 'Dengilo' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [122.1, 0.6],
            [122.15, 0.6],
            [122.15, 0.7],
            [122.1, 0.7],
            [122.1, 0.6],
          ],
        ],
      },
    },
  ],
};

describe.skipIf(browserMissing())(`times in the zone of their place (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;
  let gorontalo = 0;
  let deliSerdang = 0;

  beforeAll(async () => {
    app = await startWebApp();
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-zones-'));
    try {
      const file = path.join(dir, 'gorontalo.geojson');
      await writeFile(file, JSON.stringify(GORONTALO_VILLAGE));
      const imported = await runSiaga(['import', 'areas', file], app.t.db);
      if (imported.code !== 0) throw new Error(imported.stderr);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // BMKG's own nowcast for Gorontalo, written in WITA: effective 15:27, expires 17:27 (+08:00).
    const bytes = await readFile(path.join(FIXTURES, 'bmkg/cap-nowcast-CGT20260924002-id.xml'));
    const r = await ingestCapDocument(app.t.db, { source: 'test', bytes }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    if (r.alertId === null) throw new Error(JSON.stringify(r.errors));
    gorontalo = Number(r.alertId);
    deliSerdang = await app.ingest({
      identifier: 'ZONE-WIB-1',
      sent: '2026-09-24T15:00:00+07:00',
      infos: [
        {
          language: 'id',
          expires: '2026-09-24T18:00:00+07:00',
          areas: [{ desc: 'Lubuk Pakam', polygons: [boxRing(98.85, 3.53, 98.9, 3.58)] }],
        },
      ],
    });
    browser = await launchBrowser({ javaScriptEnabled: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows a Gorontalo warning in WITA and a Deli Serdang one in WIB, in Indonesian date conventions', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/alerts/${gorontalo}`);
    const facts = (await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ');
    expect(facts).toContain('Berlaku sejak 24 Sep 2026, 15.27 WITA');
    expect(facts).toContain('Berlaku sampai 24 Sep 2026, 17.27 WITA');
    expect(facts).not.toContain('WIB');
    // Where, from the village it reaches (the registry here has no district outlines).
    expect(await page.locator('#alert-place').textContent()).toBe('Dengilo · Kabupaten Gorontalo');
    // The description BMKG wrote says the same hour.
    expect(await page.locator('main').innerText()).toContain('15:27 WITA');
    await screenshots(page, 'alert-gorontalo');

    await page.goto(`${app.base}/alerts/${deliSerdang}`);
    expect((await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ')).toContain('Berlaku sampai 24 Sep 2026, 18.00 WIB');

    await page.goto(`${app.base}/alerts`);
    expect(await page.locator(`.alerts li:has(a[href="/alerts/${gorontalo}"])`).innerText()).toContain('17.27 WITA');
    expect(await page.locator(`.alerts li:has(a[href="/alerts/${deliSerdang}"])`).innerText()).toContain('18.00 WIB');
    await page.close();
  });

  it("shows a Gorontalo household's own page in WITA", async () => {
    const res = await fetch(`${app.base}/api/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: { lat: 0.65, lon: 122.12 }, members: 3, consent: true }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const page = await browser.context.newPage();
    await page.goto(`${app.base}/me#${token}`);
    const data = page.locator('#me-data');
    const registered = await eventually(
      async () => ((await data.innerText()).includes('Terdaftar') ? data.innerText() : undefined),
      'the stored data',
    );
    expect(registered).toMatch(/Terdaftar\s+\d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WITA/);
    await page.close();
  });
});
