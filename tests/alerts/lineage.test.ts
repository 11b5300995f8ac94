// Identity, translations, duplicates and the Update/Cancel lineage, in any order of arrival.
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestCapDocument, type IngestOptions } from '../../src/alerts/ingest-cap-document.ts';
import type { IngestResult } from '../../src/alerts/ingest-result.ts';
import type { AlertListRow } from '../../src/db/alert-queries.ts';
import { buildCap, boxRing, TEST_SENDER, type TestCap } from '../support/cap-builder.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const DELI_SERDANG = path.join(FIXTURES, 'id-admin/deli_serdang_villages.geojson');
const OPTIONS: IngestOptions = { dryRun: false, maxBytes: 5 * 1024 * 1024, marginM: 0 };
const SENT_1 = '2026-11-28T10:00:00+07:00';
const SENT_2 = '2026-11-28T10:30:00+07:00';
const SENT_3 = '2026-11-28T11:00:00+07:00';
// Far in the future so that the groups stay active whatever day the tests run.
const LATER = '2099-01-01T00:00:00+07:00';
const AREA_A = boxRing(98.7, 3.5, 98.8, 3.58);
const AREA_B = boxRing(98.85, 3.55, 98.95, 3.65);

const alertCap = (identifier: string, over: Partial<TestCap> = {}): TestCap => ({
  identifier,
  sent: SENT_1,
  infos: [{ expires: LATER, areas: [{ polygons: [AREA_A] }] }],
  ...over,
});
const ref = (identifier: string, sent = SENT_1): [string, string, string] => [TEST_SENDER, identifier, sent];

