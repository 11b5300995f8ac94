// Kemendagri administrative codes: `PP` province, `PP.KK` regency/city, `PP.KK.CC` district
// (kecamatan), `PP.KK.CC.DDDD` village. Siaga stores the dotted form; input may be compact
// (`1207182001`), as BMKG's forecast API and many spreadsheets write it.

export type AdminLevel = 'province' | 'regency' | 'district' | 'village';

export const ADMIN_LEVELS: readonly AdminLevel[] = ['province', 'regency', 'district', 'village'];

export interface AdminCode {
  code: string;
  level: AdminLevel;
  /** The code of the unit one level up; undefined for a province. */
  parent: string | undefined;
}

const DOTTED = /^(\d{2})(?:\.(\d{2})(?:\.(\d{2})(?:\.(\d{4}))?)?)?$/;
const COMPACT = /^(\d{2})(?:(\d{2})(?:(\d{2})(\d{4})?)?)?$/;

/** Parses a dotted or compact code; undefined when it is neither. */
export function parseAdminCode(input: unknown): AdminCode | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const text = String(input).trim();
  const m = DOTTED.exec(text) ?? COMPACT.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).filter((p): p is string => p !== undefined);
  const level = ADMIN_LEVELS[parts.length - 1];
  if (!level) return undefined;
  return {
    code: parts.join('.'),
    level,
    parent: parts.length > 1 ? parts.slice(0, -1).join('.') : undefined,
  };
}
