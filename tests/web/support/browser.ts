// Headless Chromium from Debian (/usr/bin/chromium, installed by .ci/run) driven by playwright-core,
// with a fresh profile per launch and nothing that could reach the internet: background
// networking, component updates, sync and QUIC are off, and the pages only talk to 127.0.0.1.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { vi } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
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

export async function launchBrowser(
  options: { javaScriptEnabled?: boolean; origin?: string; geolocation?: { latitude: number; longitude: number } } = {},
): Promise<Browser> {
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
  // With scripts off nothing runs in the page, so there is nothing to wait for (and no event to see).
  if (options.javaScriptEnabled !== false) await context.addInitScript(trackPageActivity);
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
  for (const [label, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    // Let maps and layouts follow the new width before the picture is taken.
    await settled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

/** What the activity tracker uses of a page's global scope (the project's types have no DOM). */
interface PageScope {
  fetch(...args: unknown[]): Promise<unknown>;
  setTimeout(handler: unknown, ms?: number, ...rest: unknown[]): number;
  clearTimeout(id?: number): void;
  requestAnimationFrame(callback: (t: number) => void): number;
  cancelAnimationFrame(id: number): void;
  addEventListener(type: string, listener: () => void, capture: boolean): void;
  innerWidth: number;
  innerHeight: number;
  Response: { prototype: Record<string, unknown> };
  siagaBusy?: () => number;
}

/**
 * Counts, in the page, what its scripts are still about to do: fetches and response bodies in
 * flight, animation frames requested (Leaflet draws its canvas in one), timers shorter than a
 * second (Leaflet's debounced `moveend` after a resize, its transitions; a page's 30 s refresh is
 * not "busy"), and a viewport change whose `resize` event has not been dispatched yet. Installed
 * before any page script runs; serialised by Playwright, so it refers to nothing outside itself.
 */
function trackPageActivity(): void {
  const w = globalThis as unknown as PageScope;
  let inFlight = 0;
  const timers = new Set<number>();
  const frames = new Set<number>();
  const size = () => `${w.innerWidth}x${w.innerHeight}`;
  let resizedTo = size();
  w.addEventListener('resize', () => (resizedTo = size()), true);
  const track = (promise: Promise<unknown>): Promise<unknown> => {
    inFlight += 1;
    return promise.finally(() => {
      inFlight -= 1;
    });
  };
  const fetch0 = w.fetch.bind(w);
  w.fetch = (...args: unknown[]) => track(fetch0(...args));
  for (const read of ['json', 'text', 'arrayBuffer', 'blob']) {
    const original = w.Response.prototype[read] as (this: unknown) => Promise<unknown>;
    Object.defineProperty(w.Response.prototype, read, {
      configurable: true,
      writable: true,
      value(this: unknown) {
        return track(original.call(this));
      },
    });
  }
  const setTimeout0 = w.setTimeout.bind(w);
  const clearTimeout0 = w.clearTimeout.bind(w);
  w.setTimeout = (handler: unknown, ms?: number, ...rest: unknown[]) => {
    if (typeof handler !== 'function' || !(Number(ms ?? 0) < 1000)) return setTimeout0(handler, ms, ...rest);
    const id = setTimeout0(() => {
      timers.delete(id);
      (handler as (...a: unknown[]) => void)(...rest);
    }, ms);
    timers.add(id);
    return id;
  };
  w.clearTimeout = (id?: number) => {
    if (id !== undefined) timers.delete(id);
    clearTimeout0(id);
  };
  const raf0 = w.requestAnimationFrame.bind(w);
  const cancelRaf0 = w.cancelAnimationFrame.bind(w);
  w.requestAnimationFrame = (callback) => {
    const id = raf0((t) => {
      frames.delete(id);
      callback(t);
    });
    frames.add(id);
    return id;
  };
  w.cancelAnimationFrame = (id) => {
    frames.delete(id);
    cancelRaf0(id);
  };
  // Playwright's fake clock keeps one real timer of at most 100 ms running to move its own time on,
  // through whatever setTimeout it found (this one): with a clock installed, timers say nothing.
  w.siagaBusy = () => inFlight + frames.size + (size() === resizedTo ? 0 : 1) + ('__pwClock' in w ? 0 : timers.size);
}

/**
 * Waits until the page has nothing left to do (see trackPageActivity) at two looks in a row, a
 * frame apart: fetched layers are parsed and drawn, a resize has been followed. It asks from here,
 * not with a poll inside the page, so a page with scripts off or a fake clock is asked all the same.
 */
export async function settled(page: Page): Promise<void> {
  let quiet = 0;
  await vi.waitFor(
    async () => {
      const busy = await page.evaluate(() => (globalThis as unknown as PageScope).siagaBusy?.() ?? 0);
      quiet = busy === 0 ? quiet + 1 : 0;
      if (quiet < 2) throw new Error(`the page still has ${busy} thing(s) in flight (fetches, frames, short timers, a resize)`);
    },
    { timeout: 15_000, interval: 16 },
  );
}

/** Polls `probe` until it returns something other than undefined (or fails after `ms`). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      return value;
    },
    { timeout: ms, interval: 100 },
  );
}
