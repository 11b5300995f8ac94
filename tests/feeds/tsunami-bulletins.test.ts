// InaTEWS tsunami bulletins through the quake job, end to end against the local BMKG stand-in:
// the M7.7 sequence of August 2026 (PD-1 … PD-3.4, then the end) becomes one chain of Siaga messages —
// an Alert, Updates at each stage, a Cancel — over the kabupaten/kota codes its zones resolve to;
// a second tick adds nothing; a zone that cannot be resolved is shown to the liaison with the payload,
// and a warning none of whose zones resolves is counted invalid with its payload kept. Targeting
// reaches a village by its code prefix, so a warning over regency codes needs no regency polygons.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAreas } from '../../src/db/admin-areas.ts';
import type { FetchLogRow } from '../../src/db/feed-log.ts';
import { readAreaFeatures } from '../../src/registry/area-features.ts';
import { startBmkgStandIn, type BmkgStandIn } from '../support/bmkg-stand-in.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const LAST30 = '/last30tsunamievent.xml';
const DATAGEMPA = '/datagempa.json';

interface Message {
  identifier: string;
  msg_type: string;
  status: string;
  group_id: number;
  geocodes: string[];
  value_names: string[];
  references: string[];
  villages: string[];
}

// Two villages and no regency polygons: one in Kabupaten Ngada (53.09, "NGADA BAGIAN UTARA", the one
// coast of the first warning), one in Deli Serdang (12.07), which no zone names.
const NGADA_VILLAGE = '53.09.01.2001';
const FAR_VILLAGE = '12.07.01.2001';
const square = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.01, lat],
      [lon + 0.01, lat + 0.01],
      [lon, lat + 0.01],
      [lon, lat],
    ],
  ],
});
const VILLAGES = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: NGADA_VILLAGE, name: 'Desa Uji Ngada' }, geometry: square(121.0, -8.6) },
    { type: 'Feature', properties: { code: FAR_VILLAGE, name: 'Desa Uji Deli Serdang' }, geometry: square(98.7, 3.5) },
  ],
};

