import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';
import { runSiaga } from './support/run-cli.ts';
import { FIXTURES } from './support/fixtures.ts';

const DELI_SERDANG = path.join(FIXTURES, 'id-admin/deli_serdang_villages.geojson');

describe(`siaga import areas (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-areas-'));
  });
  afterAll(() => t.drop());

  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n;

  it('imports the 394 Deli Serdang villages, then re-import changes nothing', async () => {
    const first = await runSiaga(['import', 'areas', DELI_SERDANG, '--level', 'village', '--json'], t.db);
    expect(first.code, first.stderr).toBe(0);
    const r = JSON.parse(first.stdout);
    expect(r).toMatchObject({ inserted: 394, updated: 0, unchanged: 0, rejected: [] });
    const stats = await runSiaga(['stats', '--json'], t.db);
    expect(JSON.parse(stats.stdout).areas).toEqual({ province: 0, regency: 0, district: 0, village: 394 });
    expect(await count(`SELECT count(DISTINCT code) AS n FROM admin_area_parts`)).toBe(394);
    expect(await count(`SELECT count(*) AS n FROM admin_areas WHERE parent_code IS NULL OR left(code, 8) <> parent_code`)).toBe(0);

    const again = JSON.parse((await runSiaga(['import', 'areas', DELI_SERDANG, '--json'], t.db)).stdout);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 394 });
  });

  it('repairs a self-intersecting polygon and lists it, rejects features without a usable code by index', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature({ code: '123', name: 'three digits' }, square(0)),
        feature(
          { code: '12.07.99.2001', name: 'Bowtie' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [98, 3],
                [98.1, 3.1],
                [98.1, 3],
                [98, 3.1],
                [98, 3],
              ],
            ],
          },
        ),
        feature({ name: 'no code' }, square(1)),
        feature({ code_compact: '1207992002', name: 'Compact' }, square(2)),
        feature(
          { code: '12.07.99.2003', name: 'Line' },
          {
            type: 'LineString',
            coordinates: [
              [98, 3],
              [98.1, 3.1],
            ],
          },
        ),
      ],
    };
    const file = path.join(dir, 'mixed.geojson');
    await writeFile(file, JSON.stringify(fc));
    const run = await runSiaga(['import', 'areas', file, '--json'], t.db);
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.inserted).toBe(2);
    expect(r.repaired).toEqual([{ index: 1, code: '12.07.99.2001', reason: expect.stringMatching(/Self-intersection/i) }]);
    expect(r.rejected.map((x: { index: number }) => x.index)).toEqual([0, 2, 4]);
    expect(r.rejected[1].reason).toMatch(/no "code" property/);
    expect(await count(`SELECT count(*) AS n FROM admin_areas WHERE code = '12.07.99.2002' AND ST_IsValid(geom)`)).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM admin_areas WHERE code = '12.07.99.2001' AND ST_IsValid(geom) AND GeometryType(geom) = 'MULTIPOLYGON'`,
      ),
    ).toBe(1);
  });

  it('refuses a truncated file, an empty file and a wrong --level with a clear message and writes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM admin_areas');
    const text = await readFile(DELI_SERDANG, 'utf8');
    const truncated = path.join(dir, 'truncated.geojson');
    await writeFile(truncated, text.slice(0, Math.floor(text.length / 2)));
    const empty = path.join(dir, 'empty.geojson');
    await writeFile(empty, '');

    const t1 = await runSiaga(['import', 'areas', truncated], t.db);
    expect(t1.code).toBe(1);
    expect(t1.stderr).toMatch(/truncated\.geojson is not valid JSON: .*(truncated|line \d+)/);
    const t2 = await runSiaga(['import', 'areas', empty], t.db);
    expect(t2.code).toBe(1);
    expect(t2.stderr).toMatch(/empty \(0 bytes\)/);
    const t3 = await runSiaga(['import', 'areas', DELI_SERDANG, '--level', 'district'], t.db);
    expect(t3.code).toBe(1);
    expect(t3.stderr).toMatch(/no usable feature/);
    expect(t3.stderr).toMatch(/is a village code, but --level district was given/);
    const t4 = await runSiaga(['import', 'areas', path.join(dir, 'missing.geojson')], t.db);
    expect(t4.stderr).toMatch(/no such file/);
    const t5 = await runSiaga(['import', 'areas', DELI_SERDANG, '--level', 'hamlet'], t.db);
    expect(t5.code).toBe(2);
    expect(await count('SELECT count(*) AS n FROM admin_areas')).toBe(before);
  });
});

function feature(properties: Record<string, unknown>, geometry: unknown) {
  return { type: 'Feature', properties, geometry };
}

function square(offset: number) {
  const x = 98 + offset * 0.2;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, 3],
        [x + 0.1, 3],
        [x + 0.1, 3.1],
        [x, 3.1],
        [x, 3],
      ],
    ],
  };
}
