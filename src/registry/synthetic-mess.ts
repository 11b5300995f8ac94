// Messy rows for synthetic households files: the ways real registries write a household that Siaga
// must still read (Indonesian words, local phone numbers, a spreadsheet's lost leading zero, blank
// or too small member counts, swapped coordinates, odd or missing ids, an unquoted comma) and the
// few it must refuse (no location, outside Indonesia, far from every village, a repeated id). The
// household itself (its truth) is unchanged: a mess only changes how its CSV line is written, and
// tests compare what Siaga reads with the truth and the mess.
import { formatVulnerableNotation, formatVulnerablePerCondition, type VulnerableKind } from './vulnerable-people.ts';

export const MESS_KINDS = [
  'indonesian-words',
  'per-condition',
  'members-too-few',
  'members-blank',
  'phone-local',
  'phone-spreadsheet',
  'phone-unusable',
  'unknown-condition',
  'language-word',
  'swapped',
  'odd-id',
  'no-id',
  'extra-comma',
  'comma-decimal',
  'missing-phone-column',
  'duplicate-id',
  'no-location',
  'outside-indonesia',
  'far-from-villages',
] as const;
export type MessKind = (typeof MESS_KINDS)[number];

/** The messes whose rows Siaga must refuse: it cannot warn those households. */
export const REFUSED_MESSES: ReadonlySet<MessKind> = new Set(['duplicate-id', 'no-location', 'outside-indonesia', 'far-from-villages']);

export interface HouseholdMess {
  kind: MessKind;
  /** duplicate-id: the earlier household whose id this row repeats. */
  duplicateOf?: string;
  /** far-from-villages: the latitude written instead (the longitude stays). */
  farLat?: number;
}

/** What a mess needs to know about the household it spoils. */
export interface MessTarget {
  id: string;
  villageCode: string;
  lat: number;
  lon: number;
  members: number;
  vulnerable: VulnerableKind[][];
  language: 'id' | 'en';
  phone: string | undefined;
}

export type VulnerableNotation = 'plus' | 'per-condition';

const INDONESIAN: Record<VulnerableKind, string> = {
  elderly: 'lansia',
  disabled: 'disabilitas',
  infant: 'balita',
  pregnant: 'hamil',
  ill: 'sakit',
};

/** One mess that fits the household, picked with one draw of `r` in [0, 1). */
export function pickMess(h: MessTarget, r: number, context: { lastCleanId: string | undefined; farLat: number }): HouseholdMess {
  const fits = MESS_KINDS.filter((kind) => applies(kind, h, context.lastCleanId));
  // The list of who needs help is where registries are messiest: a household with one has its
  // messes drawn from those half the time.
  const own = h.vulnerable.length > 0 ? fits.filter((kind) => OF_THE_VULNERABLE.has(kind)) : [];
  const [pool, u] = own.length > 0 && r < 0.5 ? [own, r * 2] : [fits, own.length > 0 ? (r - 0.5) * 2 : r];
  const kind = pool[Math.min(pool.length - 1, Math.floor(u * pool.length))] ?? 'members-blank';
  if (kind === 'duplicate-id') return { kind, duplicateOf: context.lastCleanId };
  if (kind === 'far-from-villages') return { kind, farLat: context.farLat };
  return { kind };
}

const OF_THE_VULNERABLE: ReadonlySet<MessKind> = new Set([
  'indonesian-words',
  'per-condition',
  'members-too-few',
  'extra-comma',
  'unknown-condition',
]);

function applies(kind: MessKind, h: MessTarget, lastCleanId: string | undefined): boolean {
  switch (kind) {
    case 'indonesian-words':
      return h.vulnerable.length > 0;
    case 'per-condition':
      return h.vulnerable.some((p) => p.length > 1);
    case 'members-too-few':
    case 'extra-comma':
      return h.vulnerable.length > 1;
    case 'phone-local':
    case 'phone-spreadsheet':
      return h.phone !== undefined;
    case 'missing-phone-column':
      return h.phone === undefined;
    case 'duplicate-id':
      return lastCleanId !== undefined;
    default:
      return true;
  }
}

/** The CSV fields (already quoted where needed) of a household, in the header's order, with its mess applied. */
export function householdFields(h: MessTarget, notation: VulnerableNotation, mess: HouseholdMess | undefined): string[] {
  const format = notation === 'plus' ? formatVulnerableNotation : formatVulnerablePerCondition;
  const f = [h.id, h.lat.toFixed(6), h.lon.toFixed(6), String(h.members), format(h.vulnerable), h.language, h.phone ?? ''];
  const national = h.phone ? `0${h.phone.slice(3)}` : '';
  switch (mess?.kind) {
    case undefined:
      return f;
    case 'indonesian-words':
      f[4] = h.vulnerable.map((p) => p.map((k) => INDONESIAN[k]).join('+')).join(';');
      break;
    case 'per-condition':
      f[4] = formatVulnerablePerCondition(h.vulnerable);
      break;
    case 'members-too-few':
      f[3] = String(h.vulnerable.length - 1);
      break;
    case 'members-blank':
      f[3] = '';
      break;
    case 'phone-local':
      f[6] = `${national.slice(0, 4)} ${national.slice(4, 8)} ${national.slice(8)}`;
      break;
    case 'phone-spreadsheet':
      f[6] = national.slice(1);
      break;
    case 'phone-unusable':
      f[6] = '12345';
      break;
    case 'unknown-condition':
      f[4] = [f[4], 'lainnya'].filter(Boolean).join(';');
      break;
    case 'language-word':
      f[5] = h.language === 'id' ? 'Indonesia' : 'English';
      break;
    case 'swapped':
      [f[1], f[2]] = [f[2] ?? '', f[1] ?? ''];
      break;
    // A registry's own id: spaces, a slash, a comma (so the field is quoted) and non-ASCII letters.
    case 'odd-id':
      f[0] = `"KK ${h.villageCode}/${h.id.slice(3)}, Désa Sukamaju"`;
      break;
    case 'no-id':
      f[0] = '';
      break;
    case 'extra-comma':
      f[4] = format(h.vulnerable).replaceAll(';', ', ');
      break;
    case 'comma-decimal':
      f[1] = `"${(f[1] ?? '').replace('.', ',')}"`;
      f[2] = `"${(f[2] ?? '').replace('.', ',')}"`;
      break;
    case 'missing-phone-column':
      f.pop();
      break;
    case 'duplicate-id':
      f[0] = mess.duplicateOf ?? '';
      break;
    case 'no-location':
      f[1] = '';
      f[2] = '';
      break;
    case 'outside-indonesia':
      f[1] = '0.000000';
      f[2] = '0.000000';
      break;
    case 'far-from-villages':
      f[1] = (mess.farLat ?? 0).toFixed(6);
      break;
  }
  return f;
}
