// InaTEWS warning zones ("NTT NAGEKEO BAGIAN SELATAN", level SIAGA) to Kemendagri regency codes:
// each zone's name is matched among the kabupaten/kota of its own province only (matchRegionName),
// which keeps same-named places in different provinces apart. Names that cannot be resolved are
// returned, never dropped silently: the liaison must see which coast a warning could not reach.
import type { RegionCandidate } from './match-region-name.ts';
import { matchRegionName } from './match-region-name.ts';
import { inatewsProvinceCodes } from './inatews-province-codes.ts';
import type { InatewsBulletin, TsunamiLevel } from './quake-types.ts';

export interface ResolvedZones {
  zones: { level: TsunamiLevel; code: string }[];
  unresolved: { level: TsunamiLevel; province: string; district: string; why: string }[];
}

export function resolveWarningZones(bulletin: Pick<InatewsBulletin, 'zones'>, regencies: readonly RegionCandidate[]): ResolvedZones {
  const out: ResolvedZones = { zones: [], unresolved: [] };
  for (const zone of bulletin.zones) {
    const provinces = inatewsProvinceCodes(zone.province);
    if (provinces.length === 0) {
      out.unresolved.push({ ...pick(zone), why: `unknown province "${zone.province}"` });
      continue;
    }
    const candidates = regencies.filter((r) => provinces.some((p) => r.code.startsWith(`${p}.`)));
    const code = matchRegionName(zone.district, candidates);
    if (code === undefined)
      out.unresolved.push({ ...pick(zone), why: `no single kabupaten/kota of ${zone.province} is named "${zone.district}"` });
    else out.zones.push({ level: zone.level, code });
  }
  return out;
}

function pick(zone: InatewsBulletin['zones'][number]) {
  return { level: zone.level, province: zone.province, district: zone.district };
}
