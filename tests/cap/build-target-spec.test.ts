import { describe, expect, it } from 'vitest';
import { buildTargetSpec } from '../../src/cap/build-target-spec.ts';
import { mergeTranslation } from '../../src/cap/merge-translation.ts';
import { checkCap } from '../../src/cap/check-cap.ts';
import { buildCap, boxRing, type TestCap } from '../support/cap-builder.ts';

const infosOf = (cap: TestCap) => {
  const c = checkCap(buildCap(cap));
  if (!c.alert) throw new Error(JSON.stringify(c.errors));
  return c.alert;
};

describe('buildTargetSpec', () => {
  it('turns lat,lon polygons into GeoJSON lon,lat rings and circles into metres with an index box that includes the margin', () => {
    const alert = infosOf({
      identifier: 'S1',
      infos: [{ areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.6)], circles: [[106.8, -6.2, 2.5]] }] }],
    });
    const { spec, warnings } = buildTargetSpec(alert.infos, 300);
    expect(warnings).toEqual([]);
    // lon,lat order, wound counter-clockwise by the repair
    expect(spec.polygons[0]?.geometry.coordinates[0]?.[0]).toContainEqual([98.8, 3.5]);
    expect(spec.polygons[0]?.geometry.coordinates[0]?.[0]).not.toContainEqual([3.5, 98.8]);
    expect(spec.circles[0]).toMatchObject({ lon: 106.8, lat: -6.2, radiusM: 2500 });
    const [minLon, minLat, maxLon, maxLat] = spec.circles[0]?.bbox ?? [];
    // 2.8 km (radius + margin) is about 0.0253 degrees of latitude.
    expect(maxLat! - -6.2).toBeGreaterThan(2800 / 110_574);
    expect(-6.2 - minLat!).toBeGreaterThan(2800 / 110_574);
    expect(maxLon! - 106.8).toBeGreaterThan(0.025);
    expect(106.8 - minLon!).toBeGreaterThan(0.025);
  });

  it('reads ADM1-ADM4 and KEMENDAGRI geocodes in dotted or compact form, and warns about the rest', () => {
    const alert = infosOf({
      identifier: 'S2',
      infos: [
        {
          areas: [
            {
              geocodes: [
                ['ADM4', '1207182001'],
                ['adm3', '12.07.18'],
                ['KEMENDAGRI', '31.71'],
                ['ADM3', '12.07.18.2001'],
                ['SAME', '006113'],
                ['ADM2', 'Deli Serdang'],
              ],
            },
          ],
        },
      ],
    });
    const { spec, warnings } = buildTargetSpec(alert.infos, 0);
    expect(spec.geocodes.map((g) => [g.code, g.level])).toEqual([
      ['12.07.18.2001', 'village'],
      ['12.07.18', 'district'],
      ['31.71', 'regency'],
      ['12.07.18.2001', 'village'],
    ]);
    expect(warnings.map((w) => w.path)).toEqual([
      'alert/info[0]/area[0]/geocode[3]',
      'alert/info[0]/area[0]/geocode[4]',
      'alert/info[0]/area[0]/geocode[5]',
    ]);
    expect(warnings[0]?.message).toMatch(/names a district, but "12\.07\.18\.2001" is a village code/);
    expect(warnings[1]?.message).toMatch(/"SAME" is not a code system Siaga resolves/);
    expect(warnings[2]?.message).toMatch(/"Deli Serdang" is not a Kemendagri code/);
  });

  it('warns when nothing can be targeted', () => {
    const alert = infosOf({ identifier: 'S3', infos: [{ areas: [{ geocodes: [['SAME', '006113']] }] }] });
    expect(buildTargetSpec(alert.infos, 0).warnings.at(-1)?.message).toMatch(/reaches no household/);
  });
});

describe('mergeTranslation', () => {
  const id = infosOf({ identifier: 'M', infos: [{ language: 'id', areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.6)] }] }] });
  const en = infosOf({ identifier: 'M', infos: [{ language: 'en', areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.6)] }] }] });

  it('adds the new language with paths renumbered after the stored blocks', () => {
    const merge = mergeTranslation(id, en);
    if (merge.kind !== 'translation') throw new Error(merge.kind);
    expect(merge.newLanguages).toEqual(['en']);
    expect(merge.merged.infos.map((i) => i.path)).toEqual(['alert/info[0]', 'alert/info[1]']);
    expect(merge.merged.infos[1]?.areas[0]?.polygons[0]?.path).toBe('alert/info[1]/area[0]/polygon[0]');
  });

  it('calls the same language with the same content a duplicate, and with other content a conflict', () => {
    expect(mergeTranslation(id, id).kind).toBe('duplicate');
    const changed = infosOf({
      identifier: 'M',
      infos: [{ language: 'id-ID', headline: 'lain', areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.6)] }] }],
    });
    expect(mergeTranslation(id, changed)).toEqual({ kind: 'conflict', languages: ['id-ID'] });
  });

  it('warns when a ring too tangled to untangle is targeted as its convex hull (more people warned than drawn)', () => {
    // A 3,000-point star with one spike across its far side: more points than the union takes.
    const star = Array.from({ length: 3_000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 3_000;
      const r = i % 2 ? 0.1 : 0.5;
      return [98.7 + r * Math.cos(a), 3.45 + r * Math.sin(a)];
    });
    star.splice(1_500, 0, [99.5, 3.45]);
    const alert = infosOf({ identifier: 'S-HULL', infos: [{ areas: [{ polygons: [[...star, star[0] as number[]]] }] }] });
    const { spec, warnings } = buildTargetSpec(alert.infos, 0);
    expect(spec.polygons).toHaveLength(1);
    expect(warnings).toEqual([expect.objectContaining({ message: expect.stringContaining('convex hull') })]);
  });
});
