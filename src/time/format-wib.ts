// Times for residents in WIB (UTC+7) whatever the place: BMKG's own quake messages give every
// time in WIB nationwide, and residents compare Siaga's message with BMKG's (the raster products'
// times are written the same way, so that a resident reads one convention). Indonesian writes
// times with dots (06.48.13), English with colons.

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

const WIB_MS = 7 * 3_600_000;

/** `22 September 2026 pukul 06.48.13 WIB` (id) or `22 September 2026, 06:48:13 WIB` (en) for an ISO instant. */
export function formatWib(iso: string, language: 'id' | 'en'): string {
  const t = new Date(Date.parse(iso) + WIB_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${t.getUTCDate()} ${MONTHS[language][t.getUTCMonth()]} ${t.getUTCFullYear()}`;
  const sep = language === 'id' ? '.' : ':';
  const clock = [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()].map(pad).join(sep);
  return language === 'id' ? `${date} pukul ${clock} WIB` : `${date}, ${clock} WIB`;
}
