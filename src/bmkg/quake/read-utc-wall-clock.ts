// live30event `waktu` ("2026/09/26  08:10:21.751") and the GeoJSON `time` of lastQL / gempaQL
// ("2024-10-01 11:16:08.874267") carry no zone. They are the seismic processing system's origin
// times, which are kept in UTC; BMKG's apps add 7 h to show them in WIB. (An assumption, stated
// because none of these feeds documents its zone.)

/** Epoch ms of a zone-less "YYYY/MM/DD HH:MM:SS[.fff]" or "YYYY-MM-DD HH:MM:SS[.ffffff]" read as UTC; undefined unless a real instant. */
export function readUtcWallClock(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^\s*(\d{4})[/-](\d{2})[/-](\d{2})[\sT]+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  const epochMs = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const real = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === s;
  return real ? epochMs : undefined;
}
