// `siaga sample load`: an empty registry gets the bundled sample (the same the embedded engine
// starts with); one that already holds villages is left alone unless --force; a bad count is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSiaga } from './support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';

describe(`siaga sample load (${engineUnderTest})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  }, 120_000);
  afterAll(() => t?.drop());

  it('fills an empty registry, and only an empty one', async () => {
    const bad = await runSiaga(['sample', 'load', '--households', 'many'], t.db);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--households must be a whole number');

    const loaded = await runSiaga(['sample', 'load', '--households', '300'], t.db);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(/loaded 394 villages, \d+ Tagana teams, 300 households/);
    const counts = (
      await t.db.query<{ villages: number; households: number; teams: number }>(
        `SELECT (SELECT count(*)::int FROM admin_areas WHERE level = 'village') AS villages,
                (SELECT count(*)::int FROM households WHERE valid_to IS NULL) AS households,
                (SELECT count(*)::int FROM tagana_teams) AS teams`,
      )
    ).rows[0];
    expect(counts).toMatchObject({ villages: 394, households: 300 });
    expect(counts?.teams).toBeGreaterThan(0);

    const again = await runSiaga(['sample', 'load'], t.db);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds 394 villages');
  });
});
