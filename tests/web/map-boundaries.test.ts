// The maps' orientation layers over HTTP: kecamatan and kabupaten outlines with their names and a
// point inside each for the name (GET /api/areas.geojson), the covered land as one merged shape
// (GET /api/coverage.geojson, revalidated by its ETag), village outlines with their name points,
// and clear refusals of a wrong level or a box too large for the level.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELI_SERDANG } from '../support/delivery-harness.ts';
import { engineUnderTest } from '../support/test-db.ts';
import { startWebApp, type WebApp } from './support/web-app.ts';

interface Collection {
  features: { properties: { code: string; name: string; level?: string; label: [number, number] }; geometry: unknown }[];
}

describe(`map boundaries (${engineUnderTest})`, () => {
  let app: WebApp;
  const districtNames = new Map<string, string>();

  beforeAll(async () => {
    app = await startWebApp();
    // The sample holds villages only: its kecamatan and the kabupaten are made from them, named as
    // the village file names them, as an import of those levels would store them.
    const doc = JSON.parse(await readFile(DELI_SERDANG, 'utf8')) as {
      features: { properties: { district_code: string; district: string } }[];
    };
    for (const f of doc.features) districtNames.set(f.properties.district_code, f.properties.district);
    await app.t.db.query(
      `INSERT INTO admin_areas (code, level, name, parent_code, geom, area_km2)
       SELECT left(v.code, 8), 'district', n.name, left(v.code, 5), ST_Multi(ST_UnaryUnion(ST_Collect(v.geom), 0.0002)), 0
       FROM admin_areas v JOIN json_to_recordset($1::json) AS n(code text, name text) ON n.code = left(v.code, 8)
       WHERE v.level = 'village' GROUP BY 1, 3, 4`,
      [JSON.stringify([...districtNames].map(([code, name]) => ({ code, name })))],
    );
    await app.t.db.query(
      `INSERT INTO admin_areas (code, level, name, parent_code, geom, area_km2)
       SELECT '12.07', 'regency', 'Kabupaten Deli Serdang', '12', ST_Multi(ST_UnaryUnion(ST_Collect(geom), 0.0002)), 0
       FROM admin_areas WHERE level = 'village'`,
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    return fetch(`${app.base}${path}`, { headers });
  }

  it('answers the kecamatan in a box with their names and a name point inside each', async () => {
    const res = await get('/api/areas.geojson?level=district&bbox=98.4,3.0,99.0,3.95');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const body = (await res.json()) as Collection;
    expect(body.features.map((f) => f.properties.name).sort()).toEqual([...districtNames.values()].sort());
    expect(body.features.every((f) => f.properties.level === 'district')).toBe(true);
    for (const f of body.features) {
      const { rows } = await app.t.db.query<{ inside: boolean }>(
        `SELECT ST_Intersects(geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS inside FROM admin_areas WHERE code = $1`,
        [f.properties.code, f.properties.label[0], f.properties.label[1]],
      );
      expect(rows[0]?.inside, `${f.properties.name}'s name point lies in it`).toBe(true);
    }
  });

  it('answers the kabupaten far out, and refuses an unknown level or a box too large for the level', async () => {
    const regencies = (await (await get('/api/areas.geojson?level=regency&bbox=95,1,101,6')).json()) as Collection;
    expect(regencies.features.map((f) => f.properties.name)).toEqual(['Kabupaten Deli Serdang']);
    const wrong = await get('/api/areas.geojson?level=village&bbox=98.4,3.0,99.0,3.95');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('level: give one of province, regency, district');
    const large = await get('/api/areas.geojson?level=district&bbox=95,1,101,6');
    expect(large.status).toBe(400);
    expect(((await large.json()) as { error: string }).error).toBe('bbox: at most 6 square degrees for level district; zoom in');
  });

  it('answers the covered land as one shape holding the sample and not Jakarta, revalidated by its ETag', async () => {
    const res = await get('/api/coverage.geojson');
    expect(res.status).toBe(200);
    const feature = (await res.json()) as { geometry: { type: string } };
    expect(feature.geometry.type).toBe('MultiPolygon');
    const { rows } = await app.t.db.query<{ tambunen: boolean; jakarta: boolean }>(
      `SELECT ST_Intersects(g, ST_SetSRID(ST_MakePoint(98.56, 3.35), 4326)) AS tambunen,
              ST_Intersects(g, ST_SetSRID(ST_MakePoint(106.8, -6.2), 4326)) AS jakarta
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
      [JSON.stringify(feature.geometry)],
    );
    expect(rows[0]).toEqual({ tambunen: true, jakarta: false });
    const again = await get('/api/coverage.geojson', { 'if-none-match': res.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
  });

  it('gives each village outline a name point', async () => {
    const body = (await (await get('/api/villages.geojson?bbox=98.5,3.3,98.6,3.4')).json()) as Collection;
    const tambunen = body.features.find((f) => f.properties.name === 'Tambunen');
    expect(tambunen?.properties.label).toHaveLength(2);
  });
});
