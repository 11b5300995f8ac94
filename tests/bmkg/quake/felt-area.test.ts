// The felt-area radii from Allen, Wald & Worden (2012), hypocentral form. The expected numbers were
// computed by hand from the published equation (MMI = c0 + c1·M + c2·ln√(R² + Rm²) [+ c4·ln(R/50)],
// Rm = m1 + m2·e^(M−5); c0 2.085, c1 1.428, c2 −1.402, c4 0.078, m1 −0.209, m2 2.042), outside this code.
import { describe, expect, it } from 'vitest';
import { FELT_LEVELS, MAX_FELT_RADIUS_KM, feltArea } from '../../../src/bmkg/quake/felt-area.ts';
import { predictMmi } from '../../../src/bmkg/quake/predict-mmi.ts';

describe('predictMmi', () => {
  it('matches hand-computed values of the equation', () => {
    // M6, R 10 km: Rm = −0.209 + 2.042·e = 5.34173; √(100 + 28.534) = 11.3372; ln = 2.42809;
    // 2.085 + 8.568 − 1.402·2.42809 = 7.24881.
    expect(predictMmi(6, 10)).toBeCloseTo(7.24881, 4);
    // M6, R 100 km: past 50 km the anelastic term adds 0.078·ln 2 = 0.05407 → 4.24862.
    expect(predictMmi(6, 100)).toBeCloseTo(4.24862, 4);
    expect(predictMmi(5.3, 10)).toBeCloseTo(6.3811, 4);
    expect(predictMmi(7.7, 15)).toBeCloseTo(8.14915, 4);
    expect(predictMmi(4.2, 5)).toBeCloseTo(5.81223, 4);
  });

  it('is continuous where the anelastic term starts (50 km) and falls with distance', () => {
    expect(predictMmi(7, 50.0001)).toBeCloseTo(predictMmi(7, 50), 4);
    for (const m of [3, 5, 7, 9]) {
      let previous = Infinity;
      for (let r = 1; r <= 1500; r += 7) {
        const mmi = predictMmi(m, r);
        expect(mmi).toBeLessThan(previous);
        previous = mmi;
      }
    }
  });
});

describe('feltArea', () => {
  const radii = (magnitude: number, depthKm: number) => feltArea({ magnitude, depthKm }).map((r) => [r.mmi, r.radiusKm]);

  it('gives epicentral radii for MMI III, IV, V and VI matching the hand-solved equation', () => {
    // M5.3 at 10 km (gempaterkini 2026-09-21, Sulawesi).
    const got = radii(5.3, 10);
    const want = [
      [3, 120.4325],
      [4, 55.8476],
      [5, 25.637],
      [6, 8.7702],
    ];
    expect(got.map(([mmi]) => mmi)).toEqual([...FELT_LEVELS]);
    got.forEach(([, r], i) => expect(r).toBeCloseTo(want[i]?.[1] ?? NaN, 2));
    // M6.4 at 25 km (gempaterkini 2023-06-30, south of Bantul).
    const bantul = radii(6.4, 25);
    [395.0238, 184.1496, 83.3439, 32.156].forEach((r, i) => expect(bantul[i]?.[1]).toBeCloseTo(r, 2));
  });

  it('returns 0 for a level not reached even at the epicentre', () => {
    // M6.0 at 162 km (Tanimbar): MMI 3.61 right above the hypocentre; III reaches 199.66 km, IV nowhere.
    const tanimbar = radii(6.0, 162);
    expect(tanimbar[0]?.[1]).toBeCloseTo(199.6577, 2);
    expect(tanimbar.slice(1)).toEqual([
      [4, 0],
      [5, 0],
      [6, 0],
    ]);
    // M1.8 at 12 km (autogempa 2026-09-23): MMI 1.17 at the epicentre.
    expect(radii(1.8, 12)).toEqual([
      [3, 0],
      [4, 0],
      [5, 0],
      [6, 0],
    ]);
  });

  it('at each returned radius, the equation gives the level exactly', () => {
    for (const [m, d] of [
      [5.3, 10],
      [6.4, 25],
      [7.0, 10],
      [4.2, 5],
    ] as const) {
      for (const { mmi, radiusKm, capped } of feltArea({ magnitude: m, depthKm: d })) {
        if (radiusKm === 0 || capped) continue;
        expect(predictMmi(m, Math.hypot(radiusKm, d))).toBeCloseTo(mmi, 3);
      }
    }
  });

  it('caps a radius beyond 1,000 km and says so (MMI III of an M7.7)', () => {
    const nagekeo = feltArea({ magnitude: 7.7, depthKm: 15 });
    expect(nagekeo[0]).toEqual({ mmi: 3, radiusKm: MAX_FELT_RADIUS_KM, capped: true });
    expect(nagekeo[1]?.radiusKm).toBeCloseTo(755.1761, 2);
    expect(nagekeo.slice(1).every((r) => !r.capped)).toBe(true);
  });

  it('grows with magnitude and shrinks with depth, level by level', () => {
    for (let level = 0; level < FELT_LEVELS.length; level++) {
      for (const depth of [5, 10, 33, 70]) {
        let previous = -1;
        for (let m = 3; m <= 7.5; m += 0.5) {
          const r = feltArea({ magnitude: m, depthKm: depth })[level]?.radiusKm ?? NaN;
          expect(r).toBeGreaterThanOrEqual(previous);
          previous = r;
        }
        expect(previous).toBeGreaterThan(0);
      }
      for (const m of [5, 6, 7]) {
        let previous = Infinity;
        for (const depth of [0, 10, 20, 40, 80, 160]) {
          const r = feltArea({ magnitude: m, depthKm: depth })[level]?.radiusKm ?? NaN;
          expect(r).toBeLessThanOrEqual(previous);
          previous = r;
        }
      }
    }
    // Strictly, where the level is reached: M5 → M6 at 10 km, and 10 km → 40 km for M6.
    expect(feltArea({ magnitude: 6, depthKm: 10 })[1]?.radiusKm).toBeGreaterThan(
      feltArea({ magnitude: 5, depthKm: 10 })[1]?.radiusKm ?? Infinity,
    );
    expect(feltArea({ magnitude: 6, depthKm: 40 })[1]?.radiusKm).toBeLessThan(feltArea({ magnitude: 6, depthKm: 10 })[1]?.radiusKm ?? -1);
  });
});
