// Synthetic households: determinism, placement inside the real village polygons of the fixtures,
// the shares the generator promises, and the CLI's files and errors. Pure code, no database.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area, booleanPointInPolygon, point } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateByWeight } from '../geo/allocate-by-weight.ts';
import { pointInPreparedPolygon } from '../geo/point-in-prepared-polygon.ts';
import { polygonAreaKm2 } from '../geo/polygon-area-km2.ts';
import { preparePolygon } from '../geo/prepare-polygon.ts';
import { randomPointInPolygon } from '../geo/random-point-in-polygon.ts';
import { createSeededRandom } from '../geo/seeded-random.ts';
import { createCliContext } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { MESS_KINDS } from '../src/registry/synthetic-mess.ts';
import { VULNERABLE_KINDS } from '../src/registry/vulnerable-people.ts';
import {
  HOUSEHOLD_CSV_HEADER,
  allocateHouseholds,
  generateHouseholds,
  householdCsvChunks,
  householdCsvLine,
  readVillageFeatures,
  type SyntheticHousehold,
  type SyntheticVillage,
} from '../src/registry/synthetic-households.ts';

// Structural GeoJSON types, enough for Turf, without depending on @types/geojson directly.
type VillageGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
type VillageFeature = { type: 'Feature'; properties: { code: string; type: string }; geometry: VillageGeometry };

const ADMIN = fileURLToPath(new URL('../fixtures/id-admin/', import.meta.url));
const DELI_SERDANG = join(ADMIN, 'deli_serdang_villages.geojson');
const JAKARTA = join(ADMIN, 'dki_jakarta_villages.geojson');

async function loadFixture(file: string): Promise<{ features: Map<string, VillageFeature>; villages: SyntheticVillage[] }> {
  const doc = JSON.parse(await readFile(file, 'utf8')) as { type: 'FeatureCollection'; features: VillageFeature[] };
  const read = readVillageFeatures(doc);
  if ('error' in read) throw new Error(read.error);
  expect(read.skipped).toEqual([]);
  return { features: new Map(doc.features.map((f) => [f.properties.code, f])), villages: read.villages };
}

function csvOf(villages: SyntheticVillage[], count: number, seed: string): string {
  let csv = '';
  for (const { text } of householdCsvChunks(villages, { count, seed })) csv += text;
  return csv;
}

