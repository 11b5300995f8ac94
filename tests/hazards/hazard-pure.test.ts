// The pure parts: product configuration (RASTER_PRODUCTS, defaults, every problem with its path),
// product times and URL templates, the rings an alert carries, and the CAP message an approval
// issues (valid by Siaga's own CAP validation, with Siaga's sender and the rule's event).
import { describe, expect, it } from 'vitest';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { checkCap } from '../../src/cap/check-cap.ts';
import { writeCap } from '../../src/cap/write-cap.ts';
import { loadConfig, type ConfigError } from '../../src/config.ts';
import { candidateRings, candidateTargetSpec } from '../../src/hazards/candidate-rings.ts';
import { candidateIdentifier, candidateToCap } from '../../src/hazards/candidate-to-cap.ts';
import { drawnHazard } from '../../src/hazards/drawn-hazard.ts';
import { expandTimeTemplate, productTimeFor } from '../../src/hazards/product-time.ts';
import { reviewerName, samePerson } from '../../src/hazards/reviewer-name.ts';
import { boxHazard, testProduct } from './hazard-test-kit.ts';

const product = {
  name: 'gpm-imerg',
  title: 'GPM IMERG Early',
  kind: 'geotiff',
  url: 'https://example.test/imerg/{yyyy}/{MM}/3B-HHR-E.{yyyy}{MM}{dd}-S{HH}{mm}00.{mod}.tif',
  threshold: 20,
  rule: { event: { id: 'Hujan Lebat', en: 'Heavy Rain' }, severity: 'Severe', urgency: 'Expected', certainty: 'Likely', validityHours: 3 },
};

describe('raster products configuration', () => {
  it('has no product by default, so an offline start stays quiet', () => {
    const config = loadConfig({});
    expect(config.hazards).toEqual({ products: [], approvalsRequired: 1 });
    expect(configuredFeeds(config).some((f) => f.name.startsWith('raster-'))).toBe(false);
  });

  it('reads products with defaults, and four-eyes', () => {
    const config = loadConfig({ RASTER_PRODUCTS: JSON.stringify([product]), HAZARD_APPROVALS_REQUIRED: '2' });
    expect(config.hazards.approvalsRequired).toBe(2);
    expect(config.hazards.products).toEqual([
      expect.objectContaining({
        name: 'gpm-imerg',
        band: 1,
        bbox: [94, -11.5, 141.5, 6.5],
        minAreaKm2: 1,
        simplifyM: 0,
        schedule: '*/30 * * * *',
        timeStepMinutes: 30,
        latencyMinutes: 0,
        rule: expect.objectContaining({ category: 'Met', responseType: 'Prepare' }),
      }),
    ]);
  });

  it('reports every problem at once, with its path', () => {
    const bad = [
      { ...product, name: 'GPM IMERG', rule: { ...product.rule, severity: 'Bad' } },
      { ...product, kind: 'tiles', url: 'https://example.test/tiles/{z}/{x}.png', bbox: [99, 3, 98, 4] },
    ];
    let problems: string[] = [];
    try {
      loadConfig({ RASTER_PRODUCTS: JSON.stringify(bad), HAZARD_APPROVALS_REQUIRED: '3' });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^HAZARD_APPROVALS_REQUIRED: /)]));
    // zod reports the env schema first; the product list is checked once the env parses.
    try {
      loadConfig({ RASTER_PRODUCTS: JSON.stringify(bad) });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^RASTER_PRODUCTS\[0\]\.name: /),
        expect.stringMatching(/^RASTER_PRODUCTS\[0\]\.rule\.severity: /),
        expect.stringMatching(/^RASTER_PRODUCTS\[1\]\.bbox: /),
        expect.stringMatching(/^RASTER_PRODUCTS\[1\]\.zoom: /),
        expect.stringMatching(/^RASTER_PRODUCTS\[1\]\.legend: /),
        expect.stringMatching(/^RASTER_PRODUCTS\[1\]\.url: /),
      ]),
    );
    // Duplicates are looked for once every product reads.
    expect(() => loadConfig({ RASTER_PRODUCTS: JSON.stringify([product, product]) })).toThrow(
      /RASTER_PRODUCTS\[1\]\.name: product "gpm-imerg" is configured twice/,
    );
    expect(() => loadConfig({ RASTER_PRODUCTS: '[{' })).toThrow(/RASTER_PRODUCTS: not valid JSON/);
  });
});

