// Who in a household needs help to evacuate, as stored: the number of PEOPLE, and for each kind of
// need how many of them have it. One person can have several conditions (an elderly person who is
// also ill counts once in `people` and once under elderly and under ill), so the kind counts may
// add up to more than `people`; a person whose need is unknown counts in `people` under no kind.
// The door-knock priority and every "vulnerable people" figure use `people`; the kind counts say
// what help to bring.

export const VULNERABLE_KINDS = ['elderly', 'disabled', 'infant', 'pregnant', 'ill'] as const;
export type VulnerableKind = (typeof VULNERABLE_KINDS)[number];
export type KindCounts = Record<VulnerableKind, number>;

export interface VulnerablePeople {
  people: number;
  kinds: KindCounts;
}

/** The most people one household may hold (a care home or boarding school registered as one). */
export const MAX_MEMBERS = 1000;

export function noKinds(): KindCounts {
  return Object.fromEntries(VULNERABLE_KINDS.map((k) => [k, 0])) as KindCounts;
}

export function sumOfKinds(kinds: KindCounts): number {
  return VULNERABLE_KINDS.reduce((sum, k) => sum + kinds[k], 0);
}

export function largestKind(kinds: KindCounts): number {
  return Math.max(...VULNERABLE_KINDS.map((k) => kinds[k]));
}

export interface FittedHousehold {
  members: number;
  vulnerable: VulnerablePeople;
  /** Set when fewer people were given than one kind counts (2 elderly among 1 person): raised to it. */
  peopleRaisedFrom?: number;
  /** Set when more vulnerable people were given than members: members raised to them. */
  membersRaisedFrom?: number;
}

/**
 * The safe reading of a household whose numbers contradict each other: never fewer vulnerable
 * people than any one kind counts, never fewer members than vulnerable people. Raising, never
 * dropping: an undercount would put the household behind others at the door knock.
 */
export function fitHousehold(members: number, vulnerable: VulnerablePeople): FittedHousehold {
  const out: FittedHousehold = { members, vulnerable };
  const least = largestKind(vulnerable.kinds);
  if (vulnerable.people < least) {
    out.peopleRaisedFrom = vulnerable.people;
    out.vulnerable = { people: least, kinds: vulnerable.kinds };
  }
  if (out.vulnerable.people > members) {
    out.membersRaisedFrom = members;
    out.members = out.vulnerable.people;
  }
  return out;
}

/** A number the residents' API or form raised rather than refuse the household, and why (English). */
export interface Adjustment {
  field: 'members' | 'vulnerable_people';
  from: number;
  to: number;
  reason: string;
}

/** `elderly+ill;infant`: people separated by `;`, one person's conditions joined by `+`. */
export function formatVulnerableNotation(persons: readonly (readonly VulnerableKind[])[]): string {
  return persons.map((p) => p.join('+')).join(';');
}

/** Each condition as its own entry (`elderly;ill;infant`), as registries wrote it before `+` existed. */
export function formatVulnerablePerCondition(persons: readonly (readonly VulnerableKind[])[]): string {
  return persons.flat().join(';');
}

/** People and kind counts of a list of persons (each a list of conditions). */
export function countPersons(persons: readonly (readonly VulnerableKind[])[]): VulnerablePeople {
  const kinds = noKinds();
  for (const p of persons) for (const k of new Set(p)) kinds[k] += 1;
  return { people: persons.length, kinds };
}
