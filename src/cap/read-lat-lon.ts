// CAP coordinate pairs are `latitude,longitude` in decimal degrees (WGS 84), with no space inside
// the pair. A leading "+" is not in the spec but real NWS data uses it and Google's extended schema
// accepts it. Range checks belong to validation, which can explain a swapped pair.
import type { LatLon } from './cap-types.ts';

/**
 * The pair in `token`, or undefined when it is not `number,number` (each `[+-]?(\d+\.?\d*|\.\d+)`).
 * Scanned by hand rather than with a regular expression: a BMKG nowcast has up to ~3,000 pairs and
 * this was a tenth of the whole parse-and-validate time (bench row cap-parse).
 */
export function readLatLon(token: string): LatLon | undefined {
  const comma = token.indexOf(',');
  if (comma < 0 || !isDecimal(token, 0, comma) || !isDecimal(token, comma + 1, token.length)) return undefined;
  return [Number(token.slice(0, comma)), Number(token.slice(comma + 1))];
}

/** A non-negative decimal such as a circle radius, or undefined. */
export function readNonNegativeDecimal(token: string): number | undefined {
  return /^\+?(?:\d+\.?\d*|\.\d+)$/.test(token) ? Number(token) : undefined;
}

/** Whether text[from, to) is `[+-]?(\d+\.?\d*|\.\d+)`: an optional sign, digits with at most one dot, at least one digit. */
function isDecimal(text: string, from: number, to: number): boolean {
  let i = from;
  const first = text.charCodeAt(i);
  if (first === 0x2b || first === 0x2d) i++;
  let digits = 0;
  let dots = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && dots === 0) dots++;
    else return false;
  }
  return digits > 0;
}
