// Headless Chromium from Debian (/usr/bin/chromium, installed by .ci/run) driven by playwright-core,
// with a fresh profile per launch and nothing that could reach the internet: background
// networking, component updates, sync and QUIC are off, and the pages only talk to 127.0.0.1.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium; .ci/run does it)`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: { javaScriptEnabled?: boolean; origin?: string; geolocation?: { latitude: number; longitude: number } } = {}): Promise<Browser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'siaga-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    ...(options.geolocation && { geolocation: options.geolocation }),
  });
  if (options.origin) await context.grantPermissions(['notifications', 'geolocation'], { origin: options.origin });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshots of the page at phone and desktop width: screenshots/<name>-phone.png, -desktop.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(size);
    // Let maps and layouts follow the new width before the picture is taken.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

/** Polls `probe` until it returns something other than undefined (or fails after `ms`). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
