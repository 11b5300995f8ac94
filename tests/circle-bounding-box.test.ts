// The circle's index box must hold every point of the geodesic circle, or the exact ST_DWithin
// behind it would never see households near the edge. PostGIS's ST_Project (geodesic on the WGS 84
// spheroid) draws the true circle to check against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circleBoundingBox } from '../geo/circle-bounding-box.ts';
import { createTestDb, engineUnderTest, type TestDb } from './support/test-db.ts';

describe(`circleBoundingBox (checked with ST_Project, ${engineUnderTest})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  const cases: [lon: number, lat: number, radiusM: number][] = [
    [106.8272, -6.1754, 50_000], // Jakarta, the benchmark's circle
    [98.7, 3.5, 5_000],
    [140.7, -2.5, 250_000], // Jayapura
    [95.3, 5.55, 1_000], // Banda Aceh
    [120.0, -10.9, 800_000], // south of Sumba, reaching into the Indian Ocean
    [110.0, 0.0, 20_000], // on the equator
    [100.0, 60.0, 300_000], // far from Indonesia: still correct, if loose
  ];

  for (const [lon, lat, radiusM] of cases) {
    it(`holds the ${radiusM / 1000} km circle around ${lat},${lon}, and is not much larger`, async () => {
      const { rows } = await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(p::geometry) AS lon, ST_Y(p::geometry) AS lat FROM (
           SELECT ST_Project(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3::float8, radians(az)) AS p
           FROM generate_series(0, 359.5, 0.5) AS az) s`,
        [lon, lat, radiusM],
      );
      const [minLon, minLat, maxLon, maxLat] = circleBoundingBox(lon, lat, radiusM);
      for (const p of rows) {
        expect(p.lon).toBeGreaterThanOrEqual(minLon);
        expect(p.lon).toBeLessThanOrEqual(maxLon);
        expect(p.lat).toBeGreaterThanOrEqual(minLat);
        expect(p.lat).toBeLessThanOrEqual(maxLat);
      }
      const spanLon = Math.max(...rows.map((p) => p.lon)) - Math.min(...rows.map((p) => p.lon));
      const spanLat = Math.max(...rows.map((p) => p.lat)) - Math.min(...rows.map((p) => p.lat));
      if (Math.abs(lat) < 15) {
        expect((maxLon - minLon) / spanLon).toBeLessThan(1.05);
        expect((maxLat - minLat) / spanLat).toBeLessThan(1.05);
      }
    });
  }
});
