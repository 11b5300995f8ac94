// Times that contradict each other or the clock, in documents from outside and in a BMKG quake
// report, through the real feed jobs against the local BMKG stand-in and into the deliveries
// ledger: a warning is never silenced by a wrong time, a genuinely old message replayed is never
// sent again, the stored document stays verbatim, and each contradiction is an alarm on the alert
// and on the fetch.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { createLocalRateBudget } from '../../src/adapters/local-rate-budget.ts';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../src/config.ts';
import { showAlert } from '../../src/db/alert-queries.ts';
import { loadDeliveryMessage } from '../../src/db/delivery-messages.ts';
import { listFetches } from '../../src/db/feed-log.ts';
import { deliverMessage, type DeliveryPlan } from '../../src/delivery/deliver-message.ts';
import { createFeedDeps } from '../../src/feeds/create-feed-deps.ts';
import { runFeed } from '../../src/feeds/run-feed.ts';
import { createLogger } from '../../src/logger.ts';
import { formatTime } from '../../src/web/format.ts';
import { alertPage } from '../../src/web/page-alert.ts';
import { startBmkgStandIn, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { boxRing, buildCap, TEST_SENDER, type TestCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { householdsInBoxes } from '../hazards/hazard-test-kit.ts';

const H = 3_600_000;
const BOX: [number, number, number, number] = [98.7, 3.5, 98.8, 3.58];
const AREA = { polygons: [boxRing(...BOX)] };
/** An instant as CAP writes it in WIB. */
const capTime = (ms: number) => new Date(ms + 7 * H).toISOString().replace(/\.\d{3}Z$/, '+07:00');
/** `dd-mm-yy`, `HH:MM:SS WIB` and `dd/mm/yyyy HH:MM:SSWIB`, as InaTEWS writes them. */
function inatews(ms: number): { date: string; time: string; sent: string } {
  const [y, m, d, hh, mm, ss] = new Date(ms + 7 * H).toISOString().match(/\d+/g) as string[];
  return { date: `${d}-${m}-${y?.slice(2)}`, time: `${hh}:${mm}:${ss} WIB`, sent: `${d}/${m}/${y} ${hh}:${mm}:${ss}WIB` };
}

interface Alerted {
  id: number;
  expires: Date | null;
  time_alarms: { kind: string; path: string; message: string }[];
  households_inside: number;
}

describe(`contradictory times in CAP documents and quake reports (${engineUnderTest})`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  let run: (feed: string, url: string) => Promise<void>;
  const plans: DeliveryPlan[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 1500, 'times-cap');
    bmkg = await startBmkgStandIn();
    const config = loadConfig({ LOG_LEVEL: 'silent', HTTP_TIMEOUT_MS: '2000' });
    const deliveryDeps = testDeliveryDeps(t.db, testClock(new Date().toISOString()));
    const queue = recordingQueue();
    const deps = {
      ...createFeedDeps(config, t.db, createLogger('silent'), createLocalRateBudget({ limit: 60, windowMs: 60_000 })),
      handOn: async (ids: number[]) => void plans.push(...(await Promise.all(ids.map((id) => deliverMessage(deliveryDeps, queue, id))))),
    };
    let slot = 0;
    run = async (feed, url) =>
      void (await runFeed(configuredFeeds(config), deps, feed, { slot: `times-${(slot += 1)}`, urlOverride: url }));
  });
  afterAll(async () => {
    await bmkg?.close();
    await t?.drop();
  });

  const alertNamed = async (identifier: string): Promise<Alerted> => {
    const { rows } = await t.db.query<Alerted>(
      `SELECT id::int, expires, time_alarms, households_inside FROM alerts WHERE identifier = $1`,
      [identifier],
    );
    expect(rows, identifier).toHaveLength(1);
    return rows[0] as Alerted;
  };
  const told = async (alertId: number) =>
    (
      await t.db.query<{ household_id: string }>(`SELECT DISTINCT household_id FROM deliveries WHERE alert_id = $1 ORDER BY household_id`, [
        alertId,
      ])
    ).rows.map((r) => r.household_id);
  const lastFetch = async (feed: string) => (await listFetches(t.db, { feed, limit: 1 }))[0];
  const serveCap = async (name: string, cap: TestCap) => {
    const url = bmkg.url(`/alerts/nowcast/id/${name}_alert.xml`);
    bmkg.serve(`/alerts/nowcast/id/${name}_alert.xml`, buildCap(cap), 'application/xml');
    await run('bmkg-nowcast', url);
  };

  it('a CAP warning whose expiry is before its send time still warns, for 6 h from sending; the document stays verbatim', async () => {
    const sent = Math.floor((Date.now() - 5 * 60_000) / 1000) * 1000;
    const written = capTime(sent - 2 * H); // two hours before it was sent
    await serveCap('EXP001', { identifier: 'EXP001', sent: capTime(sent), infos: [{ expires: written, areas: [AREA] }] });
    const alert = await alertNamed('EXP001');
    expect(alert.expires?.getTime()).toBe(sent + 6 * H);
    expect(alert.time_alarms).toEqual([expect.objectContaining({ path: 'alert/info[0]/expires', kind: 'expires-before-start' })]);
    expect(await told(alert.id)).toEqual(await householdsInBoxes(t.db, [BOX], true));
    expect(alert.households_inside).toBeGreaterThan(0);
    // What was received is kept as received; only the reading is Siaga's.
    const { rows } = await t.db.query<{ raw_xml: string; expires: Date }>(
      `SELECT d.raw_xml, i.expires FROM alert_documents d JOIN alert_infos i ON i.document_id = d.id WHERE d.alert_id = $1`,
      [alert.id],
    );
    expect(rows[0]?.raw_xml).toContain(`<expires>${written}</expires>`);
    expect(rows[0]?.expires.getTime()).toBe(sent - 2 * H);
    // Residents are told the expiry used, not one that had passed before the warning was sent:
    // in the message, and on its public page.
    expect((await loadDeliveryMessage(t.db, alert.id))?.infos.map((i) => i.expires)).toEqual([
      new Date(sent + 6 * H).toISOString().replace('.000Z', 'Z'),
    ]);
    const detail = await showAlert(t.db, String(alert.id), new Date());
    if (!detail) throw new Error('the alert is not found');
    const page = alertPage(
      'en',
      { detail, verificationCode: 'ABC123', bbox: undefined, place: { zone: 'WIB', text: '' } },
      { lat: '', lon: '' },
    );
    expect(page).toContain(formatTime(new Date(sent + 6 * H).toISOString(), 'en'));
    expect(page).not.toContain(formatTime(new Date(sent - 2 * H).toISOString(), 'en'));
    const fetch = await lastFetch('bmkg-nowcast');
    expect(fetch).toMatchObject({ outcome: 'new', items_new: 1 });
    expect(fetch?.time_alarms).toEqual([
      expect.objectContaining({ item: 'EXP001', kind: 'expires-before-start', message: expect.stringMatching(/read as sent \+ 6 h/) }),
    ]);
  });

  it('a genuinely old message replayed is not sent again, with or without contradictory times', async () => {
    const sent = Date.now() - 72 * H;
    await serveCap('OLD001', { identifier: 'OLD001', sent: capTime(sent), infos: [{ expires: capTime(sent + 3 * H), areas: [AREA] }] });
    const old = await alertNamed('OLD001');
    expect(old.time_alarms).toEqual([]);
    expect((await lastFetch('bmkg-nowcast'))?.time_alarms).toEqual([]);
    await serveCap('OLD002', { identifier: 'OLD002', sent: capTime(sent), infos: [{ expires: capTime(sent - 2 * H), areas: [AREA] }] });
    const contradictory = await alertNamed('OLD002');
    expect(contradictory.time_alarms[0]?.message).toMatch(/the message is old and is not sent again/);
    for (const a of [old, contradictory]) {
      expect(plans.find((p) => p.alertId === String(a.id))).toMatchObject({ action: 'skipped', reason: 'the message has already expired' });
      expect(await told(a.id)).toEqual([]);
    }
  });

  it('a message sent "next year" is delivered, and its Cancel sent now still ends the warning', async () => {
    const future = capTime(Date.now() + 365 * 24 * H);
    await serveCap('FUT001', {
      identifier: 'FUT001',
      sent: future,
      infos: [{ expires: capTime(Date.now() + 365 * 24 * H + 3 * H), areas: [AREA] }],
    });
    const alert = await alertNamed('FUT001');
    expect(alert.time_alarms.map((a) => a.kind)).toEqual(['sent-in-future']);
    expect((await told(alert.id)).length).toBeGreaterThan(0);
    const cancel = await ingestCapDocument(
      t.db,
      {
        source: 'test',
        bytes: buildCap({
          identifier: 'FUT001-C',
          msgType: 'Cancel',
          sent: capTime(Date.now()),
          references: [[TEST_SENDER, 'FUT001', future]],
          infos: [{ expires: capTime(Date.now() + H), areas: [AREA] }],
        }),
      },
      { dryRun: false, maxBytes: 5e6, marginM: 0 },
    );
    expect(cancel.group).toMatchObject({ state: 'cancelled', superseded: false });
  });

  it('a felt quake reported from the future is sent at BMKG recent send time and warns its felt area for 6 h', async () => {
    const doc = JSON.parse(await readFile(path.join(FIXTURES, 'bmkg/inatews-datagempa-felt-20260926023929.json'), 'utf8')) as {
      info: Record<string, unknown>;
    };
    const origin = inatews(Date.now() + 2 * 24 * H);
    const sentMs = Math.floor((Date.now() - 60_000) / 1000) * 1000;
    // The same bulletin, its epicentre under Deli Serdang, its quake time two days ahead.
    Object.assign(doc.info, {
      date: origin.date,
      time: origin.time,
      timesent: inatews(sentMs).sent,
      point: { coordinates: '98.75,3.54' },
      latitude: '3.54 LU',
      longitude: '98.75 BT',
      magnitude: '5.9',
      area: 'Pusat gempa berada di darat 10 km BaratDaya Deli Serdang',
    });
    bmkg.serve('/future/datagempa.json', JSON.stringify(doc), 'application/json');
    await run('bmkg-quake', bmkg.url('/future/datagempa.json'));
    const { rows } = await t.db.query<{ identifier: string }>(`SELECT identifier FROM alerts WHERE identifier LIKE 'siaga-quake-%'`);
    expect(rows).toHaveLength(1);
    const alert = await alertNamed(rows[0]?.identifier ?? '');
    expect(alert.expires?.getTime()).toBe(sentMs + 6 * H);
    const onset = await t.db.query<{ onset: Date }>(`SELECT onset FROM alert_infos WHERE alert_id = $1 LIMIT 1`, [alert.id]);
    expect(onset.rows[0]?.onset.getTime()).toBe(sentMs);
    expect(alert.time_alarms.map((a) => a.kind)).toEqual(['event-in-future']);
    expect((await told(alert.id)).length).toBeGreaterThan(0);
    const fetch = await lastFetch('bmkg-quake');
    expect(fetch?.outcome).toBe('new');
    expect(fetch?.time_alarms).toEqual([
      expect.objectContaining({
        item: rows[0]?.identifier,
        kind: 'event-in-future',
        message: expect.stringMatching(/ahead of Siaga's clock/),
      }),
    ]);
  });
});
