// BMKG writes quantities with units and labels: "6.3 SR" (legacy magnitude, Skala Richter),
// "94 Km", "10 km", "M 5,2" now and then. The number is the leading decimal, comma or point.

/** The first decimal number in `text` (after an optional "M"), or undefined when there is none. */
export function readLeadingNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(?:M\s*)?([+-]?\d+(?:[.,]\d+)?)(?![\d.,])/i.exec(text);
  if (!m?.[1]) return undefined;
  const n = Number(m[1].replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}
