// The pages as `npm start` serves them: src/main.ts in a child process (its own composition, not the
// tests' harness) on a free port, checked in Chromium: the front page, the registration map drawn
// from the database with Leaflet from node_modules, the alert list, the sign-in form.
// PostgreSQL only: the child process owns its database, and the embedded engine is one process's
// at a time (the in-process suites cover the same pages on the embedded engine).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSiaga } from '../support/run-cli.ts';
import { DELI_SERDANG } from '../support/delivery-harness.ts';
import { createTestDatabase, OFFLINE_FEEDS, type TestDatabase } from '../support/spawn-siaga.ts';
import { browserMissing, eventually, launchBrowser, screenshots, type Browser } from './support/browser.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe.skipIf(!DATABASE_URL || browserMissing())(
  'npm start serves the web pages (PostgreSQL; skipped on the embedded engine: the child process would own it)',
  () => {
    let database: TestDatabase;
    let child: ChildProcess;
    let stderr = '';
    let base = '';
    let browser: Browser;

    beforeAll(async () => {
      database = await createTestDatabase(DATABASE_URL as string, 'web_start');
      expect((await runSiaga(['import', 'areas', DELI_SERDANG], database.db)).code).toBe(0);
      child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...OFFLINE_FEEDS,
          LOG_LEVEL: 'warn',
          DATABASE_URL: database.url,
          REDIS_URL: '',
          PORT: '0',
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      base = await eventually(
        async () => /http:\/\/(127\.0\.0\.1:\d+)\/\s+web pages/.exec(stderr)?.[1],
        `main.ts to say where it listens (stderr so far: ${stderr})`,
        90_000,
      ).then((host) => `http://${host}`);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await database?.drop();
    });

    it('serves the pages, the map library and the village outlines', async () => {
      const page = await browser.context.newPage();
      const home = await page.goto(`${base}/`);
      expect(home?.status()).toBe(200);
      expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
      const villages = page.waitForResponse((r) => r.url().includes('/api/villages.geojson') && r.status() === 200);
      await page.goto(`${base}/register`);
      await villages;
      await expect.poll(() => page.locator('#map canvas').count()).toBeGreaterThan(0);
      await screenshots(page, 'npm-start-register');
      expect((await page.goto(`${base}/alerts`))?.status()).toBe(200);
      expect((await page.goto(`${base}/signin`))?.status()).toBe(200);
      expect(await page.getByLabel('Nama pengguna').count()).toBe(1);
    });
  },
);
