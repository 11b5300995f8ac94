import { describe, expect, it } from 'vitest';
import { lonLatToUtm, utmToLonLat, utmZoneOfEpsg } from '../../geo/raster/utm-to-wgs84.ts';

describe('UTM ↔ WGS 84', () => {
  it('puts the central meridian at 500 km east and the meridian arc at the northing', () => {
    // WGS 84 meridian arc from the equator to 45° N is 4,984,944.378 m; UTM scales it by 0.9996.
    const [e, n] = lonLatToUtm(-75, 45, 18, false);
    expect(e).toBeCloseTo(500000, 3);
    expect(n).toBeCloseTo(0.9996 * 4984944.378, 2);
    expect(utmToLonLat(500000, 0.9996 * 4984944.378, 18, false)[1]).toBeCloseTo(45, 7);
  });

  it('round-trips points across zones, both hemispheres, far from the central meridian', () => {
    for (const [lon, lat, zone, south] of [
      [106.8, -6.2, 48, true], // Jakarta
      [98.67, 3.59, 47, false], // Medan
      [140.7, -2.5, 54, true], // Jayapura
      [-78.7, 41.1, 17, false],
      [110.9, 0.5, 49, false], // 2.1° from the central meridian
    ] as const) {
      const [e, n] = lonLatToUtm(lon, lat, zone, south);
      const [lon2, lat2] = utmToLonLat(e, n, zone, south);
      // 1e-7° ≈ 1 cm: the third-order series is good to about a millimetre.
      expect(lon2).toBeCloseTo(lon, 7);
      expect(lat2).toBeCloseTo(lat, 7);
    }
  });

  it('knows which EPSG codes are UTM zones', () => {
    expect(utmZoneOfEpsg(32748)).toEqual({ zone: 48, south: true });
    expect(utmZoneOfEpsg(32617)).toEqual({ zone: 17, south: false });
    expect(utmZoneOfEpsg(32661)).toBeNull();
    expect(utmZoneOfEpsg(2193)).toBeNull();
    expect(utmZoneOfEpsg(4326)).toBeNull();
  });
});
