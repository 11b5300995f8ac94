// `siaga teams list`: every Tagana team with the areas it covers (named once the boundaries are
// imported) and its members, active ones by name, coordinator first; a member dropped from the
// teams file is counted as no longer active. --json gives every member with id, role and active.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './support/fixtures.ts';
import { runSiaga } from './support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';

describe(`siaga teams list (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-teams-list-'));
  });
  afterAll(async () => {
    await t.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('says when there are no teams', async () => {
    const run = await runSiaga(['teams', 'list'], t.db);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('no teams (siaga import teams FILE.json)\n');
    expect(JSON.parse((await runSiaga(['teams', 'list', '--json'], t.db)).stdout)).toEqual([]);
  });

  it('lists each team with its areas and members', async () => {
    expect((await runSiaga(['import', 'teams', path.join(FIXTURES, 'tagana/teams-deli-serdang.json')], t.db)).code).toBe(0);
    const before = await runSiaga(['teams', 'list'], t.db);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain(
      [
        'tagana-12.07  Tagana Kabupaten Deli Serdang',
        '  covers:  12.07 (area not imported)',
        '  members: 3 active: Rina Siregar (coordinator), Budi Nasution, Siti Lubis',
      ].join('\n'),
    );
    expect(before.stdout.split('\n').filter((l) => /^\S/.test(l))).toEqual([
      'tagana-12  Tagana Provinsi Sumatera Utara',
      'tagana-12.07  Tagana Kabupaten Deli Serdang',
      'tagana-12.07.03  Tagana Kecamatan Sibolangit',
    ]);

    // The regency's boundary names the area; a second teams file drops a member and adds an area.
    const square = [
      [98.5, 3.3],
      [98.9, 3.3],
      [98.9, 3.7],
      [98.5, 3.7],
      [98.5, 3.3],
    ];
    const areas = path.join(dir, 'regency.geojson');
    await writeFile(
      areas,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: '12.07', name: 'Deli Serdang' }, geometry: { type: 'Polygon', coordinates: [square] } },
        ],
      }),
    );
    const imported = await runSiaga(['import', 'areas', areas], t.db);
    expect(imported.code, imported.stderr).toBe(0);
    const teams = path.join(dir, 'teams.json');
    await writeFile(
      teams,
      JSON.stringify({
        teams: [
          {
            code: 'tagana-12.07',
            name: 'Tagana Kabupaten Deli Serdang',
            areas: ['12.07', '12.08'],
            members: [
              { id: 'ds-001', name: 'Rina Siregar', role: 'coordinator', phone: '+6284000001001' },
              { id: 'ds-003', name: 'Siti Lubis', phone: '+6284000001003' },
            ],
          },
        ],
      }),
    );
    expect((await runSiaga(['import', 'teams', teams], t.db)).code).toBe(0);
    const after = await runSiaga(['teams', 'list'], t.db);
    expect(after.stdout).toContain(
      [
        'tagana-12.07  Tagana Kabupaten Deli Serdang',
        '  covers:  12.07 Deli Serdang, 12.08 (area not imported)',
        '  members: 2 active: Rina Siregar (coordinator), Siti Lubis; 1 no longer active',
      ].join('\n'),
    );

    const json = JSON.parse((await runSiaga(['teams', 'list', '--json'], t.db)).stdout) as {
      code: string;
      areas: { code: string; name: string | null }[];
      members: { id: string; name: string; role: string; active: boolean }[];
    }[];
    expect(json.map((x) => x.code)).toEqual(['tagana-12', 'tagana-12.07', 'tagana-12.07.03']);
    const regency = json[1];
    expect(regency?.areas).toEqual([
      { code: '12.07', name: 'Deli Serdang' },
      { code: '12.08', name: null },
    ]);
    expect(regency?.members).toEqual([
      { id: 'ds-001', name: 'Rina Siregar', role: 'coordinator', active: true },
      { id: 'ds-003', name: 'Siti Lubis', role: 'member', active: true },
      { id: 'ds-002', name: 'Budi Nasution', role: 'member', active: false },
    ]);
  });
});
