// The key that names one quake across feeds and revisions. BMKG revises a quake minutes after the
// first report (magnitude, epicentre and depth move; the origin time moves by a second or two: the
// Nagekeo quake of 2026-08-15 went from M7.0 at 04:58:23 WIB to M7.7 at 04:58:24 WIB), and the same
// quake appears in autogempa, gempaterkini and the InaTEWS feeds under different ids. The origin
// time floored to the UTC minute is what all of them share, so it is the key; nothing from the
// feed or the magnitude goes into it. Its two gaps (a revision that crosses a minute boundary; two
// quakes in one minute) are closed by matchKnownQuake, which decides by sameQuake.

/** `YYYYMMDDTHHmmZ` of the UTC minute holding `originTime` (ISO), e.g. `20260923T1216Z`. */
export function quakeKey(originTime: string | number): string {
  const ms = typeof originTime === 'number' ? originTime : Date.parse(originTime);
  if (!Number.isFinite(ms)) throw new Error(`quakeKey: "${String(originTime)}" is not a time`);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}