describe('product times', () => {
  it('takes the newest step old enough to exist, and fills the URL template in UTC', () => {
    const now = new Date('2026-11-29T05:47:12Z');
    expect(productTimeFor(now, { timeStepMinutes: 30, latencyMinutes: 0 }).toISOString()).toBe('2026-11-29T05:30:00.000Z');
    expect(productTimeFor(now, { timeStepMinutes: 30, latencyMinutes: 240 }).toISOString()).toBe('2026-11-29T01:30:00.000Z');
    expect(productTimeFor(now, { timeStepMinutes: 1440, latencyMinutes: 0 }).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(expandTimeTemplate(product.url, new Date('2026-02-03T01:30:00Z'))).toBe(
      'https://example.test/imerg/2026/02/3B-HHR-E.20260203-S013000.0090.tif',
    );
    expect(expandTimeTemplate('https://t.test/{doy}/{z}/{x}/{-y}.png', new Date('2026-12-31T00:00:00Z'))).toBe(
      'https://t.test/365/{z}/{x}/{-y}.png',
    );
  });
});

describe('reviewer names', () => {
  it('are compared without case or extra spaces, and refuse job names and empty ones', () => {
    expect(reviewerName('  Rina   Siregar ')).toBe('Rina Siregar');
    expect(samePerson('Rina Siregar', ' rina  SIREGAR')).toBe(true);
    expect(samePerson('Rina', 'Rino')).toBe(false);
    // Unicode: accents, compatibility forms (full-width letters) and case folding (ß → SS → ss).
    expect(samePerson('Dína Drafter', 'Dina Drafter')).toBe(true);
    expect(samePerson('Di\u0301na Drafter', 'DÍNA DRAFTER')).toBe(true);
    expect(samePerson('Ｄｉｎａ', 'dina')).toBe(true);
    expect(samePerson('Strauß', 'STRAUSS')).toBe(true);
    expect(samePerson('Dina', 'Dana')).toBe(false);
    expect(() => reviewerName('  ')).toThrow(/say who you are/);
    expect(() => reviewerName('siaga:gpm-imerg')).toThrow(/Siaga's own jobs/);
    expect(() => reviewerName('x'.repeat(81))).toThrow(/at most 80/);
  });
});

describe('the alert an approval issues', () => {
  const hazard = boxHazard([{ box: [98.7, 3.5, 98.78, 3.58], hole: [98.72, 3.52, 98.76, 3.56] }, { box: [98.84, 3.5, 98.92, 3.58] }]);
  const rings = candidateRings(hazard.geometry as NonNullable<typeof hazard.geometry>);

  it('carries each polygon as its outer ring (CAP polygons have no holes)', () => {
    expect(rings).toHaveLength(2);
    expect(rings[0]).toEqual([
      [98.7, 3.5],
      [98.78, 3.5],
      [98.78, 3.58],
      [98.7, 3.58],
      [98.7, 3.5],
    ]);
    const spec = candidateTargetSpec(rings, 'test', 250);
    expect(spec).toMatchObject({ marginM: 250, circles: [], geocodes: [] });
    expect(spec.polygons.map((p) => p.geometry.coordinates[0])).toHaveLength(2);
    expect(spec.polygons[0]?.geometry.coordinates[0]).toHaveLength(1); // no hole
  });

  it('is a valid Siaga CAP Alert with the rule, the polygons and the expiry from the product time', () => {
    const rule = { ...testProduct('x').rule, title: 'GPM IMERG Early' };
    const productTime = new Date('2026-11-29T03:00:00Z');
    const sent = new Date('2026-11-29T04:10:00Z');
    const draft = candidateToCap(
      {
        id: 7,
        product: 'gpm-imerg',
        productTime,
        threshold: 20,
        unit: 'mm/h',
        rule,
        rings,
        areaKm2: 123.4,
        villages: 9,
        approvers: ['Rina', 'Budi'],
      },
      { sender: 'peringatan@siaga.local', sent },
    );
    expect(draft.identifier).toBe(candidateIdentifier('gpm-imerg', productTime));
    expect(draft.identifier).toBe('siaga-raster-gpm-imerg-20261129T030000Z');
    const check = checkCap(writeCap(draft));
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    const alert = check.alert;
    expect(alert).toMatchObject({ sender: 'peringatan@siaga.local', msgType: 'Alert', status: 'Actual', scope: 'Public' });
    expect(alert?.infos.map((i) => [i.language, i.event, i.severity, i.urgency, i.certainty])).toEqual([
      ['id', 'Hujan Lebat', 'Severe', 'Expected', 'Likely'],
      ['en', 'Heavy Rain', 'Severe', 'Expected', 'Likely'],
    ]);
    expect(alert?.infos[0]?.expires?.epochMs).toBe(Date.parse('2026-11-29T09:00:00Z'));
    expect(alert?.infos[0]?.areas[0]?.polygons).toHaveLength(2);
    expect(() =>
      candidateToCap(
        {
          id: 7,
          product: 'gpm-imerg',
          productTime,
          threshold: 20,
          unit: 'mm/h',
          rule,
          rings,
          areaKm2: 1,
          villages: 1,
          approvers: ['Rina'],
        },
        { sender: 's', sent: new Date('2026-11-29T09:00:00Z') },
      ),
    ).toThrow(/expired/);
  });
});

describe('drawn areas', () => {
  it('reads Polygon, MultiPolygon, Feature and FeatureCollection, holes kept, areas on the sphere', () => {
    const shell = [
      [98.7, 3.5],
      [98.8, 3.5],
      [98.8, 3.6],
      [98.7, 3.6],
      [98.7, 3.5],
    ];
    const hole = [
      [98.72, 3.52],
      [98.72, 3.54],
      [98.74, 3.54],
      [98.74, 3.52],
      [98.72, 3.52],
    ];
    const read = drawnHazard({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [shell, hole] } },
        { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[shell]] } },
      ],
    });
    if (!('hazard' in read)) throw new Error(read.problems.join('; '));
    expect(read.hazard.geometry?.coordinates).toHaveLength(2);
    expect(read.hazard.geometry?.coordinates[0]).toHaveLength(2);
    expect(read.hazard.pixelSizeM).toBeNull();
    // 0.1° × 0.1° at 3.55° N is about 11.10 km × 11.12 km; the hole is 4 % of it.
    expect(read.hazard.polygons[1]?.areaKm2).toBeCloseTo(123.4, 0);
    expect(read.hazard.polygons[0]?.areaKm2).toBeCloseTo(123.4 * 0.96, 0);
  });

  it('says what is wrong and where', () => {
    expect(drawnHazard({ type: 'Point', coordinates: [98, 3] })).toEqual({
      problems: ['the document: type "Point" is not a Polygon, MultiPolygon, Feature or FeatureCollection'],
    });
    expect(
      drawnHazard({
        type: 'Polygon',
        coordinates: [
          [
            [98, 3],
            [99, 3],
            [99, 4],
            [98, 4],
          ],
        ],
      }),
    ).toEqual({ problems: ['coordinates[0]: the ring is not closed (its last position must repeat the first)'] });
    expect(
      drawnHazard({
        type: 'Polygon',
        coordinates: [
          [
            [98, 3],
            [99, 3],
            [98, 3],
          ],
        ],
      }),
    ).toEqual({ problems: ['coordinates[0]: a ring needs at least 4 positions (the first repeated last)'] });
    expect(drawnHazard({ type: 'FeatureCollection', features: [] })).toMatchObject({ problems: [expect.stringMatching(/^no polygon/)] });
    expect(
      drawnHazard({
        type: 'Polygon',
        coordinates: [
          [
            [98, 3],
            [99, 3],
            [98, 3],
            [98, 3],
          ],
        ],
      }),
    ).toEqual({ problems: ['polygon 1 encloses no area'] });
  });
});
