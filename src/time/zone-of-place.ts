// The zone a warning's times are read in: the zone of the place it is about. The villages it
// reaches decide (most of them, for the rare warning across a zone border); a warning that reaches
// no village Siaga knows falls back to the offset its author wrote its times in (BMKG writes local
// time: "+08:00" from Gorontalo), and WIB when even that says nothing Indonesian.
import { zoneOfAreaCode, type IndonesianZone } from './indonesian-time-zone.ts';

const BY_OFFSET: Readonly<Record<string, IndonesianZone>> = { '+07': 'WIB', '+08': 'WITA', '+09': 'WIT' };
const ZONES: readonly IndonesianZone[] = ['WIB', 'WITA', 'WIT'];

/** `villagesByZone`: how many of the villages reached lie in each zone; `writtenTime`: a CAP time as written. */
export function zoneOfPlace(villagesByZone: Partial<Record<IndonesianZone, number>>, writtenTime?: string | null): IndonesianZone {
  const most = ZONES.reduce<IndonesianZone | undefined>(
    (best, z) => ((villagesByZone[z] ?? 0) > (best ? (villagesByZone[best] ?? 0) : 0) ? z : best),
    undefined,
  );
  if (most) return most;
  const offset = /([+-]\d{2}):?00$/.exec(writtenTime?.trim() ?? '')?.[1];
  return (offset && BY_OFFSET[offset]) || 'WIB';
}

/** The same counts from village codes. */
export function zonesOfVillages(villageCodes: readonly string[]): Partial<Record<IndonesianZone, number>> {
  const counts: Partial<Record<IndonesianZone, number>> = {};
  for (const code of villageCodes) {
    const zone = zoneOfAreaCode(code);
    counts[zone] = (counts[zone] ?? 0) + 1;
  }
  return counts;
}
