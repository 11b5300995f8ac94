import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';
import { runSiaga } from './support/run-cli.ts';
import { FIXTURES } from './support/fixtures.ts';

describe(`siaga import teams (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-teams-'));
  });
  afterAll(() => t.drop());

  const write = async (name: string, doc: unknown) => {
    const file = path.join(dir, name);
    await writeFile(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return file;
  };

  it('imports the example teams file, and a second import updates members in place', async () => {
    const example = path.join(FIXTURES, 'tagana/teams-deli-serdang.json');
    const r1 = await runSiaga(['import', 'teams', example, '--json'], t.db);
    expect(r1.stderr).toBe('');
    expect(r1.code, r1.stderr).toBe(0);
    expect(JSON.parse(r1.stdout)).toMatchObject({ inserted: 3, updated: 0, deactivated: 0 });
    const areas = (
      await t.db.query<{ team_code: string; area_code: string }>('SELECT team_code, area_code FROM tagana_team_areas ORDER BY 1, 2')
    ).rows;
    expect(areas).toContainEqual({ team_code: 'tagana-12.07', area_code: '12.07' });
    expect(areas).toContainEqual({ team_code: 'tagana-12', area_code: '12' });

    const reduced = await write('reduced.json', {
      teams: [
        {
          code: 'tagana-12.07',
          name: 'Tagana Kabupaten Deli Serdang',
          areas: ['1207'],
          members: [{ id: 'ds-001', name: 'Rina Siregar', role: 'coordinator', phone: '081200001001' }],
        },
      ],
    });
    const r2 = await runSiaga(['import', 'teams', reduced, '--json'], t.db);
    expect(r2.stderr).toBe('');
    expect(JSON.parse(r2.stdout)).toMatchObject({ inserted: 0, updated: 1, deactivated: 2 });
    const active = (
      await t.db.query<{ id: string; phone: string }>(`SELECT id, phone FROM tagana_members WHERE team_code = 'tagana-12.07' AND active`)
    ).rows;
    expect(active).toEqual([{ id: 'ds-001', phone: '+6281200001001' }]);
  });

  it('lists every problem with its path and writes nothing', async () => {
    const before = (await t.db.query('SELECT * FROM tagana_members ORDER BY id')).rows;
    const bad = await write('bad.json', {
      teams: [
        {
          code: 'x y',
          name: '',
          areas: ['12.07.01.2001'],
          members: [
            { id: 'm1', name: 'A', phone: '12' },
            { id: 'm1', name: 'B', role: 'boss' },
          ],
        },
      ],
    });
    const r = await runSiaga(['import', 'teams', bad], t.db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/teams\[0\]\.code: must be 1-64 letters/);
    expect(r.stderr).toMatch(/teams\[0\]\.name: is required/);
    expect(r.stderr).toMatch(/teams\[0\]\.areas\[0\]: "12.07.01.2001" is not a province, regency or district code/);
    expect(r.stderr).toMatch(/teams\[0\]\.members\[0\]\.phone: "12" is not a phone number/);
    expect(r.stderr).toMatch(/teams\[0\]\.members\[1\]\.role/);
    expect(r.stderr).toMatch(/nothing was imported/);
    const truncated = await write('truncated.json', '{"teams": [{"code": "a"');
    expect((await runSiaga(['import', 'teams', truncated], t.db)).stderr).toMatch(/not valid JSON: .*truncated/);
    expect((await t.db.query('SELECT * FROM tagana_members ORDER BY id')).rows).toEqual(before);
  });
});
