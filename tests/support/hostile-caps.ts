// The three kinds of CAP document that once passed validation and then broke storage or geometry:
// text with U+0000, a circle no hazard has, and a 30,000-point polygon. Each comes with what its
// refusal must name (path and reason), so that every test of them asks for the same clear answer.
import { boxRing, buildCap } from './cap-builder.ts';

export interface HostileCap {
  kind: string;
  xml: (identifier: string) => string;
  /** The path of the refusal's error (undefined for a refusal of the whole document). */
  path: RegExp;
  message: RegExp;
}

/** A simple ring of `n` points around Lubuk Pakam (Deli Serdang), [lon, lat], closed. */
export function manyPointRing(n: number): number[][] {
  const ring = Array.from({ length: n - 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / (n - 1);
    return [+(98.87 + 0.05 * Math.cos(a)).toFixed(7), +(3.55 + 0.05 * Math.sin(a)).toFixed(7)];
  });
  return [...ring, ring[0] as number[]];
}

export const HOSTILE_CAPS: HostileCap[] = [
  {
    kind: 'U+0000 in the text',
    xml: (id) =>
      buildCap({
        identifier: id,
        infos: [{ description: 'Hujan lebat\u0000 disertai petir.', areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.6)] }] }],
      }),
    path: /^document$/,
    message: /control character U\+0000 \(NUL\) at line \d+, column \d+, in the text of <description>/,
  },
  {
    kind: 'a 20,000 km circle',
    xml: (id) => buildCap({ identifier: id, infos: [{ areas: [{ circles: [[98.7, 3.45, 20000]] }] }] }),
    path: /^alert\/info\[0\]\/area\[0\]\/circle\[0\]$/,
    message: /radius is 20000 km; no hazard reaches that far \(Siaga accepts at most 5000 km\)/,
  },
  {
    kind: 'a 30,000-point polygon',
    xml: (id) => buildCap({ identifier: id, infos: [{ areas: [{ polygons: [manyPointRing(30_000)] }] }] }),
    path: /^alert\/info\[0\]\/area\[0\]\/polygon\[0\]$/,
    message: /30000 points; Siaga accepts at most 20000 in one polygon/,
  },
];

/** A document every test expects to be stored: a small box over Lubuk Pakam. */
export function goodCap(identifier: string): string {
  return buildCap({ identifier, infos: [{ areas: [{ polygons: [boxRing(98.85, 3.53, 98.89, 3.57)] }] }] });
}
