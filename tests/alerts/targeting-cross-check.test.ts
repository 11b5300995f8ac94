// The targeting statement (subdivided parts, index prefilters, CTEs) must select exactly what a
// plain, brute-force PostGIS query selects over the same data: every household and every village.
// The independent query below shares no SQL with src/db/alert-targeting.ts: WKT instead of GeoJSON,
// whole polygons instead of subdivided parts, ST_Distance instead of ST_DWithin, no index boxes.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../src/alerts/ingest-result.ts';
import { buildTargetSpec } from '../../src/cap/build-target-spec.ts';
import { checkCap } from '../../src/cap/check-cap.ts';
import { selectTargetedHouseholds } from '../../src/db/alert-targeting.ts';
import { buildCap, boxRing, type TestCap } from '../support/cap-builder.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const REGIONS = ['deli_serdang', 'dki_jakarta'].map((r) => path.join(FIXTURES, `id-admin/${r}_villages.geojson`));
const HOUSEHOLDS_PER_REGION = 6000;

interface Expected {
  households: Map<string, string>; // id → village
  villages: Set<string>;
}

const CASES: { name: string; cap: TestCap }[] = [
  {
    name: 'a polygon across several Deli Serdang villages',
    cap: { identifier: 'X-POLY', infos: [{ areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.58)] }] }] },
  },
  {
    name: 'a 5 km circle over central Jakarta',
    cap: { identifier: 'X-CIRCLE', infos: [{ areas: [{ desc: 'Jakarta Pusat', circles: [[106.8272, -6.1754, 5]] }] }] },
  },
  {
    name: 'geocodes: a district (compact code), a regency (ADM2) and a village (KEMENDAGRI)',
    cap: {
      identifier: 'X-GEOCODE',
      infos: [
        {
          areas: [
            {
              geocodes: [
                ['ADM3', '120702'],
                ['ADM2', '31.71'],
                ['KEMENDAGRI', '12.07.22.1004'],
              ],
            },
          ],
        },
      ],
    },
  },
  {
    name: 'a self-intersecting (bow-tie) ring, repaired',
    cap: {
      identifier: 'X-BOWTIE',
      infos: [
        {
          areas: [
            {
              polygons: [
                [
                  [98.6, 3.4],
                  [98.75, 3.55],
                  [98.75, 3.4],
                  [98.6, 3.55],
                  [98.6, 3.4],
                ],
              ],
            },
          ],
        },
      ],
    },
  },
  {
    name: 'two info blocks (id and en) with different areas: the union',
    cap: {
      identifier: 'X-MULTI',
      infos: [
        { language: 'id', areas: [{ polygons: [boxRing(98.85, 3.55, 98.95, 3.65)] }] },
        { language: 'en', areas: [{ circles: [[106.9, -6.2, 3]], geocodes: [['ADM4', '3101011001']] }] },
      ],
    },
  },
];

