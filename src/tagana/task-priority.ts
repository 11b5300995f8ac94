// The priority of a Tagana task: how dangerous the warning is, then how many vulnerable people the
// task is about. Pure; the SQL that plans tasks receives the hazard score as a parameter and adds
// the vulnerable count row by row, so the whole formula lives here.
//
// Formula (README text):
//   hazard   = 100 × S × U × C, with CAP weights
//              severity  S: Extreme 4, Severe 3, Moderate 2, Minor 1, Unknown 1
//              urgency   U: Immediate 4, Expected 3, Future 2, Past 1, Unknown 1
//              certainty C: Observed 4, Likely 3, Possible 2, Unlikely 1, Unknown 1
//   village task    priority = hazard + V            (V: vulnerable people inside the area)
//   door-knock task priority = hazard + 10 × v + (5 if the household answered need_help)
//                                                    (v: the household's vulnerable people)
// The hazard term moves in steps of at least 100, so within one warning (one hazard score) tasks
// are ordered by their vulnerable people, and across warnings a more dangerous warning leads unless
// the other one's village holds 100 × (difference of S × U × C) more vulnerable people. A door knock
// weighs each vulnerable person ten times (it is one household, vulnerable first); need_help only
// breaks ties between households with the same number of vulnerable people.

const SEVERITY: Record<string, number> = { Extreme: 4, Severe: 3, Moderate: 2, Minor: 1 };
const URGENCY: Record<string, number> = { Immediate: 4, Expected: 3, Future: 2, Past: 1 };
const CERTAINTY: Record<string, number> = { Observed: 4, Likely: 3, Possible: 2, Unlikely: 1 };

export const HAZARD_SCALE = 100;
export const DOOR_KNOCK_VULNERABLE_WEIGHT = 10;
export const NEED_HELP_BONUS = 5;

/** 100 × S × U × C for a message's CAP severity, urgency and certainty (unknown or missing values weigh 1). */
export function hazardScore(
  severity: string | null | undefined,
  urgency: string | null | undefined,
  certainty: string | null | undefined,
): number {
  const w = (table: Record<string, number>, v: string | null | undefined) => (v && table[v]) || 1;
  return HAZARD_SCALE * w(SEVERITY, severity) * w(URGENCY, urgency) * w(CERTAINTY, certainty);
}

export function villageTaskPriority(hazard: number, vulnerablePeople: number): number {
  return hazard + vulnerablePeople;
}

export function doorKnockPriority(hazard: number, vulnerablePeople: number, needHelp: boolean): number {
  return hazard + DOOR_KNOCK_VULNERABLE_WEIGHT * vulnerablePeople + (needHelp ? NEED_HELP_BONUS : 0);
}
