// BMKG publishes each language of a warning as its own document with the same identity (sender,
// identifier, sent). The second one is a translation: its info blocks join the stored message.
import type { CapAlert, CapInfo } from './cap-types.ts';

export type TranslationMerge =
  | { kind: 'translation'; merged: CapAlert; addedInfos: CapInfo[]; newLanguages: string[] }
  /** Every language of the incoming document is already stored with the same content (e.g. one document of a multi-language message). */
  | { kind: 'duplicate' }
  /** Every language of the incoming document is already stored, yet its content differs. */
  | { kind: 'conflict'; languages: string[] };

/** Languages of a message, in document order, without repeats. */
export function alertLanguages(alert: Pick<CapAlert, 'infos'>): string[] {
  return [...new Set(alert.infos.map((i) => i.language))];
}

/**
 * Adds the incoming document's info blocks in languages the stored message lacks. Their element
 * paths are renumbered to follow the stored blocks (`alert/info[2]/…`), so that every path in the
 * merged message names one element.
 */
export function mergeTranslation(stored: CapAlert, incoming: CapAlert): TranslationMerge {
  const have = new Set(alertLanguages(stored).map(normaliseLanguage));
  const adding = incoming.infos.filter((info) => !have.has(normaliseLanguage(info.language)));
  if (adding.length === 0) {
    const storedInfos = new Set(stored.infos.map(withoutPaths));
    const same = incoming.infos.every((info) => storedInfos.has(withoutPaths(info)));
    return same ? { kind: 'duplicate' } : { kind: 'conflict', languages: alertLanguages(incoming) };
  }
  const offset = stored.infos.length;
  const addedInfos = adding.map((info, i) => renumberInfo(info, offset + i));
  return {
    kind: 'translation',
    merged: { ...stored, infos: [...stored.infos, ...addedInfos] },
    addedInfos,
    newLanguages: alertLanguages({ infos: addedInfos }),
  };
}

/** `id`, `ID`, `id-ID` and `in` (the old ISO 639 code for Indonesian) are one language for merging. */
export function normaliseLanguage(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return primary === 'in' ? 'id' : primary;
}

function withoutPaths(info: CapInfo): string {
  return JSON.stringify(info, (key, value: unknown) => (key === 'path' ? undefined : value));
}

function renumberInfo(info: CapInfo, position: number): CapInfo {
  const from = /^alert\/info\[\d+\]/;
  const to = `alert/info[${position}]`;
  const repath = <T extends { path: string }>(x: T): T => ({ ...x, path: x.path.replace(from, to) });
  return {
    ...repath(info),
    resources: info.resources.map(repath),
    areas: info.areas.map((area) => ({
      ...repath(area),
      polygons: area.polygons.map(repath),
      circles: area.circles.map(repath),
    })),
  };
}