describe(`InaTEWS tsunami bulletins through the quake job (${engineUnderTest})`, () => {
  let t: TestDb;
  let bmkg: BmkgStandIn;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await createTestDb();
    const { rows } = readAreaFeatures(VILLAGES, 'village');
    await t.db.transaction((tx) => importAreas(tx, rows));
    bmkg = await startBmkgStandIn();
    bmkg.serve(LAST30, await readFile(path.join(FIXTURES, 'bmkg/inatews-last30tsunamievent-20260815-nagekeo-M7.7.xml')), 'application/xml');
    bmkg.serve(
      DATAGEMPA,
      await readFile(path.join(FIXTURES, 'bmkg/inatews-datagempa-tsunami-warning-20180712085018-test.json')),
      'application/json',
    );
    env = { BMKG_QUAKE_URLS: `${bmkg.url(LAST30)},${bmkg.url(DATAGEMPA)}`, LOG_LEVEL: 'silent', HTTP_TIMEOUT_MS: '2000' };
  });
  afterAll(async () => {
    await bmkg.close();
    await t.drop();
  });

  const run = async () => {
    const r = await runSiaga(['feeds', 'run', 'bmkg-quake', '--json'], t.db, env);
    // Exit 1 says that a listed document was not stored; the JSON says which, and the rest was stored.
    expect(r.code, r.stderr).toBe(r.stdout.includes('"itemsInvalid": 0') ? 0 : 1);
    return JSON.parse(r.stdout) as { fetches: FetchLogRow[] };
  };
  const messages = async (): Promise<Message[]> =>
    (
      await t.db.query<Message>(`
      SELECT a.identifier, a.msg_type, a.status, a.group_id::int AS group_id,
             coalesce((SELECT array_agg(DISTINCT g->>'value' ORDER BY g->>'value') FROM jsonb_array_elements(a.target_spec->'geocodes') AS g), '{}') AS geocodes,
             coalesce((SELECT array_agg(DISTINCT g->>'valueName') FROM jsonb_array_elements(a.target_spec->'geocodes') AS g), '{}') AS value_names,
             coalesce((SELECT array_agg(r.identifier ORDER BY r.position) FROM alert_references r WHERE r.alert_id = a.id), '{}') AS references,
             coalesce((SELECT array_agg(v.village_code ORDER BY v.village_code) FROM alert_target_villages v WHERE v.alert_id = a.id), '{}') AS villages
      FROM alerts a WHERE a.identifier LIKE 'siaga-tsunami-%' ORDER BY a.sent`)
    ).rows;

  it('turns the Nagekeo sequence into Alert, Updates and a Cancel over resolved regency codes, and the 2018 test bulletin into a Test message', async () => {
    const first = await run();
    expect(first.fetches.map((f) => f.outcome)).toEqual(['new', 'new']);
    const all = await messages();
    const nagekeo = all.filter((m) => m.status === 'Actual');
    expect(nagekeo[0]?.msg_type).toBe('Alert');
    expect(nagekeo.at(-1)?.msg_type).toBe('Cancel');
    expect(nagekeo.slice(1, -1).every((m) => m.msg_type === 'Update')).toBe(true);
    expect(nagekeo.length).toBeGreaterThanOrEqual(3);
    // One warning: the whole chain is one group.
    expect(new Set(nagekeo.map((m) => m.group_id)).size).toBe(1);
    // Zones resolved to kabupaten/kota codes of the provinces the bulletins name (NTT 53, NTB 52,
    // Sulawesi Selatan 73, Sulawesi Tenggara 74); the first warning (PD-1) named one coast.
    const codes = new Set(nagekeo.flatMap((m) => m.geocodes));
    expect([...codes].filter((c) => !/^(52|53|73|74)\.\d{2}$/.test(c))).toEqual([]);
    expect(codes.size).toBeGreaterThan(10);
    expect(nagekeo[0]?.geocodes).toEqual(['53.09']);
    // CAP geocodes named ADM2 (kabupaten/kota), each message referring to Siaga's previous one.
    expect(new Set(all.flatMap((m) => m.value_names))).toEqual(new Set(['ADM2']));
    nagekeo.slice(1).forEach((m, i) => expect(m.references, m.identifier).toEqual([nagekeo[i]?.identifier]));
    // The first warning reaches the Ngada village through its code prefix, and not the far one.
    expect(nagekeo[0]?.villages).toEqual([NGADA_VILLAGE]);
    expect(all.flatMap((m) => m.villages)).not.toContain(FAR_VILLAGE);
    // The list's other tsunami (June 2026) is only its end (PD-4): nothing of Siaga's to cancel, no message.
    expect(all.filter((m) => m.identifier.startsWith('siaga-tsunami-20260607'))).toEqual([]);
    const last30 = first.fetches.find((f) => f.url.endsWith(LAST30));
    expect(last30?.items_new).toBeGreaterThan(0);
    expect(last30?.items_invalid).toBe(0);
    const test = all.filter((m) => m.status === 'Test');
    expect(test.length).toBe(1);
    expect(test[0]?.geocodes.length).toBeGreaterThan(0);
  });

  it('a second tick adds nothing', async () => {
    const before = (await messages()).length;
    const second = await run();
    expect(second.fetches.map((f) => f.outcome)).toEqual(['not_modified', 'not_modified']);
    expect((await messages()).length).toBe(before);
  });

  it('shows the liaison a warning zone it could not resolve, with the payload, and still warns the zones it could', async () => {
    const body = (await readFile(path.join(FIXTURES, 'bmkg/inatews-datagempa-tsunami-warning-20180712085018-test.json'), 'utf8'))
      // another quake (another origin minute): a new warning, not an update of the one above
      .replace(/"time"\s*:\s*"11:04:25 WIB"/, '"time": "12:00:00 WIB"');
    const doc = JSON.parse(body) as { info: { wzarea: { district: string }[] | { district: string } } };
    const zones = Array.isArray(doc.info.wzarea) ? doc.info.wzarea : [doc.info.wzarea];
    (zones[0] as { district: string }).district = 'ATLANTIS BAGIAN UTARA';
    bmkg.serve(DATAGEMPA, JSON.stringify(doc), 'application/json');
    const r = await run();
    const fetch = r.fetches.find((f) => f.url.endsWith(DATAGEMPA));
    expect(fetch?.outcome).not.toBe('error');
    const payloads = await t.db.query<{ problems: { message: string }[] }>(`SELECT problems FROM feed_payloads WHERE fetch_id = $1`, [
      fetch?.id,
    ]);
    expect(JSON.stringify(payloads.rows)).toMatch(/ATLANTIS BAGIAN UTARA.*could not be resolved/);
    // The zones it could resolve were still warned.
    const warned = (await messages()).filter((m) => m.identifier.startsWith('siaga-tsunami-20180711T0500Z'));
    expect(warned.map((m) => m.msg_type)).toEqual(['Alert']);
    expect(warned[0]?.geocodes.length).toBeGreaterThan(10);
    expect(fetch?.items_invalid).toBe(0);
  });

  it('counts a warning none of whose zones resolves as invalid, keeps its payload, and sends nothing for it', async () => {
    const body = (await readFile(path.join(FIXTURES, 'bmkg/inatews-datagempa-tsunami-warning-20180712085018-test.json'), 'utf8'))
      // another quake (another origin minute), so that nothing of Siaga's is there to update
      .replace(/"time"\s*:\s*"11:04:25 WIB"/, '"time": "13:30:00 WIB"')
      .replace(/"district"\s*:\s*"[^"]*"/g, '"district": "ATLANTIS"');
    bmkg.serve(DATAGEMPA, body, 'application/json');
    const before = (await messages()).length;
    const r = await run();
    const fetch = r.fetches.find((f) => f.url.endsWith(DATAGEMPA));
    expect(fetch?.outcome).not.toBe('error');
    expect(fetch?.items_invalid).toBe(1);
    const payloads = await t.db.query<{ problems: { message: string }[]; bytes: number }>(
      `SELECT problems, bytes FROM feed_payloads WHERE fetch_id = $1`,
      [fetch?.id],
    );
    expect(payloads.rows).toHaveLength(1);
    expect(payloads.rows[0]?.bytes).toBeGreaterThan(0);
    expect(JSON.stringify(payloads.rows[0]?.problems)).toMatch(/could resolve none to a code; nobody could be warned/);
    expect((await messages()).length).toBe(before);
  });
});
