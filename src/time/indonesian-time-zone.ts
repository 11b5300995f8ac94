// Indonesia's three time zones, by province (Kemendagri code): WIB (UTC+7) for Sumatra, Java and
// West/Central Kalimantan; WITA (UTC+8) for Bali, Nusa Tenggara, South/East/North Kalimantan and
// Sulawesi; WIT (UTC+9) for Maluku and Papua. No daylight saving since 1964, so fixed offsets are
// exact. One list, used by the SQL that plans quiet hours and by the texts residents read.

export type IndonesianZone = 'WIB' | 'WITA' | 'WIT';

/** When a message may go in each time zone (quiet hours); null: now. */
export type ZonedNotBefore = Record<IndonesianZone, Date | null>;

export const ZONE_OFFSET_HOURS: Record<IndonesianZone, number> = { WIB: 7, WITA: 8, WIT: 9 };

const WITA_PROVINCES = ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'];
const WIT_PROVINCES = ['81', '82', '91', '92', '93', '94', '95', '96'];

/** The zone of any area code (province, regency, district or village, dotted). */
export function zoneOfAreaCode(code: string): IndonesianZone {
  const province = code.slice(0, 2);
  return WITA_PROVINCES.includes(province) ? 'WITA' : WIT_PROVINCES.includes(province) ? 'WIT' : 'WIB';
}

/** The same rule as a SQL expression over a column of area codes; yields 'WIB', 'WITA' or 'WIT'. */
export function zoneOfAreaCodeSql(column: string): string {
  const list = (codes: string[]) => codes.map((c) => `'${c}'`).join(',');
  return `CASE WHEN left(${column}, 2) IN (${list(WITA_PROVINCES)}) THEN 'WITA' WHEN left(${column}, 2) IN (${list(WIT_PROVINCES)}) THEN 'WIT' ELSE 'WIB' END`;
}
