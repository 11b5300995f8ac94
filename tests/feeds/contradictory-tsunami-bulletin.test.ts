// A held-out-style InaTEWS tsunami bulletin (BMKG's real datagempa format, the 2018 PD-1 moved to
// now and to other coasts: Deli Serdang AWAS, Kepulauan Seribu SIAGA, Jakarta Utara WASPADA) whose
// `timesent` lies years before its own quake. It still becomes one standing warning that reaches
// every registered household of those three regencies, each at its zone's level, and nobody
// elsewhere; the contradiction is an alarm on the alert and on the fetch, shown in `siaga feeds
// log`, `siaga alerts show` and the liaison pages.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { createLocalRateBudget } from '../../src/adapters/local-rate-budget.ts';
import { loadConfig } from '../../src/config.ts';
import { listAlerts, showAlert } from '../../src/db/alert-queries.ts';
import { listFetches } from '../../src/db/feed-log.ts';
import { fetchWithPayloads } from '../../src/db/web-feed-payloads.ts';
import { deliverMessage, type DeliveryPlan } from '../../src/delivery/deliver-message.ts';
import { createFeedDeps } from '../../src/feeds/create-feed-deps.ts';
import { runFeed } from '../../src/feeds/run-feed.ts';
import { createLogger } from '../../src/logger.ts';
import { liaisonAlertPage, liaisonAlertsPage } from '../../src/web/page-liaison-alerts.ts';
import { liaisonFetchPage, liaisonLogPage } from '../../src/web/page-liaison-log.ts';
import { startBmkgStandIn, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { DELI_SERDANG, recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const DKI = path.join(FIXTURES, 'id-admin/dki_jakarta_villages.geojson');
const BULLETIN_PATH = '/held-out/datagempa.json';
const LEVEL_OF: Record<string, string> = { '12.07': 'Extreme', '31.01': 'Severe', '31.72': 'Moderate' };

/** `{ date: 'dd-mm-yy', day: 'dd-mm-yyyy', time: 'HH:MM:SS WIB' }` of an instant, as InaTEWS writes them. */
function wib(ms: number): { date: string; day: string; time: string } {
  const [y, m, d, hh, mm, ss] = new Date(ms + 7 * 3_600_000).toISOString().match(/\d+/g) as string[];
  return { date: `${d}-${m}-${y?.slice(2)}`, day: `${d}-${m}-${y}`, time: `${hh}:${mm}:${ss} WIB` };
}

/** The real 2018 bulletin, its quake 10 minutes ago and its zones moved; `timesent` left in 2018. */
async function heldOutBulletin(originMs: number): Promise<string> {
  const doc = JSON.parse(
    await readFile(path.join(FIXTURES, 'bmkg/inatews-datagempa-tsunami-warning-20180712085018-test.json'), 'utf8'),
  ) as {
    identifier: string;
    info: Record<string, unknown>;
  };
  const quake = wib(originMs);
  const arrival = (minutes: number) => ({ date: wib(originMs + minutes * 60_000).day, time: wib(originMs + minutes * 60_000).time });
  doc.identifier = `Indonesia-InaTEWS-tsunami-${quake.day}`;
  Object.assign(doc.info, {
    date: quake.date,
    time: quake.time,
    area: '150 km BaratDaya KEPULAUAN SERIBU',
    eventid: `${quake.day.replaceAll('-', '')}`,
    timesent: '12/07/2018 08:50:18WIB',
    wzarea: [
      { province: 'SUMUT', district: 'DELI SERDANG', level: 'AWAS', ...arrival(25) },
      { province: 'DKI', district: 'KEPULAUAN SERIBU', level: 'SIAGA', ...arrival(18) },
      { province: 'DKI', district: 'JAKARTA UTARA', level: 'WASPADA', ...arrival(40) },
    ],
  });
  return JSON.stringify(doc, null, 2);
}

describe(`a tsunami bulletin whose timesent contradicts its quake time still warns its zones (${engineUnderTest})`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  const originMs = Math.floor((Date.now() - 10 * 60_000) / 1000) * 1000;
  const plans: DeliveryPlan[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-times-'));
    for (const [file, count, seed] of [
      [DELI_SERDANG, '900', 'times-ds'],
      [DKI, '1500', 'times-dki'],
    ] as const) {
      expect((await runSiaga(['import', 'areas', file], t.db)).code).toBe(0);
      const csv = path.join(dir, `${seed}.csv`);
      expect((await runSiaga(['generate', 'households', '--villages', file, '--count', count, '--seed', seed, '--out', csv])).code).toBe(0);
      expect((await runSiaga(['import', 'households', csv], t.db)).code).toBe(0);
    }
    bmkg = await startBmkgStandIn();
    bmkg.serve(BULLETIN_PATH, await heldOutBulletin(originMs), 'application/json');

    const config = loadConfig({ BMKG_QUAKE_URLS: bmkg.url(BULLETIN_PATH), LOG_LEVEL: 'silent', HTTP_TIMEOUT_MS: '2000' });
    const logger = createLogger('silent');
    const deliveryDeps = testDeliveryDeps(t.db, testClock(new Date().toISOString()));
    const queue = recordingQueue();
    const deps = {
      ...createFeedDeps(config, t.db, logger, createLocalRateBudget({ limit: 60, windowMs: 60_000 })),
      handOn: async (ids: number[]) => void plans.push(...(await Promise.all(ids.map((id) => deliverMessage(deliveryDeps, queue, id))))),
    };
    await runFeed(configuredFeeds(config), deps, 'bmkg-quake', { slot: 'held-out' });
  });
  afterAll(async () => {
    await bmkg?.close();
    await t?.drop();
  });

  const tsunamiAlert = async () => {
    const { rows } = await t.db.query<{
      id: number;
      msg_type: string;
      status: string;
      sent: Date;
      expires: Date;
      households_inside: number;
      time_alarms: { kind: string; message: string }[];
    }>(
      `SELECT id::int, msg_type, status, sent, expires, households_inside, time_alarms FROM alerts WHERE identifier LIKE 'siaga-tsunami-%'`,
    );
    expect(rows).toHaveLength(1);
    return rows[0] as NonNullable<(typeof rows)[0]>;
  };

  it('becomes one standing Alert, sent at the quake time and in force for 6 h, with the contradiction recorded', async () => {
    const alert = await tsunamiAlert();
    expect([alert.msg_type, alert.status]).toEqual(['Alert', 'Actual']);
    expect(alert.sent.getTime()).toBe(originMs);
    expect(alert.expires.getTime()).toBe(originMs + 6 * 3_600_000);
    expect((await listAlerts(t.db, { activeOnly: true, now: new Date() })).map((a) => a.id)).toContain(alert.id);
    expect(alert.time_alarms).toEqual([
      expect.objectContaining({
        kind: 'sent-before-event',
        message: expect.stringMatching(/2018-07-12T01:50:18Z is before the quake it reports/),
      }),
    ]);
  });

  it('reaches every registered household of the three regencies, each at its zone level, and nobody elsewhere', async () => {
    const alert = await tsunamiAlert();
    const { rows: households } = await t.db.query<{ id: string; regency: string; phone: string | null }>(
      `SELECT id, substring(village_code for 5) AS regency, phone FROM households WHERE valid_to IS NULL`,
    );
    const inZones = households.filter((h) => h.regency in LEVEL_OF);
    expect(new Set(inZones.map((h) => h.regency))).toEqual(new Set(Object.keys(LEVEL_OF)));
    expect(households.length - inZones.length).toBeGreaterThan(500); // the rest of Jakarta, which no zone names
    expect(alert.households_inside).toBe(inZones.length);

    const { rows: told } = await t.db.query<{ household_id: string; severity: string; kind: string }>(
      `SELECT household_id, severity, kind FROM deliveries WHERE alert_id = $1 ORDER BY household_id`,
      [alert.id],
    );
    const reachable = inZones.filter((h) => h.phone !== null);
    expect(told.map((d) => d.household_id)).toEqual(reachable.map((h) => h.id).sort());
    const regencyOf = new Map(inZones.map((h) => [h.id, h.regency]));
    expect(told.filter((d) => d.severity !== LEVEL_OF[regencyOf.get(d.household_id) ?? ''] || d.kind !== 'warning')).toEqual([]);
    // The households without a phone or push subscription are counted, not forgotten.
    expect(plans.find((p) => p.alertId === String(alert.id))).toMatchObject({
      action: 'planned',
      unreachable: inZones.length - reachable.length,
      sms: reachable.length,
    });
  });

  it('shows the alarm on the fetch: `feeds log`, its alarm filter, and the log row', async () => {
    const [fetch] = await listFetches(t.db, { feed: 'bmkg-quake', limit: 1 });
    expect(fetch?.outcome).toBe('new');
    expect(fetch?.time_alarms).toContainEqual(
      expect.objectContaining({ item: expect.stringMatching(/^siaga-tsunami-/), kind: 'sent-before-event' }),
    );
    const log = await runSiaga(['feeds', 'log', '--feed', 'bmkg-quake'], t.db);
    expect(log.stdout).toMatch(/ new .*TIME ALARM x\d/);
    expect(log.stdout).toMatch(
      /ALARM siaga-tsunami-\S+ tsunami \S+ PD-1 timesent: BMKG's send time 2018-07-12T01:50:18Z is before the quake/,
    );
    const alarmed = await runSiaga(['feeds', 'log', '--outcome', 'alarm', '--json'], t.db);
    expect((JSON.parse(alarmed.stdout) as { id: number }[]).map((r) => r.id)).toEqual([fetch?.id]);
    expect(JSON.parse((await runSiaga(['feeds', 'log', '--outcome', 'unchanged', '--json'], t.db)).stdout)).toEqual([]);
  });

  it('shows the alarm with the alert: `alerts show`, `alerts list` and the liaison pages', async () => {
    const alert = await tsunamiAlert();
    const shown = await runSiaga(['alerts', 'show', String(alert.id)], t.db);
    expect(shown.stdout).toMatch(/TIME ALARM tsunami \S+ PD-1 timesent: BMKG's send time 2018-07-12T01:50:18Z/);
    expect((await runSiaga(['alerts', 'list'], t.db)).stdout).toMatch(new RegExp(`TIME ALARM x1 \\(alerts show ${alert.id}\\)`));

    const rows = await listFetches(t.db, { feed: 'bmkg-quake', limit: 5 });
    expect(liaisonLogPage('en', 'rina.bmkg', ['bmkg-quake'], { feed: '', outcome: '', since: '' }, rows)).toMatch(
      />new<\/span> <span class="badge status-down" data-time-alarms="\d">time alarm/,
    );
    const found = await fetchWithPayloads(t.db, rows[0]?.id ?? 0, 10_000);
    if (!found) throw new Error('the fetch is not found');
    expect(liaisonFetchPage('id', 'rina.bmkg', found.fetch, found.payloads)).toMatch(
      /id="time-alarms"[\s\S]*Alarm waktu[\s\S]*siaga-tsunami-[\s\S]*2018-07-12T01:50:18Z/,
    );
    expect(liaisonAlertsPage('en', 'rina.bmkg', await listAlerts(t.db, { activeOnly: false, now: new Date() }))).toMatch(
      new RegExp(`data-alert="${alert.id}"[\\s\\S]*?data-time-alarms="1"`),
    );
    const detail = await showAlert(t.db, String(alert.id), new Date());
    if (!detail) throw new Error('the alert is not found');
    expect(liaisonAlertPage('en', 'rina.bmkg', detail)).toMatch(/Time alarms[\s\S]*is before the quake it reports/);
  });
});