describe(`alert lineage (${engineUnderTest})`, () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-lineage-'));
    expect((await runSiaga(['import', 'areas', DELI_SERDANG], t.db)).code).toBe(0);
    const csv = path.join(dir, 'hh.csv');
    expect(
      (await runSiaga(['generate', 'households', '--villages', DELI_SERDANG, '--count', '3000', '--seed', 'lineage', '--out', csv])).code,
    ).toBe(0);
    expect((await runSiaga(['import', 'households', csv], t.db)).code).toBe(0);
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    // Every test starts with no alerts; the registry stays.
    await t.db.execScript(
      `TRUNCATE alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
  });

  const ingest = (doc: string | TestCap, options: Partial<IngestOptions> = {}): Promise<IngestResult> =>
    ingestCapDocument(t.db, { source: 'test', bytes: typeof doc === 'string' ? doc : buildCap(doc) }, { ...OPTIONS, ...options });
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;
  const list = async (active = false): Promise<AlertListRow[]> => {
    const run = await runSiaga(['alerts', 'list', '--json', ...(active ? ['--active'] : [])], t.db);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as AlertListRow[];
  };

  it('merges the id and en BMKG documents of one warning into one alert with two languages', async () => {
    const id = await readFile(path.join(FIXTURES, 'bmkg/cap-nowcast-CGT20260924002-id.xml'));
    const en = await readFile(path.join(FIXTURES, 'bmkg/cap-nowcast-CGT20260924002-en.xml'));
    const first = await ingest(id.toString('utf8'));
    const second = await ingest(en.toString('utf8'));
    expect(first.outcome).toBe('new');
    expect(second.outcome).toBe('translation');
    expect(second.alertId).toBe(first.alertId);
    expect(second.languages).toEqual(['id', 'en']);
    expect(await count('alerts')).toBe(1);
    expect(await count('alert_documents')).toBe(2);
    const { rows } = await t.db.query<{ language: string; event: string }>(`SELECT language, event FROM alert_infos ORDER BY position`);
    expect(rows).toEqual([
      { language: 'id', event: 'Hujan Lebat dan Petir' },
      { language: 'en', event: 'Thunderstorm' },
    ]);
    // Both raw documents are kept verbatim.
    const docs = await t.db.query<{ raw_xml: string }>(`SELECT raw_xml FROM alert_documents ORDER BY id`);
    expect(docs.rows.map((d) => d.raw_xml)).toEqual([id.toString('utf8'), en.toString('utf8')]);
  });

  it('treats the same document again, or the same content re-serialised, as a duplicate with no effect', async () => {
    const xml = buildCap(alertCap('DUP-1'));
    expect((await ingest(xml)).outcome).toBe('new');
    const again = await ingest(xml);
    expect(again.outcome).toBe('duplicate');
    const reformatted = await ingest(xml.replace(/\n\s*/g, '\n').replace('<alert ', '<alert  '));
    expect(reformatted.outcome).toBe('duplicate');
    expect(reformatted.households.inside).toBe(again.households.inside);
    expect(await count('alerts')).toBe(1);
    expect(await count('alert_documents')).toBe(1);
  });

  it('refuses a different document reusing a stored identity in the same language, storing nothing', async () => {
    await ingest(alertCap('CONFLICT-1'));
    const changed = await ingest(
      alertCap('CONFLICT-1', { infos: [{ expires: LATER, headline: 'something else', areas: [{ polygons: [AREA_B] }] }] }),
    );
    expect(changed.outcome).toBe('rejected');
    expect(changed.errors[0]?.message).toMatch(/same identity .* send it as an Update/);
    expect(await count('alert_documents')).toBe(1);
  });

  it('an Update joins the group, replaces the area and retargets', async () => {
    const original = await ingest(alertCap('UPD-1'));
    const update = await ingest(
      alertCap('UPD-2', {
        msgType: 'Update',
        sent: SENT_2,
        references: [ref('UPD-1')],
        infos: [{ expires: LATER, areas: [{ polygons: [AREA_B] }] }],
      }),
    );
    expect(update.outcome).toBe('update');
    expect(update.group?.id).toBe(original.group?.id);
    expect(update.group?.references).toEqual({ resolved: 1, pending: 0 });
    expect(update.households.inside).toBeGreaterThan(0);
    expect(update.villages.map((v) => v.code)).not.toEqual(original.villages.map((v) => v.code));
    const active = await list(true);
    expect(active.map((a) => a.identifier)).toEqual(['UPD-2']);
    expect(active[0]?.households_inside).toBe(update.households.inside);
    const all = await list();
    expect(all.find((a) => a.identifier === 'UPD-1')?.state).toBe('superseded');
  });

  it('a Cancel ends the group and names the households that were warned', async () => {
    const original = await ingest(alertCap('CAN-1'));
    const cancel = await ingest(alertCap('CAN-2', { msgType: 'Cancel', sent: SENT_2, references: [ref('CAN-1')], infos: [] }));
    expect(cancel.outcome).toBe('cancel');
    expect(cancel.group?.state).toBe('cancelled');
    expect(cancel.households.inside).toBe(original.households.inside);
    expect(await list(true)).toEqual([]);
    const show = await runSiaga(['alerts', 'show', 'CAN-1', '--json'], t.db);
    const detail = JSON.parse(show.stdout) as { alert: { state: string }; lineage: { msg_type: string }[] };
    expect(detail.alert.state).toBe('superseded');
    expect(detail.lineage.map((m) => m.msg_type)).toEqual(['Alert', 'Cancel']);
  });

  it('resolves an Update that arrived before its Alert; the late Alert does not override it', async () => {
    const update = await ingest(
      alertCap('OOO-2', {
        msgType: 'Update',
        sent: SENT_2,
        references: [ref('OOO-1')],
        infos: [{ expires: LATER, areas: [{ polygons: [AREA_B] }] }],
      }),
    );
    expect(update.group?.references).toEqual({ resolved: 0, pending: 1 });
    const late = await ingest(alertCap('OOO-1'));
    expect(late.outcome).toBe('new');
    expect(late.group?.id).toBe(update.group?.id);
    expect(late.group?.superseded).toBe(true);
    expect((await list(true)).map((a) => a.identifier)).toEqual(['OOO-2']);
    const { rows } = await t.db.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM alert_references WHERE resolved_alert_id IS NULL`,
    );
    expect(rows[0]?.pending).toBe(0);
  });

  it('a Cancel that arrived first keeps the late Alert from ever standing', async () => {
    await ingest(alertCap('OOC-2', { msgType: 'Cancel', sent: SENT_2, references: [ref('OOC-1')], infos: [] }));
    const late = await ingest(alertCap('OOC-1'));
    expect(late.group?.state).toBe('cancelled');
    expect(late.group?.superseded).toBe(true);
    expect(await list(true)).toEqual([]);
  });

  it('joins two groups when an Update references both', async () => {
    const a = await ingest(alertCap('J-A'));
    const b = await ingest(alertCap('J-B', { sent: SENT_2, infos: [{ expires: LATER, areas: [{ polygons: [AREA_B] }] }] }));
    expect(a.group?.id).not.toBe(b.group?.id);
    const u = await ingest(alertCap('J-U', { msgType: 'Update', sent: SENT_3, references: [ref('J-A'), ref('J-B', SENT_2)] }));
    expect(u.group?.references).toEqual({ resolved: 2, pending: 0 });
    const { rows } = await t.db.query<{ groups: number }>(`SELECT count(DISTINCT group_id)::int AS groups FROM alerts`);
    expect(rows[0]?.groups).toBe(1);
    expect((await list(true)).map((x) => x.identifier)).toEqual(['J-U']);
  });

  it('keeps a reference that never arrives as pending, and says so', async () => {
    const u = await ingest(alertCap('NEVER-2', { msgType: 'Update', sent: SENT_2, references: [ref('NEVER-1')] }));
    expect(u.outcome).toBe('update');
    expect(u.group?.references.pending).toBe(1);
    const show = await runSiaga(['alerts', 'show', 'NEVER-2'], t.db);
    expect(show.stdout).toMatch(/references cuaca\.ekstrem@bmkg\.go\.id,NEVER-1,.*: not received yet/);
  });

  it('ends an alert by its expiry, and never delivers Test or Ack messages', async () => {
    await ingest(alertCap('EXP-1', { infos: [{ expires: '2020-01-01T00:00:00+07:00', areas: [{ polygons: [AREA_A] }] }] }));
    const test = await ingest(alertCap('TEST-1', { status: 'Test' }));
    expect(test.deliverable).toBe(false);
    const all = await list();
    expect(all.find((a) => a.identifier === 'EXP-1')?.state).toBe('expired');
    expect((await list(true)).map((a) => a.identifier)).toEqual(['TEST-1']);
    expect((await list(true))[0]?.deliverable).toBe(false);
  });

  it('a dry run reports the same outcome and writes nothing', async () => {
    const dry = await ingest(alertCap('DRY-1'), { dryRun: true });
    expect(dry.outcome).toBe('new');
    expect(dry.households.inside).toBeGreaterThan(0);
    expect(await count('alerts')).toBe(0);
    expect(await count('alert_groups')).toBe(0);
    const real = await ingest(alertCap('DRY-1'));
    expect(real.households).toEqual(dry.households);
    expect(real.villages).toEqual(dry.villages);
  });

  it('stores nothing for a rejected document: truncated, wrong namespace, swapped lon/lat, unclosed polygon', async () => {
    const good = buildCap(alertCap('BAD-1'));
    const bad = {
      truncated: good.slice(0, good.length / 2),
      namespace: good.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:example:not-cap'),
      swapped: buildCap(
        alertCap('BAD-2', { infos: [{ expires: LATER, areas: [{ polygons: [AREA_A.map(([lon, lat]) => [lat ?? 0, lon ?? 0])] }] }] }),
      ),
      unclosed: buildCap(alertCap('BAD-3', { infos: [{ expires: LATER, areas: [{ polygons: [AREA_A.slice(0, -1)] }] }] })),
    };
    for (const [name, xml] of Object.entries(bad)) {
      const r = await ingest(xml);
      expect(r.outcome, name).toBe('rejected');
      expect(r.errors.length, name).toBeGreaterThan(0);
    }
    expect(await count('alerts')).toBe(0);
    expect(await count('alert_groups')).toBe(0);
  });
});
