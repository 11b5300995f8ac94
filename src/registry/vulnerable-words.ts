// The words a registry may use for each kind of need, English and Indonesian, as they appear in
// Indonesian social registries (DTKS, Regsosek, village lists) and in English exports. Matched
// after lower-casing, with `_`, `-` and runs of spaces read as one space. The list is the
// documented contract (README, "Households CSV"): a word not here counts as a vulnerable person
// with no kind, and the row is kept with a warning naming the word.
import type { VulnerableKind } from './vulnerable-people.ts';

const WORDS: Record<VulnerableKind, readonly string[]> = {
  elderly: ['elderly', 'older person', 'old', 'senior', 'aged', 'lansia', 'lanjut usia', 'manula', 'jompo', 'lansia terlantar'],
  disabled: [
    'disabled',
    'disability',
    'handicapped',
    'wheelchair',
    'wheelchair user',
    'blind',
    'deaf',
    'mute',
    'disabilitas',
    'penyandang disabilitas',
    'difabel',
    'cacat',
    'disabilitas fisik',
    'disabilitas mental',
    'disabilitas intelektual',
    'disabilitas sensorik',
    'disabilitas ganda',
    'tunanetra',
    'tunarungu',
    'tunawicara',
    'tunadaksa',
    'tunagrahita',
    'lumpuh',
    'kursi roda',
    'pengguna kursi roda',
    'buta',
    'tuli',
    'bisu',
    // Orang dengan gangguan jiwa: a psychosocial disability in Indonesian law (UU 8/2016).
    'odgj',
  ],
  infant: ['infant', 'baby', 'babies', 'toddler', 'under five', 'newborn', 'bayi', 'balita', 'batita', 'baduta', 'anak balita'],
  pregnant: ['pregnant', 'pregnancy', 'expecting', 'hamil', 'ibu hamil', 'bumil', 'sedang hamil'],
  ill: [
    'ill',
    'sick',
    'chronically ill',
    'chronic illness',
    'bedridden',
    'patient',
    'sakit',
    'orang sakit',
    'sakit keras',
    'sakit berat',
    'sakit kronis',
    'penyakit kronis',
    'terbaring',
    'stroke',
  ],
};

const BY_WORD = new Map<string, VulnerableKind>(
  Object.entries(WORDS).flatMap(([kind, words]) => words.map((w) => [w, kind as VulnerableKind])),
);

/** `Lanjut_Usia` → `lanjut usia`. */
export function normalizeConditionWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\-\s]+/g, ' ')
    .trim();
}

/** The kind a (normalized) word names, or undefined. */
export function kindOfWord(normalized: string): VulnerableKind | undefined {
  return BY_WORD.get(normalized);
}

/** Every accepted word per kind, for documentation and the messages that list them. */
export function conditionWords(): Readonly<Record<VulnerableKind, readonly string[]>> {
  return WORDS;
}

// A vulnerable field that says "nobody": dashes, zero, or "none" in either language.
const NOBODY = new Set(['', '0', 'none', 'no', 'n/a', 'na', 'nil', 'null', 'tidak', 'tidak ada', 'tak ada', 'nihil', 'kosong']);

/** Takes the normalized text (dashes are already spaces, so a field of dashes is empty). */
export function saysNobody(normalized: string): boolean {
  return NOBODY.has(normalized);
}