describe(`targeting equals an independent PostGIS query (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-target-'));
    for (const [i, region] of REGIONS.entries()) {
      const areas = await runSiaga(['import', 'areas', region], t.db);
      expect(areas.code, areas.stderr).toBe(0);
      const csv = path.join(dir, `hh-${i}.csv`);
      const gen = await runSiaga([
        'generate',
        'households',
        '--villages',
        region,
        '--count',
        String(HOUSEHOLDS_PER_REGION),
        '--seed',
        `cross-${i}`,
        '--out',
        csv,
      ]);
      expect(gen.code, gen.stderr).toBe(0);
      const imp = await runSiaga(['import', 'households', csv], t.db);
      expect(imp.code, imp.stderr).toBe(0);
    }
  });
  afterAll(() => t.drop());

  async function ingestDryRun(cap: TestCap, env: NodeJS.ProcessEnv = {}): Promise<IngestResult> {
    const file = path.join(dir, `${cap.identifier}.xml`);
    await writeFile(file, buildCap(cap));
    const run = await runSiaga(['cap', 'ingest', '--dry-run', '--json', file], t.db, env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [result] = JSON.parse(run.stdout) as IngestResult[];
    if (!result) throw new Error('no result');
    return result;
  }

  async function independent(cap: TestCap, marginM = 0): Promise<Expected> {
    const polygons = cap.infos
      .flatMap((i) => i.areas.flatMap((a) => a.polygons ?? []))
      .map((ring) => `POLYGON((${ring.map(([x, y]) => `${x} ${y}`).join(', ')}))`);
    const circles = cap.infos.flatMap((i) => i.areas.flatMap((a) => a.circles ?? []));
    const codes = cap.infos.flatMap((i) => i.areas.flatMap((a) => a.geocodes ?? [])).map(([, v]) => dotted(v));
    const params = [polygons, circles.map((c) => c[0]), circles.map((c) => c[1]), circles.map((c) => c[2] * 1000 + marginM), codes];
    const households = await t.db.query<{ id: string; village_code: string }>(
      `SELECT h.id, h.village_code FROM households h WHERE h.valid_to IS NULL AND (
         EXISTS (SELECT 1 FROM unnest($1::text[]) w WHERE ST_Intersects(h.location, ST_MakeValid(ST_GeomFromText(w, 4326))))
         OR EXISTS (SELECT 1 FROM unnest($2::float8[], $3::float8[], $4::float8[]) c(lon, lat, r)
                    WHERE ST_Distance(h.location::geography, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)::geography) <= c.r)
         OR EXISTS (SELECT 1 FROM unnest($5::text[]) k WHERE h.village_code = k OR starts_with(h.village_code, k || '.')))`,
      params,
    );
    const villages = await t.db.query<{ code: string }>(
      `SELECT v.code FROM admin_areas v WHERE v.level = 'village' AND (
         EXISTS (SELECT 1 FROM unnest($1::text[]) w WHERE ST_Intersects(v.geom, ST_MakeValid(ST_GeomFromText(w, 4326))))
         OR EXISTS (SELECT 1 FROM unnest($2::float8[], $3::float8[], $4::float8[]) c(lon, lat, r)
                    WHERE ST_Distance(v.geom::geography, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)::geography) <= c.r)
         OR EXISTS (SELECT 1 FROM unnest($5::text[]) k WHERE v.code = k OR starts_with(v.code, k || '.')))`,
      [polygons, circles.map((c) => c[0]), circles.map((c) => c[1]), circles.map((c) => c[2] * 1000), codes],
    );
    const byId = new Map(households.rows.map((h) => [h.id, h.village_code]));
    // A household snapped to its village across a gap can be inside the area while its village is not.
    return { households: byId, villages: new Set([...villages.rows.map((v) => v.code), ...byId.values()]) };
  }

  for (const { name, cap } of CASES) {
    it(name, async () => {
      const expected = await independent(cap);
      expect(expected.households.size, 'the case must reach some households to prove anything').toBeGreaterThan(20);

      const result = await ingestDryRun(cap);
      expect(result.outcome).toBe('new');
      expect(new Set(result.villages.map((v) => v.code))).toEqual(expected.villages);
      expect(result.households.inside).toBe(expected.households.size);
      expect(result.households.margin_only).toBe(0);
      const perVillage = countBy([...expected.households.values()]);
      for (const v of result.villages) expect(v.households, v.code).toBe(perVillage.get(v.code) ?? 0);

      const check = checkCap(buildCap(cap));
      const selected = await selectTargetedHouseholds(t.db, buildTargetSpec(check.alert?.infos ?? [], 0).spec);
      expect(new Map(selected.map((h) => [h.id, h.village_code]))).toEqual(expected.households);
    });
  }

  it('warns about a self-crossing ring, and reports a district total that adds up', async () => {
    const bowtie = CASES.find((c) => c.cap.identifier === 'X-BOWTIE')?.cap;
    if (!bowtie) throw new Error('case missing');
    const result = await ingestDryRun(bowtie);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/edges cross themselves .* will be repaired before use/);
    const districts = [...new Set(result.villages.map((v) => v.code.slice(0, 8)))];
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM households WHERE valid_to IS NULL AND left(village_code, 8) = ANY($1::text[])`,
      [districts],
    );
    expect(result.households.inside + result.households.district_outside).toBe(rows[0]?.n);
  });

  it('grows polygons and circles outward by TARGET_MARGIN_M, reporting the margin households apart', async () => {
    const marginM = 500;
    const cap: TestCap = {
      identifier: 'X-MARGIN',
      infos: [{ areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.58)], circles: [[106.8272, -6.1754, 3]] }] }],
    };
    const inside = await independent(cap);
    const result = await ingestDryRun(cap, { TARGET_MARGIN_M: String(marginM) });
    expect(result.households.inside).toBe(inside.households.size);
    expect(result.households.margin_only).toBeGreaterThan(0);

    // The margin set lies between the exact geodesic bands at 98 % and 102 % of the margin: a
    // buffer on geography is computed in a projected plane, close to but not exactly geodesic.
    const check = checkCap(buildCap(cap));
    const selected = await selectTargetedHouseholds(t.db, buildTargetSpec(check.alert?.infos ?? [], marginM).spec);
    const margin = new Set(selected.filter((h) => h.margin_only).map((h) => h.id));
    expect(margin.size).toBe(result.households.margin_only);
    const band = async (m: number) => {
      const { rows } = await t.db.query<{ id: string }>(
        `SELECT h.id FROM households h WHERE h.valid_to IS NULL AND (
           ST_Distance(h.location::geography, ST_MakeEnvelope(98.70, 3.50, 98.80, 3.58, 4326)::geography) <= $1
           OR ST_Distance(h.location::geography, ST_SetSRID(ST_MakePoint(106.8272, -6.1754), 4326)::geography) <= 3000 + $1)`,
        [m],
      );
      return new Set(rows.map((r) => r.id).filter((id) => !inside.households.has(id)));
    };
    for (const id of await band(marginM * 0.98)) expect(margin.has(id), `${id} within 98 % of the margin`).toBe(true);
    const outer = await band(marginM * 1.02);
    for (const id of margin) expect(outer.has(id), `${id} beyond 102 % of the margin`).toBe(true);
  });
});

function dotted(code: string): string {
  return /^\d+$/.test(code)
    ? (code
        .match(/^(\d{2})(\d{2})?(\d{2})?(\d{4})?$/)
        ?.slice(1)
        .filter(Boolean)
        .join('.') ?? code)
    : code;
}

function countBy(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
