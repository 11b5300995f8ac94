const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** An MMI level 1-12 in Roman numerals (4 → "IV"), the way intensity is written to the public. */
export function mmiRoman(level: number): string {
  const r = ROMAN[Math.trunc(level)];
  if (r === undefined || r === '') throw new Error(`mmiRoman: ${level} is not an MMI level (1-12)`);
  return r;
}
