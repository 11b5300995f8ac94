// `siaga hazards candidates|show|draft|approve|reject`: the same review from the command line,
// four-eyes configured; the final approval issues the alert, which awaits delivery until a delivery
// runtime takes it. A person can draft from an area they drew, and then cannot approve it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeliSerdang, runDeliveryRuntimeOnce, testClock } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { boxHazard, draft, householdsInBoxes, ledgerHouseholds, testProduct } from './hazard-test-kit.ts';

const ENV = { HAZARD_APPROVALS_REQUIRED: '2', LOG_LEVEL: 'silent' };
const BOX: [number, number, number, number] = [98.6, 3.4, 98.68, 3.48];

describe(`siaga hazards (${engineUnderTest})`, () => {
  let t: TestDb;
  const siaga = (args: string[]) => runSiaga(['hazards', ...args], t.db, ENV);
  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 1500, 'hazards-cli');
  });
  afterAll(() => t.drop());

  it('lists, shows, refuses, approves twice and delivers; rejects with a reason', async () => {
    const clock = testClock(new Date().toISOString());
    const id = await draft(t.db, clock, testProduct('cli-rain'), boxHazard([{ box: BOX }]), 'siaga:cli-rain');
    const other = await draft(t.db, clock, testProduct('cli-other'), boxHazard([{ box: [98.75, 3.6, 98.83, 3.68] }]), 'Dewi');

    const list = await siaga(['candidates']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^\\s+${id} pending\\s+cli-rain .* 0/2 +siaga:cli-rain$`, 'm'));
    const json = JSON.parse((await siaga(['candidates', '--json'])).stdout) as { id: number; geometry: { type: string } }[];
    expect(json.find((c) => c.id === id)?.geometry.type).toBe('MultiPolygon');
    expect((await siaga(['show', String(id)])).stdout).toMatch(/reaches \d+ households/);

    expect(await siaga(['approve', String(id)])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--by/) });
    expect(await siaga(['approve', 'x1', '--by', 'Rina'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a candidate id/) });
    expect(await siaga(['approve', '424242', '--by', 'Rina'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no hazard candidate 424242/),
    });
    expect(await siaga(['approve', String(other), '--by', 'dewi'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/drafted/) });

    const first = await siaga(['approve', String(id), '--by', 'Rina Siregar']);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/1 of 2/) });
    expect(await siaga(['approve', String(id), '--by', 'rina siregar'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already approved/),
    });
    const inBox = await householdsInBoxes(t.db, [BOX], true);
    expect(inBox.length).toBeGreaterThan(0);
    expect((await ledgerHouseholds(t.db)).filter((h) => inBox.includes(h))).toEqual([]);

    const second = await siaga(['approve', String(id), '--by', 'Budi Santoso', '--json']);
    expect(second.code).toBe(0);
    const result = JSON.parse(second.stdout) as { state: string; handedOn: boolean; alert: { id: number } };
    expect(result).toMatchObject({ state: 'approved', handedOn: true });
    // Stored with its hand-off: nobody is told until a delivery runtime takes it.
    expect(await ledgerHouseholds(t.db, result.alert.id)).toEqual([]);
    expect((await t.db.query(`SELECT state FROM delivery_handoffs WHERE alert_id = $1`, [result.alert.id])).rows).toEqual([
      { state: 'awaiting' },
    ]);
    await runDeliveryRuntimeOnce(t.db);
    expect(await ledgerHouseholds(t.db, result.alert.id)).toEqual(inBox);

    expect(await siaga(['reject', String(other), '--by', 'Budi'])).toMatchObject({ code: 2 });
    expect(await siaga(['reject', String(other), '--by', 'Budi', '--reason', 'striping in the sensor'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/rejected by Budi/),
    });
    const audit = await siaga(['candidates', '--all']);
    expect(audit.stdout).toMatch(/rejected by Budi: striping in the sensor/);
    expect(audit.stdout).toMatch(/alert siaga-raster-cli-rain-/);
    expect((await siaga(['candidates'])).stdout).toMatch(/no pending hazard candidates/);
    expect(await siaga(['candidates', '--state', 'bogus'])).toMatchObject({ code: 2 });
  });

  it('drafts a drawn area under a configured product, which its drawer cannot approve', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'siaga-drawn-'));
    const box = [
      [98.55, 3.25],
      [98.63, 3.25],
      [98.63, 3.33],
      [98.55, 3.33],
      [98.55, 3.25],
    ];
    const file = path.join(dir, 'area.geojson');
    await writeFile(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [box] } }],
      }),
    );
    const broken = path.join(dir, 'broken.geojson');
    await writeFile(
      broken,
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [98.55, 3.25],
            [98.63, 3.25],
            [98.63, 3.33],
            [98.55, '3.25'],
          ],
        ],
      }),
    );
    const products = JSON.stringify([
      {
        name: 'cli-drawn',
        title: 'Hand-drawn from radar',
        kind: 'geotiff',
        url: 'https://example.test/x.tif',
        threshold: 50,
        unit: 'mm/3h',
        rule: {
          event: { id: 'Hujan Lebat', en: 'Heavy Rain' },
          severity: 'Moderate',
          urgency: 'Expected',
          certainty: 'Possible',
          validityHours: 3,
        },
      },
    ]);
    const run = (args: string[]) => runSiaga(['hazards', ...args], t.db, { ...ENV, RASTER_PRODUCTS: products });

    expect(await run(['draft', '--product', 'nope', '--geojson', file, '--by', 'Dewi'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/configured: cli-drawn/),
    });
    expect(await run(['draft', '--product', 'cli-drawn', '--geojson', broken, '--by', 'Dewi'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/coordinates\[0\]\[3\]: expected \[longitude, latitude\]/),
    });
    expect(await run(['draft', '--product', 'cli-drawn', '--geojson', file, '--by', 'Dewi', '--product-time', 'yesterday'])).toMatchObject({
      code: 2,
    });
    expect(await run(['draft', '--product', 'cli-drawn', '--geojson', file, '--by', 'siaga:cli-drawn'])).toMatchObject({ code: 2 });

    const drafted = await run(['draft', '--product', 'cli-drawn', '--geojson', file, '--by', 'Dewi Lestari', '--json']);
    expect(drafted.code).toBe(0);
    const outcome = JSON.parse(drafted.stdout) as { outcome: string; id: number; households: number };
    expect(outcome.outcome).toBe('new');
    expect(outcome.households).toBe((await householdsInBoxes(t.db, [[98.55, 3.25, 98.63, 3.33]], false)).length);
    expect(await run(['draft', '--product', 'cli-drawn', '--geojson', file, '--by', 'Dewi Lestari'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already/),
    });
    const shown = await run(['show', String(outcome.id)]);
    expect(shown.stdout).toMatch(/drawn by hand/);
    expect(shown.stdout).toMatch(/drafted by Dewi Lestari/);

    expect(await run(['approve', String(outcome.id), '--by', 'DEWI LESTARI'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/drafted/),
    });
    expect((await run(['approve', String(outcome.id), '--by', 'Rina'])).code).toBe(0);
    const issued = await run(['approve', String(outcome.id), '--by', 'Budi', '--json']);
    expect(JSON.parse(issued.stdout)).toMatchObject({ state: 'approved', approvals: ['Rina', 'Budi'], handedOn: true });
  });
});
