// What the `siaga hazards` commands share: the candidate id argument, and how a refused review
// step is reported.
import { HazardReviewError } from '../hazards/hazard-review-error.ts';
import { CliError } from './cli-error.ts';

export function candidateId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text))
    throw new CliError(`"${text}" is not a candidate id (a positive whole number; see \`siaga hazards candidates\`)`, 2);
  return Number(text);
}

/** A refused review step as the CLI reports it: bad input is a usage error (2), the rest a data error (1). */
export async function asCliError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof HazardReviewError) throw new CliError(err.message, err.kind === 'invalid' ? 2 : 1);
    throw err;
  }
}
