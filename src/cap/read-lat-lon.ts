// CAP coordinate pairs are `latitude,longitude` in decimal degrees (WGS 84), with no space inside
// the pair. A leading "+" is not in the spec but real NWS data uses it and Google's extended schema
// accepts it. Range checks belong to validation, which can explain a swapped pair.
import type { LatLon } from './cap-types.ts';

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)`;
const PAIR = new RegExp(`^(${NUMBER}),(${NUMBER})$`);

/** The pair in `token`, or undefined when it is not `number,number`. */
export function readLatLon(token: string): LatLon | undefined {
  const m = PAIR.exec(token);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2])];
}

/** A non-negative decimal such as a circle radius, or undefined. */
export function readNonNegativeDecimal(token: string): number | undefined {
  return /^\+?(?:\d+\.?\d*|\.\d+)$/.test(token) ? Number(token) : undefined;
}
