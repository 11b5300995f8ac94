// BMKG's `Lintang` / `Bujur` (and InaTEWS `latitude` / `longitude`) give each coordinate with its
// hemisphere in Indonesian: "8.51 LS" (Lintang Selatan, south), "4.74 LU" (Lintang Utara, north),
// "123.27 BT" (Bujur Timur, east), "BB" (Bujur Barat, west). Because the letters name the axis,
// they cannot be swapped unnoticed, which makes them the check on the bare `Coordinates` pair.

const HEMISPHERES: Readonly<Record<string, { axis: 'lat' | 'lon'; sign: 1 | -1 }>> = {
  LU: { axis: 'lat', sign: 1 },
  LS: { axis: 'lat', sign: -1 },
  BT: { axis: 'lon', sign: 1 },
  BB: { axis: 'lon', sign: -1 },
  N: { axis: 'lat', sign: 1 },
  S: { axis: 'lat', sign: -1 },
  E: { axis: 'lon', sign: 1 },
  W: { axis: 'lon', sign: -1 },
};

/** Signed degrees and the axis the letters name ("8.51 LS" → lat −8.51), or undefined when unreadable. */
export function readHemisphereDegrees(text: string | undefined): { axis: 'lat' | 'lon'; degrees: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*°?\s*([A-Za-z]{1,2})\s*$/.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const h = HEMISPHERES[m[2].toUpperCase()];
  const n = Number(m[1].replace(',', '.'));
  if (!h || !Number.isFinite(n)) return undefined;
  return { axis: h.axis, degrees: h.sign * n };
}
