// `siaga cap ingest` on feeds, and its plain words at the edges: each entry of an Atom or RSS feed
// is ingested on its own (embedded or linked; one with no CAP is rejected alone, saying why); an
// area outside every imported village is called outside Siaga's coverage, not a silent
// "0 village(s)"; and a dry run never calls an expired message active.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IngestResult } from '../src/alerts/ingest-result.ts';
import { boxRing, buildCap } from './support/cap-builder.ts';
import { atomFeed, rssFeed } from './support/cap-feeds.ts';
import { DELI_SERDANG } from './support/delivery-harness.ts';
import { goodCap } from './support/hostile-caps.ts';
import { runSiaga } from './support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';

// In the Strait of Malacca: inside Indonesia's box, outside every imported village.
const SEA = boxRing(98.1, 4.2, 98.2, 4.3);
const FUTURE = '2099-01-01T00:00:00+07:00';

describe(`cap ingest: feeds and plain words at the edges (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-ingest-feeds-'));
    expect((await runSiaga(['import', 'areas', DELI_SERDANG], t.db)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.drop();
  });
  beforeEach(async () => {
    await t.db.query(
      `TRUNCATE alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
  });
  const write = async (name: string, text: string) => {
    const f = path.join(dir, name);
    await writeFile(f, text);
    return f;
  };
  const stored = async () =>
    (
      await t.db.query<{ identifier: string; source: string }>(
        `SELECT a.identifier, d.source FROM alerts a JOIN alert_documents d ON d.alert_id = a.id ORDER BY a.identifier`,
      )
    ).rows;

  it('ingests each entry of an Atom feed on its own, embedded or linked, and rejects the one with no CAP alone', async () => {
    const linked = await write('linked.xml', goodCap('FEED-LINKED'));
    const feed = await write(
      'alerts.atom',
      atomFeed([{ id: 'a', embed: goodCap('FEED-EMBED') }, { id: 'b', link: 'linked.xml' }, { id: 'c' }]),
    );
    const r = await runSiaga(['cap', 'ingest', '--json', feed], t.db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${feed.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: Atom feed, 3 entries, each ingested on its own\n`),
    );
    expect(r.stderr).toMatch(/1 of 3 document\(s\) rejected/);
    const results = JSON.parse(r.stdout) as IngestResult[];
    expect(results.map((x) => [x.file, x.outcome])).toEqual([
      [`${feed} entry 1 (a)`, 'new'],
      [`${feed} entry 2 (b)`, 'new'],
      [`${feed} entry 3 (c)`, 'rejected'],
    ]);
    expect(results[2]?.errors[0]?.message).toMatch(/neither embeds a CAP <alert> in <content> nor links to a CAP message/);
    expect(await stored()).toEqual([
      { identifier: 'FEED-EMBED', source: `${feed} entry 1 (a)` },
      { identifier: 'FEED-LINKED', source: path.relative(process.cwd(), linked) },
    ]);
  });

  it('ingests the alerts an RSS feed embeds in its items', async () => {
    const feed = await write(
      'index.rss',
      rssFeed([
        { id: 'x', embed: goodCap('RSS-1') },
        { id: 'y', embed: goodCap('RSS-2') },
      ]),
    );
    const r = await runSiaga(['cap', 'ingest', '--json', feed], t.db);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as IngestResult[]).map((x) => x.outcome)).toEqual(['new', 'new']);
    expect((await stored()).map((s) => s.identifier)).toEqual(['RSS-1', 'RSS-2']);
  });

  it("says a polygon or circle outside every imported village is outside Siaga's coverage, in the dry run too", async () => {
    const sea = await write('sea.xml', buildCap({ identifier: 'SEA-1', infos: [{ expires: FUTURE, areas: [{ polygons: [SEA] }] }] }));
    const circle = await write(
      'circle.xml',
      buildCap({ identifier: 'SEA-2', infos: [{ expires: FUTURE, areas: [{ circles: [[98.15, 4.25, 2]] }] }] }),
    );
    const r = await runSiaga(['cap', 'ingest', '--dry-run', sea, circle], t.db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/0 village\(s\)/);
    expect(r.stdout).toContain(
      "  outside Siaga's coverage: the area (alert/info[0]/area[0]/polygon[0]) lies outside every imported village, so it reaches no household here",
    );
    expect(r.stdout).toContain(
      "  outside Siaga's coverage: the area (alert/info[0]/area[0]/circle[0]) lies outside every imported village, so it reaches no household here",
    );
    const json = JSON.parse((await runSiaga(['cap', 'ingest', '--dry-run', '--json', sea], t.db)).stdout) as IngestResult[];
    expect(json[0]?.outsideCoverage).toEqual(['alert/info[0]/area[0]/polygon[0]']);
  });

  it('names the areas outside coverage beside the villages the others reach', async () => {
    const both = await write(
      'both.xml',
      buildCap({ identifier: 'HALF-1', infos: [{ expires: FUTURE, areas: [{ polygons: [boxRing(98.85, 3.53, 98.89, 3.57), SEA] }] }] }),
    );
    const r = await runSiaga(['cap', 'ingest', '--dry-run', both], t.db);
    expect(r.stdout).toMatch(/ {2}[1-9]\d* village\(s\) · /);
    expect(r.stdout).toContain("  1 area(s) outside Siaga's coverage: alert/info[0]/area[0]/polygon[1]");
  });

  it('never calls an expired message active in a dry run; a current one is', async () => {
    const expired = await write(
      'expired.xml',
      buildCap({
        identifier: 'OLD-1',
        infos: [{ expires: '2020-01-01T00:00:00+07:00', areas: [{ polygons: [boxRing(98.85, 3.53, 98.89, 3.57)] }] }],
        sent: '2020-01-01T00:00:00+07:00',
      }),
    );
    const current = await write(
      'current.xml',
      buildCap({ identifier: 'NOW-1', infos: [{ expires: FUTURE, areas: [{ polygons: [boxRing(98.85, 3.53, 98.89, 3.57)] }] }] }),
    );
    const r = await runSiaga(['cap', 'ingest', '--dry-run', expired, current], t.db);
    const [first, second] = r.stdout.split(/^(?=NEW)/m);
    expect(first).toMatch(/^ {2}alert \d+ in group \d+ \(expired: it warns nobody any more\)$/m);
    expect(first).not.toMatch(/\(active\)/);
    expect(second).toMatch(/^ {2}alert \d+ in group \d+ \(active\)$/m);
    const json = JSON.parse((await runSiaga(['cap', 'ingest', '--dry-run', '--json', expired, current], t.db)).stdout) as IngestResult[];
    expect(json.map((x) => x.expired)).toEqual([true, false]);
  });

  it("cap validate --coverage names the areas outside Siaga's coverage, reading the imported villages", async () => {
    const sea = await write('v-sea.xml', buildCap({ identifier: 'V-SEA', infos: [{ expires: FUTURE, areas: [{ polygons: [SEA] }] }] }));
    const land = await write(
      'v-land.xml',
      buildCap({ identifier: 'V-LAND', infos: [{ expires: FUTURE, areas: [{ polygons: [boxRing(98.85, 3.53, 98.89, 3.57)] }] }] }),
    );
    const r = await runSiaga(['cap', 'validate', '--coverage', sea, land], t.db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'OK ' +
        sea +
        "\n  warning alert/info[0]/area[0]/polygon[0]: outside Siaga's coverage: this area lies outside every village imported into Siaga, so it would reach no household here.\n",
    );
    expect(r.stdout).toContain(`OK ${land}\n2 document(s)`);
    const json = JSON.parse((await runSiaga(['cap', 'validate', '--coverage', '--json', sea, land], t.db)).stdout) as {
      outsideCoverage?: string[];
    }[];
    expect(json.map((v) => v.outsideCoverage)).toEqual([['alert/info[0]/area[0]/polygon[0]'], []]);
  });
});