async function siaga(args: string[], errIsTerminal = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const ctx = createCliContext({ out: (t) => stdout.push(t), err: (t) => stderr.push(`${t}\n`), errIsTerminal }, {});
  const code = await runCli(args, ctx);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('geo helpers', () => {
  it('seeded random: same seed, same sequence; another seed, another; always in [0, 1)', () => {
    const draw = (seed: string) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 1000 }, () => random());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
    const values = draw('range');
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('allocateByWeight: largest remainder, exact sum, ties to the lower index, zero stays zero', () => {
    expect(allocateByWeight([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(allocateByWeight([0.5, 0.3, 0.2], 7)).toEqual([4, 2, 1]);
    expect(allocateByWeight([2, 0, 1], 5)).toEqual([3, 0, 2]);
    const weights = Array.from({ length: 394 }, (_, i) => Math.sqrt(i + 0.37));
    expect(allocateByWeight(weights, 1_000_003).reduce((a, b) => a + b, 0)).toBe(1_000_003);
    expect(() => allocateByWeight([1, -1], 3)).toThrow(RangeError);
    expect(() => allocateByWeight([0, 0], 3)).toThrow(RangeError);
  });

  it('polygonAreaKm2 agrees with Turf on every Deli Serdang village, and the total with SOURCES.md', async () => {
    const { features } = await loadFixture(DELI_SERDANG);
    let total = 0;
    for (const f of features.values()) {
      const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const km2 = polygonAreaKm2(parts);
      expect(km2).toBeCloseTo(area(f) / 1e6, 6);
      total += km2;
    }
    // SOURCES.md: the villages cover 2,580.5 km² on the ellipsoid; the sphere gives about 0.5 % more here.
    expect(Math.abs(total - 2580.5) / 2580.5).toBeLessThan(0.01);
  });

  it('pointInPreparedPolygon agrees with Turf, holes and islands included', async () => {
    const deli = await loadFixture(DELI_SERDANG);
    const jakarta = await loadFixture(JAKARTA);
    // Bah Bah Buntu has the one hole; Pulau Harapan is 54 islands; Pluit is a MultiPolygon on the coast.
    const picked = [deli.features.get('12.07.20.2008'), jakarta.features.get('31.01.01.1003'), jakarta.features.get('31.72.01.1005')];
    const random = createSeededRandom('pip');
    for (const f of picked) {
      if (!f) throw new Error('fixture village missing');
      const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const prepared = preparePolygon(parts);
      const [minLon, minLat, maxLon, maxLat] = prepared.bbox;
      let inside = 0;
      for (let i = 0; i < 5000; i++) {
        const lon = minLon + random() * (maxLon - minLon);
        const lat = minLat + random() * (maxLat - minLat);
        const ours = pointInPreparedPolygon(prepared, lon, lat);
        expect(ours, `${f.properties.code} at ${lon},${lat}`).toBe(booleanPointInPolygon(point([lon, lat]), f));
        if (ours) inside++;
      }
      expect(inside).toBeGreaterThan(0);
      for (let i = 0; i < 500; i++) {
        const [lon, lat] = randomPointInPolygon(prepared, random, { decimals: 6 });
        expect(booleanPointInPolygon(point([lon, lat]), f)).toBe(true);
      }
    }
  });
});

describe('generateHouseholds', () => {
  const N = 20_000;
  let deli: Awaited<ReturnType<typeof loadFixture>>;
  let households: SyntheticHousehold[];
  beforeAll(async () => {
    deli = await loadFixture(DELI_SERDANG);
    households = [...generateHouseholds(deli.villages, { count: N, seed: 'test-1' })];
  });

  it('gives a byte-identical CSV for the same seed and a different one for another seed', () => {
    const a = csvOf(deli.villages, 5000, 'same');
    expect(csvOf(deli.villages, 5000, 'same')).toBe(a);
    const b = csvOf(deli.villages, 5000, 'other');
    expect(b).not.toBe(a);
    expect(b.split('\n')[1]?.split(',').slice(1)).not.toEqual(a.split('\n')[1]?.split(',').slice(1));
  });

  it('writes the exact header, one line per household, with unique padded ids', () => {
    const lines = csvOf(deli.villages, 1234, 'hdr').split('\n');
    expect(lines[0]).toBe(HOUSEHOLD_CSV_HEADER);
    expect(lines[0]).toBe('id,lat,lon,members,vulnerable,language,phone');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1234 + 2);
    expect(lines[1]).toMatch(/^HH-hdr-0000001,-?\d+\.\d{6},-?\d+\.\d{6},\d+,[a-z;+]*,(id|en),(\+62840\d{8})?$/);
    const ids = households.map((h) => h.id);
    expect(new Set(ids).size).toBe(N);
    expect(ids[N - 1]).toBe('HH-test-1-0020000');
  });

  it('allocates exactly N households, by √area × (2 for kelurahan), to the villages in order', () => {
    const expected = allocateHouseholds(deli.villages, N);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(N);
    const seen = new Map<string, number>();
    for (const h of households) seen.set(h.villageCode, (seen.get(h.villageCode) ?? 0) + 1);
    deli.villages.forEach((v, i) => expect(seen.get(v.code) ?? 0, v.code).toBe(expected[i]));
    // Density falls with area: the smallest village holds more households per km² than the largest.
    const bySize = [...deli.villages].sort((a, b) => a.areaKm2 - b.areaKm2);
    const density = (v: SyntheticVillage | undefined) => (v ? (seen.get(v.code) ?? 0) / v.areaKm2 : NaN);
    expect(density(bySize[0])).toBeGreaterThan(density(bySize.at(-1)));
  });

  it('places every household inside its own village polygon (Turf), on the 6-decimal grid', () => {
    for (const h of households) {
      const village = deli.features.get(h.villageCode);
      if (!village) throw new Error(`unknown village ${h.villageCode}`);
      expect(booleanPointInPolygon(point([h.lon, h.lat]), village), `${h.id} ${h.lon},${h.lat} in ${h.villageCode}`).toBe(true);
      expect(Number(h.lat.toFixed(6))).toBe(h.lat);
    }
  });

  it('keeps points out of holes and on the islands (Bah Bah Buntu alone, all of Jakarta)', async () => {
    const hole = deli.villages.filter((v) => v.code === '12.07.20.2008');
    const jakarta = await loadFixture(JAKARTA);
    for (const [villages, features] of [
      [hole, deli.features],
      [jakarta.villages, jakarta.features],
    ] as const) {
      for (const h of generateHouseholds(villages, { count: 5000, seed: 'holes' })) {
        const village = features.get(h.villageCode);
        if (!village) throw new Error(`unknown village ${h.villageCode}`);
        expect(booleanPointInPolygon(point([h.lon, h.lat]), village), `${h.id} in ${h.villageCode}`).toBe(true);
      }
    }
  });

  it('has the promised shares: ~11.5 % vulnerable, mean size ~3.9, ~95 % Indonesian, ~90 % with a test phone', () => {
    const share = (pred: (h: SyntheticHousehold) => boolean) => households.filter(pred).length / N;
    // 10 % of households, 30 % of those living alone (7.5 % of households): 11.5 %. 20,000 draws:
    // one standard error is 0.23 points, so ±1.5 points never flakes.
    expect(share((h) => h.vulnerable.length > 0)).toBeGreaterThan(0.1);
    expect(share((h) => h.vulnerable.length > 0)).toBeLessThan(0.13);
    expect(share((h) => h.language === 'id')).toBeGreaterThan(0.94);
    expect(share((h) => h.language === 'id')).toBeLessThan(0.96);
    expect(share((h) => h.phone !== undefined)).toBeGreaterThan(0.885);
    expect(share((h) => h.phone !== undefined)).toBeLessThan(0.915);
    const meanMembers = households.reduce((s, h) => s + h.members, 0) / N;
    expect(meanMembers).toBeGreaterThan(3.8);
    expect(meanMembers).toBeLessThan(4.0);
    for (const h of households) {
      expect(h.members).toBeGreaterThanOrEqual(1);
      expect(h.members).toBeLessThanOrEqual(10);
      expect(h.vulnerable.length).toBeLessThanOrEqual(h.members);
      for (const person of h.vulnerable) {
        expect(person.length).toBeGreaterThan(0);
        expect(person).toEqual(VULNERABLE_KINDS.filter((k) => person.includes(k)));
      }
      if (h.phone !== undefined) expect(h.phone).toMatch(/^\+62840\d{8}$/);
      expect(h.mess).toBeUndefined();
    }
    // Two people with the same needs in one household, and people with several conditions: about a
    // third of the elderly who need help are also ill, some living alone.
    expect(households.some((h) => new Set(h.vulnerable.map((p) => p.join('+'))).size < h.vulnerable.length)).toBe(true);
    const persons = households.flatMap((h) => h.vulnerable);
    const elderly = persons.filter((p) => p.includes('elderly'));
    expect(elderly.filter((p) => p.includes('ill')).length / elderly.length).toBeGreaterThan(0.25);
    expect(elderly.filter((p) => p.includes('ill')).length / elderly.length).toBeLessThan(0.35);
    expect(persons.filter((p) => p.length > 1).length / persons.length).toBeGreaterThan(0.12);
    expect(
      households.filter((h) => h.members === 1 && h.vulnerable[0]?.length === 2 && h.vulnerable[0].includes('elderly')).length,
    ).toBeGreaterThan(50);
    expect(households.some((h) => h.members === 1 && h.vulnerable.some((p) => p.includes('infant')))).toBe(false);
  });

  it('writes several conditions of one person with + and, per-condition, as older registries do', () => {
    const single = households.find((h) => h.members === 1 && h.vulnerable[0]?.join('+') === 'elderly+ill') as SyntheticHousehold;
    expect(householdCsvLine(single)).toMatch(/,1,elderly\+ill,(id|en),/);
    expect(householdCsvLine(single, 'per-condition')).toMatch(/,1,elderly;ill,(id|en),/);
    const a = csvOf(deli.villages, 3000, 'notation');
    let b = '';
    for (const { text } of householdCsvChunks(deli.villages, { count: 3000, seed: 'notation', notation: 'per-condition' })) b += text;
    // The same households: only the vulnerable column differs.
    const drop = (csv: string) =>
      csv.split('\n').map((l) =>
        l
          .split(',')
          .filter((_, i) => i !== 4)
          .join(','),
      );
    expect(drop(b)).toEqual(drop(a));
    expect(b).not.toBe(a);
  });

  it('spoils the requested share of rows in realistic ways, the same with the same seed, and never the households themselves', () => {
    const options = { count: 5000, seed: 'messy', messy: 0.2 };
    const messy = [...generateHouseholds(deli.villages, options)];
    const clean = [...generateHouseholds(deli.villages, { count: 5000, seed: 'messy' })];
    expect(messy.map(({ mess: _mess, ...h }) => h)).toEqual(clean);
    const spoiled = messy.filter((h) => h.mess);
    expect(spoiled.length / 5000).toBeGreaterThan(0.18);
    expect(spoiled.length / 5000).toBeLessThan(0.22);
    expect(new Set(spoiled.map((h) => h.mess?.kind)).size).toBe(MESS_KINDS.length);
    expect([...generateHouseholds(deli.villages, options)]).toEqual(messy);
    // A repeated id repeats a clean household's; a far point is north or south of every village.
    const ids = new Map(messy.map((h) => [h.id, h]));
    for (const h of spoiled.filter((x) => x.mess?.kind === 'duplicate-id'))
      expect(ids.get(h.mess?.duplicateOf ?? '')?.mess).toBeUndefined();
    const far = spoiled.find((h) => h.mess?.kind === 'far-from-villages');
    expect(Math.abs((far?.mess?.farLat ?? 0) - 3.5)).toBeGreaterThan(0.5);
    const lines = new Map(messy.map((h) => [h.mess?.kind ?? 'clean', householdCsvLine(h)]));
    expect(lines.get('no-location')).toMatch(/^HH-messy-\d+,,,/);
    expect(lines.get('odd-id')).toMatch(/^"KK 12\.07\.\d\d\.\d{4}\/messy-\d+, Désa Sukamaju",/);
    expect(lines.get('extra-comma')?.split(',').length).toBeGreaterThan(7);
    expect(lines.get('missing-phone-column')?.split(',').length).toBe(6);
    expect(() => [...generateHouseholds(deli.villages, { ...options, messy: 1.5 })]).toThrow(RangeError);
  });

  it('clusters most households around settlements rather than spreading them evenly', () => {
    // In a uniform spread, a village's households fill its bounding box; around 1–5 centres with a
    // spread of 10 % of the village's size, the middle half of the latitudes is a much narrower band.
    const largest = [...deli.villages].sort((a, b) => b.areaKm2 - a.areaKm2)[0];
    if (!largest) throw new Error('no villages');
    const lats = households
      .filter((h) => h.villageCode === largest.code)
      .map((h) => h.lat)
      .sort((a, b) => a - b);
    const bbox = preparePolygon(largest.polygons).bbox;
    const iqr = (lats[Math.floor(lats.length * 0.75)] ?? 0) - (lats[Math.floor(lats.length * 0.25)] ?? 0);
    expect(iqr).toBeLessThan((bbox[3] - bbox[1]) * 0.4);
  });
});

describe('siaga generate households', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'siaga-households-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const base = (count: string, seed = 'cli') => ['generate', 'households', '--villages', DELI_SERDANG, '--count', count, '--seed', seed];

  it('writes the same bytes to --out and to stdout, and leaves no temporary file', async () => {
    const out = join(dir, 'households.csv');
    const toFile = await siaga([...base('3000'), '--out', out]);
    expect(toFile.stderr).toBe('');
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toMatch(/wrote 3000 households to .*households\.csv/);
    const toStdout = await siaga(base('3000'));
    expect(toStdout.code).toBe(0);
    const file = await readFile(out, 'utf8');
    expect(toStdout.stdout).toBe(file);
    const { villages } = await loadFixture(DELI_SERDANG);
    expect(file).toBe(csvOf(villages, 3000, 'cli'));
    expect(await readdir(dir)).toEqual(['households.csv']);
  });

  it('is byte-identical across runs with the same seed, and reports progress for large counts on a terminal only', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const first = await siaga([...base('150000', 'big'), '--out', a], true);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/generated \d+ of 150000 households \(10 %\)/);
    const piped = await siaga([...base('150000', 'big'), '--out', b]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    // Buffer.equals, not toEqual: a deep comparison of 8 MB byte by byte takes a minute.
    expect((await readFile(b)).equals(await readFile(a))).toBe(true);
    expect((await readFile(a, 'utf8')).split('\n')).toHaveLength(150_002);
  });

  it('leaves nothing behind when the output cannot be put in place', async () => {
    // A directory where the file should go: writing the temporary file works, the rename fails.
    const blocked = join(dir, 'blocked');
    await mkdir(blocked);
    const run = await siaga([...base('100'), '--out', blocked]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: cannot write .*blocked: EISDIR/);
    expect((await readdir(dir)).filter((f) => f.includes('blocked'))).toEqual(['blocked']);
    expect(await readdir(blocked)).toEqual([]);
    const missingDir = await siaga([...base('100'), '--out', join(dir, 'no-such-dir', 'x.csv')]);
    expect(missingDir.code).toBe(1);
    expect(missingDir.stderr).toMatch(/cannot write .*x\.csv: ENOENT/);
  });

  it('says clearly what is wrong with the villages file', async () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['missing.geojson', undefined, /villages file .*missing\.geojson: no such file/],
      [
        'broken.geojson',
        '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",}\n  ]\n}\n',
        /is not valid JSON: .* at line 4, column 24/,
      ],
      ['cut.geojson', '{"type": "FeatureCollection", "features": [', /is not valid JSON: .*ends at line 1; it looks truncated/],
      ['token.geojson', '{"type": "FeatureCollection",\n "features": [x]}', /is not valid JSON: Unexpected token 'x' at line 2, column 15/],
      ['array.geojson', '[]', /expected a GeoJSON FeatureCollection/],
      [
        'points.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: { code: '12.07.01.2001' }, geometry: { type: 'Point', coordinates: [98.7, 3.1] } }],
        }),
        /has no usable Polygon or MultiPolygon feature \(feature 0: geometry is Point/,
      ],
      ['empty.geojson', JSON.stringify({ type: 'FeatureCollection', features: [] }), /has no usable Polygon or MultiPolygon feature$/m],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      if (content !== undefined) await writeFile(file, content);
      const run = await siaga(['generate', 'households', '--villages', file, '--count', '10', '--seed', 's']);
      expect(run.code, name).toBe(1);
      expect(run.stderr, name).toMatch(message);
      expect(run.stdout, name).toBe('');
    }
  });

  it('rejects a bad --count or --seed, and missing flags, as usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [base('0'), /--count must be a whole number from 1 to 50000000, got "0"/],
      [base('-5'), /--count must be a whole number/],
      [base('1.5'), /--count must be a whole number/],
      [base('ten'), /--count must be a whole number/],
      [base('50000001'), /--count must be a whole number from 1 to 50000000/],
      [['generate', 'households', '--villages', DELI_SERDANG, '--count', '10'], /--seed <seed> is required/],
      [base('10', 'a,b'), /--seed must be 1 to 64 letters/],
      [['generate', 'households', '--villages', DELI_SERDANG, '--seed', 's'], /--count <n> is required/],
      [['generate', 'households', '--count', '10', '--seed', 's'], /--villages <file.geojson> is required/],
      [[...base('10'), '--messy', '2'], /--messy must be a share from 0 to 1, like 0.1, got "2"/],
      [[...base('10'), '--messy', 'lots'], /--messy must be a share/],
      [[...base('10'), '--notation', 'dots'], /--notation must be plus or per-condition, got "dots"/],
    ];
    for (const [args, message] of cases) {
      const run = await siaga(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect((await siaga(base('1_000', 'underscores'))).code).toBe(0);
  });
});
