// Magnitude and depth as every BMKG quake product writes them ("5.2", "6.3 SR", "10 km"), with the
// plausible ranges all readers share: magnitude -1 to 10, depth 0 to 800 km.
import type { Issue } from './quake-types.ts';
import { readLeadingNumber } from './read-leading-number.ts';

export interface QuantityField {
  /** The text as found. */
  text: string | undefined;
  /** Where it was found, for the issue. */
  path: string;
  /** The field's name as BMKG spells it (`Magnitude`, `mag`, `Kedalaman`…). */
  label: string;
}

/**
 * Reads both, recording an issue for each that is missing or out of range; `what` names the unit
 * that is skipped in that case ("record", "block", "entry", "feature").
 * @returns magnitude and depth in km, or undefined when either cannot be used
 */
export function readMagnitudeDepth(
  magnitude: QuantityField,
  depth: QuantityField,
  what: string,
  issues: Issue[],
): { magnitude: number; depthKm: number } | undefined {
  const m = readLeadingNumber(magnitude.text);
  const mOk = m !== undefined && m >= -1 && m <= 10;
  if (!mOk)
    issues.push({
      path: magnitude.path,
      message: `${magnitude.label} "${magnitude.text ?? ''}" is not a magnitude; the ${what} was skipped.`,
    });
  const d = readLeadingNumber(depth.text);
  const dOk = d !== undefined && d >= 0 && d <= 800;
  if (!dOk)
    issues.push({
      path: depth.path,
      message: `${depth.label} "${depth.text ?? ''}" is not a depth in km (0-800); the ${what} was skipped.`,
    });
  return mOk && dOk ? { magnitude: m, depthKm: d } : undefined;
}
