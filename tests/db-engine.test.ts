import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';
import { loadMigrations, migrate } from '../src/db/migrate.ts';

describe(`database engine (${engineUnderTest})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('runs PostGIS', async () => {
    const { rows } = await t.db.query<{ wkt: string }>(
      `SELECT ST_AsText(ST_MakeValid(ST_GeomFromText('POLYGON((0 0,1 1,1 0,0 1,0 0))', 4326))) AS wkt`,
    );
    expect(rows[0]?.wkt).toMatch(/^MULTIPOLYGON/);
  });

  it('applies every migration once, and a second run applies none', async () => {
    const all = await loadMigrations();
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(all.length);
    expect(await migrate(t.db)).toEqual([]);
  });

  it('refuses a migration edited after it was applied', async () => {
    const all = await loadMigrations();
    const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls a failed transaction back whole', async () => {
    await t.db.query('CREATE TABLE tx_probe (n int)');
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM tx_probe');
    expect(rows[0]?.n).toBe(0);
  });

  it('runs modifying statements with CTEs and table aliases (no false "lost error" on the embedded engine)', async () => {
    await t.db.query('CREATE TABLE alias_probe (id int, v text)');
    await t.db.query(`INSERT INTO alias_probe VALUES (1, 'a'), (2, 'b')`);
    await t.db.query(`WITH r AS (SELECT 1 AS id, 'z' AS v) UPDATE alias_probe p SET v = r.v FROM r WHERE p.id = r.id`);
    await t.db.query(`WITH r AS (SELECT 2 AS id) UPDATE alias_probe AS p SET v = 'y' FROM r WHERE p.id = r.id`);
    await t.db.query(`WITH r AS (SELECT 3 AS id) INSERT INTO alias_probe SELECT id, 'x' FROM r`);
    const { rows } = await t.db.query<{ v: string }>('SELECT v FROM alias_probe ORDER BY id');
    expect(rows.map((r) => r.v)).toEqual(['z', 'y', 'x']);
  });

  it('bulk-loads with COPY', async () => {
    await t.db.query('CREATE TABLE copy_probe (a int, b text)');
    async function* csv() {
      yield '1,one\n2,"two, too"\n';
      yield Buffer.from('3,three\n');
    }
    const n = await t.db.copyFrom('COPY copy_probe (a, b) FROM STDIN WITH (FORMAT csv)', csv());
    expect(n).toBe(3);
    const { rows } = await t.db.query<{ b: string }>('SELECT b FROM copy_probe ORDER BY a');
    expect(rows.map((r) => r.b)).toEqual(['one', 'two, too', 'three']);
  });
});
