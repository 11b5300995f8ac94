// The map shape of a geocoded area: the named unit's own boundary when the registry holds it (a
// regency here), else the union of its villages; and the alert's area is its one shape as it is,
// or the union of several. Targeting itself goes by village codes either way (not tested here).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { buildCap, type TestCap } from '../support/cap-builder.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

// A made-up boundary for regency 12.07, a box around Deli Serdang, so that it differs from the
// union of the villages and the test can tell which one was used.
const REGENCY_BOX = [
  [98.2, 2.9],
  [99.4, 2.9],
  [99.4, 3.9],
  [98.2, 3.9],
  [98.2, 2.9],
];

describe(`geocoded areas' map shapes (${engineUnderTest})`, () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    expect((await runSiaga(['import', 'areas', path.join(FIXTURES, 'id-admin/deli_serdang_villages.geojson')], t.db)).code).toBe(0);
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-regency-'));
    const file = path.join(dir, 'regency.geojson');
    await writeFile(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '12.07', name: 'Deli Serdang' },
            geometry: { type: 'Polygon', coordinates: [REGENCY_BOX] },
          },
        ],
      }),
    );
    expect((await runSiaga(['import', 'areas', file, '--level', 'regency'], t.db)).code).toBe(0);
  });
  afterAll(() => t.drop());

  const ingest = async (cap: TestCap) => {
    const r = await ingestCapDocument(t.db, { source: 'test', bytes: buildCap(cap) }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
    expect(r.errors).toEqual([]);
    return r.alertId as number;
  };
  const areaOf = async (sql: string, params: unknown[]) => (await t.db.query<{ km2: number }>(sql, params)).rows[0]?.km2 ?? NaN;

  it("takes the regency's own boundary, and the alert's area is that one shape", async () => {
    const id = await ingest({ identifier: 'G-REGENCY', infos: [{ areas: [{ geocodes: [['ADM2', '12.07']] }] }] });
    const box = await areaOf(`SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) / 1e6 AS km2`, [
      JSON.stringify({ type: 'Polygon', coordinates: [REGENCY_BOX] }),
    ]);
    const shape = await areaOf(`SELECT ST_Area(geom::geography) / 1e6 AS km2 FROM alert_shapes WHERE alert_id = $1 AND kind = 'geocode'`, [
      id,
    ]);
    const area = await areaOf(`SELECT ST_Area(area::geography) / 1e6 AS km2 FROM alerts WHERE id = $1`, [id]);
    expect(shape).toBeCloseTo(box, 3);
    expect(area).toBeCloseTo(box, 3);
    const villages = await areaOf(
      `SELECT sum(ST_Area(geom::geography)) / 1e6 AS km2 FROM admin_areas WHERE level = 'village' AND code LIKE '12.07.%'`,
      [],
    );
    expect(Math.abs(shape - villages) / villages).toBeGreaterThan(0.5);
  });

  it('without a stored boundary (a district here), the union of its villages; several shapes are united', async () => {
    const id = await ingest({
      identifier: 'G-DISTRICT',
      infos: [
        {
          areas: [
            {
              geocodes: [
                ['ADM3', '12.07.03'],
                ['ADM3', '12.07.02'],
              ],
            },
          ],
        },
      ],
    });
    const shapes = (
      await t.db.query<{ path: string; km2: number }>(
        `SELECT path, ST_Area(geom::geography) / 1e6 AS km2 FROM alert_shapes WHERE alert_id = $1 ORDER BY path`,
        [id],
      )
    ).rows;
    expect(shapes).toHaveLength(2);
    for (const [i, district] of ['12.07.03', '12.07.02'].entries()) {
      const villages = await areaOf(
        `SELECT sum(ST_Area(geom::geography)) / 1e6 AS km2 FROM admin_areas WHERE level = 'village' AND code LIKE $1 || '.%'`,
        [district],
      );
      // Paths sort in document order: the first geocode's shape first.
      const shape = shapes[i];
      expect(villages).toBeGreaterThan(0);
      expect(Math.abs((shape?.km2 ?? 0) - villages) / villages).toBeLessThan(0.01);
    }
    const area = await areaOf(`SELECT ST_Area(area::geography) / 1e6 AS km2 FROM alerts WHERE id = $1`, [id]);
    expect(Math.abs(area - (shapes[0]?.km2 ?? 0) - (shapes[1]?.km2 ?? 0)) / area).toBeLessThan(0.01);
  });
});
