// The `wzarea` blocks of an InaTEWS tsunami bulletin: one warning level per coast of a
// kabupaten/kota ("JEMBER", "BANYUWANGI BAGIAN SELATAN", "KOTA-BAU-BAU"), with the time the wave
// is expected. Names stay as written; matchRegionName resolves them to Kemendagri codes.
import type { Issue } from '../../cap/cap-types.ts';
import { asList } from './as-list.ts';
import { isoUtcKeepingMillis } from '../../time/iso-utc.ts';
import { parseIndonesianDateTime } from './parse-indonesian-date-time.ts';
import type { TsunamiLevel, WarningZone } from './quake-types.ts';
import { readTextField } from './read-text-field.ts';

const LEVELS: readonly TsunamiLevel[] = ['AWAS', 'SIAGA', 'WASPADA'];

/** The zones of one info block (`path` is the block's), with issues for unreadable or repeated ones. */
export function readWarningZones(value: unknown, path: string): { zones: WarningZone[]; issues: Issue[] } {
  const zones: WarningZone[] = [];
  const issues: Issue[] = [];
  const list = asList(value);
  list.forEach((raw, i) => {
    const at = list.length === 1 && !Array.isArray(value) ? `${path}.wzarea` : `${path}.wzarea[${i}]`;
    const levelText = readTextField(raw, 'level');
    const level = LEVELS.find((l) => l === levelText?.toUpperCase());
    const province = readTextField(raw, 'province') ?? '';
    const district = readTextField(raw, 'district');
    if (level === undefined || district === undefined) {
      issues.push({
        path: at,
        message: `The warning zone has ${level === undefined ? `level "${levelText ?? ''}", not AWAS, SIAGA or WASPADA` : 'no district'}; it was skipped.`,
      });
      return;
    }
    const repeat = zones.find((z) => z.level === level && z.province === province && z.district === district);
    if (repeat) {
      issues.push({ path: at, message: `The warning zone ${level} ${province} ${district} is listed twice; it was kept once.` });
      return;
    }
    const date = readTextField(raw, 'date');
    const time = readTextField(raw, 'time');
    const eta = date !== undefined && time !== undefined ? parseIndonesianDateTime(date, time) : undefined;
    if (eta && !eta.ok) issues.push({ path: at, message: `The zone's date and time are unreadable: ${eta.problem}` });
    zones.push({ level, province, district, ...(eta?.ok && { expectedAt: isoUtcKeepingMillis(eta.epochMs) }) });
  });
  return { zones, issues };
}
