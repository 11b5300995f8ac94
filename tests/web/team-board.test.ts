// A Tagana team member on the board in a real browser: signs in (role team), sees the team's
// tasks by priority on a list and a map with escalations marked, opens a task with its vulnerable
// households, acknowledges it (recorded under the member), and sees the board refresh itself when
// another member moves a task.
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { escalateDue } from '../../src/tagana/escalate-due.ts';
import { DEFAULT_ESCALATION_POLICY } from '../../src/policy/escalation-policy.ts';
import { moveTeamTask } from '../../src/tagana/move-task.ts';
import { planTasksAndNotices } from '../../src/tagana/sweep-tagana.ts';
import { boxRing } from '../support/cap-builder.ts';
import { DELI_SERDANG } from '../support/delivery-harness.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { axeViolations } from './support/axe.ts';
import { englishOnPage, sidewaysScroll } from './support/staff-pages.ts';
import { browserMissing, DESKTOP, launchBrowser, PHONE, screenshots, settled, type Browser } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

const TEAM = 'tagana-12.07';

describe.skipIf(browserMissing())(`Tagana team board (${engineUnderTest})`, () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let secret = '';

  beforeAll(async () => {
    app = await startWebApp();
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-web-team-'));
    const csv = path.join(dir, 'hh.csv');
    expect(
      (await runSiaga(['generate', 'households', '--villages', DELI_SERDANG, '--count', '3000', '--seed', 'web-team', '--out', csv])).code,
    ).toBe(0);
    expect((await runSiaga(['import', 'households', csv], app.t.db)).code).toBe(0);
    expect((await runSiaga(['import', 'teams', path.join(FIXTURES, 'tagana/teams-deli-serdang.json')], app.t.db)).code).toBe(0);
    const added = await runSiaga(['users', 'add', 'budi.tagana', '--role', 'team', '--team', TEAM, '--member', 'ds-002'], app.t.db);
    expect(added.code).toBe(0);
    secret = /secret \(shown once[^)]*\): (\S+)/.exec(added.stdout)?.[1] ?? '';
    // A warning over a few villages of Lubuk Pakam: tasks for the regency team.
    const alertId = await app.ingest({
      identifier: 'WEB-TEAM-1',
      sent: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      infos: [{ severity: 'Severe', expires: '2099-01-01T00:00:00+07:00', areas: [{ polygons: [boxRing(98.85, 3.53, 98.9, 3.58)] }] }],
    });
    const { plan } = await planTasksAndNotices(app.t.db, alertId, new Date());
    expect(plan).toBeDefined();
    // Nobody acknowledged in time: far enough ahead, every task reaches the coordinator (level 1).
    await escalateDue(app.t.db, new Date(Date.now() + 3 * 3600_000), DEFAULT_ESCALATION_POLICY);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const tasksInDb = async () =>
    (
      await app.t.db.query<{ id: number; state: string; priority: number; escalation_level: number }>(
        `SELECT id::int, state, priority, escalation_level FROM tagana_tasks WHERE team_code = $1 ORDER BY priority DESC, id`,
        [TEAM],
      )
    ).rows;

  it('signs in as a team member and sees the tasks by priority, on a list and a map, escalations marked', async () => {
    const tasks = await tasksInDb();
    expect(tasks.length).toBeGreaterThan(1);
    await page.goto(`${app.base}/team`);
    await page.getByLabel('Nama pengguna').fill('budi.tagana');
    await page.getByLabel('Kata sandi atau token').fill(secret);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${app.base}/team`);
    const shown = await page.locator('#tasks > li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-task'))));
    expect(shown).toEqual(tasks.map((t) => t.id));
    const escalated = tasks.filter((t) => t.escalation_level > 0).length;
    expect(escalated).toBeGreaterThan(0);
    expect(await page.locator('#tasks > li.escalated').count()).toBe(escalated);
    await expect.poll(() => page.locator('#map canvas').count()).toBeGreaterThan(0);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'team-board');
  });

  it('at 390 px: titled by the team name, summary counts first, and no table of a task scrolls sideways', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${app.base}/team`);
    expect(await page.locator('h1').textContent()).toBe('Tugas tim: Tagana Kabupaten Deli Serdang');
    expect(await page.title()).toBe('Tugas tim: Tagana Kabupaten Deli Serdang · Siaga');
    expect(await englishOnPage(page), 'English words on the board').toEqual([]);
    const board390 = await sidewaysScroll(page);
    expect(board390.page.scroll, 'the board scrolls sideways').toBeLessThanOrEqual(board390.page.width);
    // The summary is the first thing under the title, in this order.
    expect(await page.locator('main > h1 + [data-live] > section:first-child #summary').count()).toBe(1);
    const labels = await page.locator('#summary dt').allTextContents();
    expect(labels).toEqual(['Tugas terbuka', 'Mendesak', 'Orang rentan', 'Rumah rentan belum terjangkau peringatan']);
    const counts = (await page.locator('#summary dd').allTextContents()).map((n) => Number(n.replace(/\./g, '')));
    const board = (await tasksInDb()).filter((t) => ['open', 'acknowledged', 'in_progress'].includes(t.state));
    const { rows: [db] = [] } = await app.t.db.query<{ vulnerable: number; listed: number }>(
      `SELECT (SELECT coalesce(sum(vulnerable), 0)::int FROM tagana_tasks WHERE team_code = $1 AND kind = 'village' AND state IN ('open', 'acknowledged', 'in_progress')) AS vulnerable,
              (SELECT count(DISTINCT (t.group_id, e->>'id'))::int FROM tagana_tasks t, jsonb_array_elements(t.vulnerable_list) e WHERE t.team_code = $1 AND t.state IN ('open', 'acknowledged', 'in_progress')) AS listed`,
      [TEAM],
    );
    // Every task was escalated (nobody acknowledged in time), and no household has a subscription or a phone that was sent to.
    expect(counts).toEqual([board.length, board.length, db?.vulnerable, db?.listed]);

    const [first] = board;
    await page.goto(`${app.base}/team/tasks/${first?.id}`);
    expect(await page.locator('.kicker').textContent()).toBe('Tagana Kabupaten Deli Serdang');
    await settled(page);
    const overflow = await sidewaysScroll(page);
    expect(overflow.page.scroll, 'the task page scrolls sideways').toBeLessThanOrEqual(overflow.page.width);
    expect(overflow.tables.map((t) => t.id).sort()).toEqual(['events', 'vulnerable']);
    for (const t of overflow.tables) {
      expect(t.scroll, `table #${t.id} is wider than its container`).toBeLessThanOrEqual(t.width);
      expect(t.wrapScroll, `the container of table #${t.id} scrolls sideways`).toBeLessThanOrEqual(t.wrapWidth);
    }
    // As cards: each cell says which column it is.
    const cell = page.locator('#vulnerable tbody tr').first().locator('td').nth(2);
    expect(await cell.getAttribute('data-label')).toBe('Ponsel');
    expect(
      await cell.evaluate(
        (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el).display,
      ),
    ).toBe('block');
    expect(await page.locator('#vulnerable tbody tr').first().locator('td').nth(3).textContent()).toMatch(/^belum sampai /);
    // The history in Indonesian sentences: what happened, by whom, and why.
    const created = page.locator('#events tbody tr').first().locator('td');
    expect(await created.nth(1).textContent()).toBe('Tugas dibuat, kini terbuka.');
    expect(await created.nth(2).textContent()).toBe('Siaga (otomatis)');
    expect(await created.nth(3).textContent()).toMatch(/^Direncanakan dari pesan peringatan \d+\.$/);
    const escalatedRow = page.locator('#events tbody tr').nth(1).locator('td');
    expect(await escalatedRow.nth(1).textContent()).toBe('Tugas dieskalasi: belum diakui tepat waktu.');
    expect(await escalatedRow.nth(3).textContent()).toMatch(/^Tingkat 1: diteruskan ke koordinator ds-001 Rina Siregar/);
    expect(await englishOnPage(page), 'English words on the task page').toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'team-task-phone');
    // Wide enough, the same tables are tables again.
    await page.setViewportSize(DESKTOP);
    expect(
      await cell.evaluate(
        (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el).display,
      ),
    ).toBe('table-cell');
    await page.setViewportSize(PHONE);
    await page.goto(`${app.base}/team`);
  });

  it('opens a task with its vulnerable households and acknowledges it, recorded under the member', async () => {
    const [first] = await tasksInDb();
    await page.locator(`#tasks > li[data-task="${first?.id}"] h2 a`).click();
    await page.waitForURL(`${app.base}/team/tasks/${first?.id}`);
    const listed = (
      await app.t.db.query<{ n: number }>(`SELECT jsonb_array_length(vulnerable_list)::int AS n FROM tagana_tasks WHERE id = $1`, [
        first?.id,
      ])
    ).rows[0]?.n;
    expect(listed).toBeGreaterThan(0);
    expect(await page.locator('#vulnerable tbody tr').count()).toBe(listed);
    // Each household's vulnerable PEOPLE first, then per kind how many of them have it.
    const top = (
      await app.t.db.query<{ vulnerable: number; elderly: number }>(
        `SELECT (vulnerable_list->0->>'vulnerable')::int AS vulnerable, (vulnerable_list->0->>'elderly')::int AS elderly FROM tagana_tasks WHERE id = $1`,
        [first?.id],
      )
    ).rows[0];
    const cell = (await page.locator('#vulnerable tbody tr').first().locator('td').nth(1).textContent()) ?? '';
    expect(cell).toMatch(new RegExp(`^${top?.vulnerable} \\(`));
    if (top?.elderly) expect(cell).toContain(`${top.elderly} lansia`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'team-task');

    await page.getByRole('button', { name: /^Akui:/ }).click();
    await page.waitForURL(`${app.base}/team/tasks/${first?.id}`);
    expect(await page.locator('#task-state').textContent()).toBe('diakui');
    const { rows } = await app.t.db.query<{ state: string; actor: string }>(
      `SELECT t.state, e.actor FROM tagana_tasks t JOIN tagana_task_events e ON e.task_id = t.id AND e.action = 'acknowledged' WHERE t.id = $1`,
      [first?.id],
    );
    expect(rows).toEqual([{ state: 'acknowledged', actor: `${TEAM}/ds-002` }]);
    // Acknowledging twice is refused with the reason (the button is gone; a stale form still says why).
    const again = await page.evaluate(
      async (id) =>
        (
          await fetch(`/team/tasks/${id}/acknowledge`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'back=%2Fteam',
          })
        ).status,
      first?.id,
    );
    expect(again).toBe(409);
  });

  it('refreshes itself when another member moves a task', async () => {
    await page.clock.install();
    await page.goto(`${app.base}/team`);
    const [, second] = await tasksInDb();
    const item = page.locator(`#tasks > li[data-task="${second?.id}"]`);
    expect(await item.getAttribute('data-state')).toBe('open');
    await app.t.db.transaction((tx) =>
      moveTeamTask(tx, { team: TEAM, id: second?.id ?? 0, action: 'start', actor: `${TEAM}/ds-003`, note: null, now: new Date() }),
    );
    await page.clock.fastForward(16_000);
    await expect.poll(() => item.getAttribute('data-state')).toBe('in_progress');
  });

  it('keeps other roles out', async () => {
    const added = await runSiaga(['users', 'add', 'liaison.only', '--role', 'liaison'], app.t.db);
    const other = /secret \(shown once[^)]*\): (\S+)/.exec(added.stdout)?.[1] ?? '';
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.waitForURL(`${app.base}/signin`);
    await page.getByLabel('Nama pengguna').fill('liaison.only');
    await page.getByLabel('Kata sandi atau token').fill(other);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${app.base}/liaison`);
    const res = await page.goto(`${app.base}/team`);
    expect(res?.status()).toBe(403);
  });
});
