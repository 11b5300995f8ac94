import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';
import { runSiaga } from './support/run-cli.ts';
import { FIXTURES } from './support/fixtures.ts';

const DELI_SERDANG = path.join(FIXTURES, 'id-admin/deli_serdang_villages.geojson');
const HEADER = 'id,lat,lon,members,vulnerable,language,phone';

describe(`siaga import households (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  /** Points safely inside three villages, from PostGIS itself. */
  let inside: { code: string; lat: number; lon: number }[];

  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-hh-'));
    const r = await runSiaga(['import', 'areas', DELI_SERDANG], t.db);
    expect(r.code, r.stderr).toBe(0);
    const { rows } = await t.db.query<{ code: string; lat: number; lon: number }>(`
      SELECT code, ST_Y(p) AS lat, ST_X(p) AS lon FROM (
        SELECT code, ST_PointOnSurface(ST_Buffer(geom, -0.002)) AS p FROM admin_areas
        WHERE code IN ('12.07.01.2001', '12.07.22.1004', '12.07.03.2005')) x ORDER BY code`);
    inside = rows.map((x) => ({ ...x, lat: round6(x.lat), lon: round6(x.lon) }));
    expect(inside).toHaveLength(3);
  });
  afterAll(() => t.drop());

  const csv = async (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    await writeFile(file, lines.join('\n') + '\n');
    return file;
  };
  const current = async () =>
    (
      await t.db.query<{ id: string; village_code: string; members: number; vulnerable: number; phone: string | null }>(
        'SELECT id, village_code, members, vulnerable, phone FROM households WHERE valid_to IS NULL ORDER BY id',
      )
    ).rows;

  it('refuses only the households it cannot warn, imports every other row with its safe reading and a warning, and writes --rejects and --warnings', async () => {
    const [a, b, c] = inside as [(typeof inside)[0], (typeof inside)[0], (typeof inside)[0]];
    const file = await csv('mixed.csv', [
      HEADER,
      `H1,${a.lat},${a.lon},4,elderly;elderly;infant,id,081234567890`,
      `H2,abc,${a.lon},2,,id,`,
      `H3,${b.lat},${b.lon},1,,en,+6281100000001`,
      `H4,-33.86,151.2,2,,id,`,
      `H5,${a.lon},${a.lat},2,,id,`,
      `H1,${c.lat},${c.lon},3,,id,`,
      `H6,${c.lat},${c.lon},2,elderly;elderly;infant,id,`,
      `H7,${c.lat},${c.lon},2,lainnya,id,`,
      `H8,${c.lat},${c.lon},2,,fr,`,
      `H9,${c.lat},${c.lon},0,,id,`,
      `H10,${c.lat},${c.lon},2,,id,12345`,
      `H11,${c.lat},${c.lon},2,,id`,
      `H12,3.95,98.9,2,,id,`,
      `H13,${c.lat},${c.lon},2,disabled,id,+62 812-0000-0013`,
      `H14,${c.lat},${c.lon},1,elderly+ill,id,`,
      `H15,${c.lat},${c.lon},3,lansia+sakit;balita,Indonesia,0812 0000 0015`,
      `"KK 12/07, Désa ""Mawar""",${b.lat},${b.lon},2,hamil,id,`,
      `,${b.lat},${b.lon},2,,id,`,
      `,${b.lat},${b.lon},2,,id,`,
      `H16,"${String(c.lat).replace('.', ',')}","${String(c.lon).replace('.', ',')}",5,2 lansia,id,`,
    ]);
    const rejectsFile = path.join(dir, 'rejects.csv');
    const warningsFile = path.join(dir, 'warnings.csv');
    const run = await runSiaga(['import', 'households', file, '--json', '--rejects', rejectsFile, '--warnings', warningsFile], t.db);
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ rows: 20, inserted: 16, updated: 0, unchanged: 0 });
    const byLine = (list: { line: number; reason: string }[]) => Object.fromEntries(list.map((x) => [x.line, x.reason]));
    const refused = byLine(r.rejects);
    expect(Object.keys(refused).map(Number)).toEqual([3, 5, 7, 14]);
    expect(refused[3]).toBe('no usable location: lat "abc" is not a number');
    expect(refused[5]).toBe('no usable location: lat=-33.86, lon=151.2 is outside Indonesia');
    expect(refused[7]).toBe('duplicate id "H1" (first on line 2, which is kept)');
    expect(refused[14]).toMatch(/in no loaded village and more than 100 m/);
    const warned = byLine(r.warnings);
    expect(Object.keys(warned).map(Number)).toEqual([6, 8, 9, 10, 11, 12, 13, 19, 20]);
    expect(warned[6]).toBe(`lat and lon are swapped: read as lat=${a.lat}, lon=${a.lon}`);
    expect(warned[8]).toBe('3 vulnerable people listed but members is 2: members counted as 3');
    expect(warned[9]).toMatch(/^condition "lainnya" is not a kind Siaga knows .*: counted as a vulnerable person with no kind$/);
    expect(warned[10]).toBe('language "fr" is not id or en: warnings go out in Indonesian');
    expect(warned[11]).toBe('members "0" is not a whole number from 1 to 1000: counted as 1 (the vulnerable people listed, at least 1)');
    expect(warned[12]).toMatch(
      /^phone "12345" is not a phone number .*: kept without a phone \(no SMS, but web push and the door knock still reach it\)$/,
    );
    expect(warned[13]).toBe('has 6 fields, expected 7: phone read as empty');
    expect(warned[19]).toMatch(/^no id: kept as noid-[0-9a-f]{16}, made from its location and phone/);
    expect(warned[20]).toMatch(/^no id: kept as noid-[0-9a-f]{16}-2, /);

    const rows = (
      await t.db.query<{
        id: string;
        village_code: string;
        members: number;
        vulnerable: number;
        elderly: number;
        infant: number;
        pregnant: number;
        ill: number;
        language: string;
        phone: string | null;
      }>(
        'SELECT id, village_code, members, vulnerable, elderly, infant, pregnant, ill, language, phone FROM households WHERE valid_to IS NULL',
      )
    ).rows;
    const get = (id: string) => rows.find((h) => h.id === id);
    expect(get('H1')).toEqual({
      id: 'H1',
      village_code: a.code,
      members: 4,
      vulnerable: 3,
      elderly: 2,
      infant: 1,
      pregnant: 0,
      ill: 0,
      language: 'id',
      phone: '+6281234567890',
    });
    expect(get('H5')).toMatchObject({ village_code: a.code });
    expect(get('H6')).toMatchObject({ members: 3, vulnerable: 3, elderly: 2, infant: 1 });
    expect(get('H7')).toMatchObject({ members: 2, vulnerable: 1, elderly: 0, infant: 0, pregnant: 0, ill: 0 });
    expect(get('H8')).toMatchObject({ language: 'id' });
    expect(get('H9')).toMatchObject({ members: 1, vulnerable: 0 });
    expect(get('H10')).toMatchObject({ phone: null });
    expect(get('H13')).toMatchObject({ vulnerable: 1, phone: '+6281200000013' });
    // One person, elderly and ill: one vulnerable person, counted under both kinds.
    expect(get('H14')).toMatchObject({ members: 1, vulnerable: 1, elderly: 1, ill: 1 });
    expect(get('H15')).toMatchObject({ members: 3, vulnerable: 2, elderly: 1, ill: 1, infant: 1, language: 'id', phone: '+6281200000015' });
    expect(get('H16')).toMatchObject({ village_code: c.code, members: 5, vulnerable: 2, elderly: 2 });
    // The registry's own id, kept as written: through COPY's quoting and back.
    expect(get('KK 12/07, Désa "Mawar"')).toMatchObject({ village_code: b.code, vulnerable: 1, pregnant: 1 });
    expect(rows.filter((h) => h.id.startsWith('noid-'))).toHaveLength(2);

    const rejectsCsv = (await readFile(rejectsFile, 'utf8')).trim().split('\n');
    expect(rejectsCsv[0]).toBe('line,id,reason');
    expect(rejectsCsv).toHaveLength(5);
    expect(rejectsCsv[3]).toBe('7,"H1","duplicate id ""H1"" (first on line 2, which is kept)"');
    const warningsCsv = (await readFile(warningsFile, 'utf8')).trim().split('\n');
    expect(warningsCsv[0]).toBe('line,id,reason');
    expect(warningsCsv).toHaveLength(10);

    // The same file in the plain output: counts, then every refused and warned row.
    const again = await runSiaga(['import', 'households', file], t.db);
    expect(again.stdout).toMatch(/20 rows: 0 new, 0 updated, 16 unchanged, 4 refused, 9 imported with a warning/);
    expect(again.stdout).toMatch(/refused \(not imported\):\n {2}line 3 \(H2\): no usable location/);
    expect(again.stdout).toMatch(/imported with a warning:\n {2}line 6 \(H5\): lat and lon are swapped/);
  });

  it('re-importing the same file changes nothing; a changed row gets a new version and keeps history', async () => {
    const [a, b] = inside as [(typeof inside)[0], (typeof inside)[0]];
    const lines = [HEADER, `K1,${a.lat},${a.lon},2,,id,`, `K2,${b.lat},${b.lon},3,ill,en,`];
    const file = await csv('keep.csv', lines);
    expect(JSON.parse((await runSiaga(['import', 'households', file, '--json'], t.db)).stdout)).toMatchObject({ inserted: 2 });
    const snapshot = (await t.db.query('SELECT * FROM households ORDER BY row_id')).rows;
    const again = JSON.parse((await runSiaga(['import', 'households', file, '--json'], t.db)).stdout);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejects: [] });
    expect((await t.db.query('SELECT * FROM households ORDER BY row_id')).rows).toEqual(snapshot);

    const changed = await csv('keep2.csv', [HEADER, `K1,${a.lat},${a.lon},5,infant,id,`, lines[2] as string]);
    expect(JSON.parse((await runSiaga(['import', 'households', changed, '--json'], t.db)).stdout)).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const history = (
      await t.db.query<{ members: number; current: boolean }>(
        `SELECT members, valid_to IS NULL AS current FROM households WHERE id = 'K1' ORDER BY valid_from, row_id`,
      )
    ).rows;
    expect(history).toEqual([
      { members: 2, current: false },
      { members: 5, current: true },
    ]);
  });

  it('places a point in a gap between village polygons in the nearest village within 100 m', async () => {
    // A point on the shared edge region just outside one polygon, found by PostGIS: 30 m outside
    // the village's boundary and inside no village.
    const { rows } = await t.db.query<{ lat: number; lon: number; code: string }>(`
      WITH cand AS (
        SELECT a.code, (ST_DumpPoints(ST_Boundary(ST_Buffer(a.geom::geography, 30)::geometry))).geom AS p
        FROM admin_areas a WHERE a.code = '12.07.01.2001'
      )
      SELECT ST_Y(p) AS lat, ST_X(p) AS lon, code FROM cand
      WHERE NOT EXISTS (SELECT 1 FROM admin_areas o WHERE ST_DWithin(o.geom::geography, p::geography, 20) AND o.code <> cand.code)
        AND NOT EXISTS (SELECT 1 FROM admin_areas o WHERE ST_Intersects(o.geom, p))
      LIMIT 1`);
    const gap = rows[0];
    expect(gap).toBeDefined();
    const file = await csv('gap.csv', [HEADER, `G1,${gap?.lat.toFixed(7)},${gap?.lon.toFixed(7)},2,,id,`]);
    const r = JSON.parse((await runSiaga(['import', 'households', file, '--json'], t.db)).stdout);
    expect(r).toMatchObject({ inserted: 1, snapped: 1, rejects: [] });
    expect((await current()).find((h) => h.id === 'G1')?.village_code).toBe('12.07.01.2001');
  });

  it('fails whole on a wrong header, an empty file, broken CSV or --strict with a bad row: nothing written', async () => {
    const before = (await t.db.query('SELECT * FROM households ORDER BY row_id')).rows;
    const [a] = inside as [(typeof inside)[0]];
    const wrong = await csv('wrong.csv', ['id,latitude,lon,members,vulnerable,language,phone', `W1,${a.lat},${a.lon},2,,id,`]);
    const r1 = await runSiaga(['import', 'households', wrong], t.db);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/line 1: wrong header \(missing lat; unknown "latitude"\)/);
    expect(r1.stderr).toMatch(/nothing was imported/);

    const empty = path.join(dir, 'empty.csv');
    await writeFile(empty, '');
    const r2 = await runSiaga(['import', 'households', empty], t.db);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/empty \(0 bytes\)/);

    const broken = await csv('broken.csv', [HEADER, `B1,${a.lat},${a.lon},2,,id,`, `"B2,${a.lat},${a.lon},2,,id,`]);
    const r3 = await runSiaga(['import', 'households', broken], t.db);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/is not valid CSV: .*[Qq]uote/);

    const strict = await csv('strict.csv', [HEADER, `S1,${a.lat},${a.lon},2,,id,`, `S2,x,${a.lon},2,,id,`]);
    const r4 = await runSiaga(['import', 'households', strict, '--strict'], t.db);
    expect(r4.code).toBe(1);
    expect(r4.stderr).toMatch(/1 row\(s\) rejected and --strict given/);

    expect((await t.db.query('SELECT * FROM households ORDER BY row_id')).rows).toEqual(before);
  });
});

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
