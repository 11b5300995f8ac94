// A warning's place in words a resident recognises, and the zone its times are read in. Kecamatan
// and kabupaten/kota names of the villages it reaches; where the registry holds no district
// outlines, the names of the villages it reaches most households in; for a warning that reaches no
// known village, the areas as its author described them.
import type { AlertPlaceRow } from '../db/web-alert-places.ts';
import { say } from '../messages/say.ts';
import { KEMENDAGRI_REGENCIES } from '../registry/kemendagri-regencies.ts';
import type { IndonesianZone } from '../time/indonesian-time-zone.ts';
import { zoneOfPlace } from '../time/zone-of-place.ts';
import type { Lang } from './language.ts';

export interface AlertPlace {
  zone: IndonesianZone;
  /** e.g. "Kec. Lubuk Pakam, Kec. Pagar Merbau · Kabupaten Deli Serdang"; empty when nothing is known. */
  text: string;
}

const REGENCY_NAMES = new Map(KEMENDAGRI_REGENCIES.map((r) => [r.code, r.name]));
/** How many names a list shows before "and N more": enough to tell two warnings apart, short enough for a phone. */
const SHOWN = 3;

export function alertPlace(row: AlertPlaceRow | undefined, lang: Lang): AlertPlace {
  if (!row) return { zone: 'WIB', text: '' };
  const zone = zoneOfPlace(row.zones, row.sent_raw);
  const regencyNames = new Map(row.regencies.map((r) => [r.code, r.name]));
  const regencies = row.regency_codes.map((c) => regencyNames.get(c) ?? REGENCY_NAMES.get(c)).filter((n): n is string => Boolean(n));
  const local =
    row.districts.length > 0
      ? shortList(
          row.districts.map((d) => say('place.district', lang, { name: d.name })),
          row.districts.length,
          lang,
        )
      : row.villages.length > 0
        ? shortList(row.villages, row.village_count, lang)
        : shortList(row.area_descs, row.area_descs.length, lang);
  const text = [local, row.village_count > 0 ? shortList(regencies, regencies.length, lang) : ''].filter(Boolean).join(' · ');
  return { zone, text };
}

function shortList(names: readonly string[], total: number, lang: Lang): string {
  const shown = names.slice(0, SHOWN);
  const more = total - shown.length;
  return more > 0 ? say('place.andMore', lang, { names: shown.join(', '), more }) : shown.join(', ');
}
