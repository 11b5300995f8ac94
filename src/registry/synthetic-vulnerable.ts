// Who needs help in a synthetic household, person by person, with the overlaps real registries
// show: an elderly person who needs help is often also ill or disabled, and someone living alone
// who needs help is most often elderly. Pure and seeded: `random` is the generator's main stream,
// drawn exactly as before people could have several conditions (so the same seed still places the
// same households, with the same sizes, languages and phones); further conditions come from their
// own stream, `further`.
import { VULNERABLE_KINDS, type VulnerableKind } from './vulnerable-people.ts';

/** Share of households listing at least one person who needs help to evacuate. */
export const VULNERABLE_SHARE = 0.1;
/** … and of one-person households: people living alone are more often the ones who need help. */
export const VULNERABLE_SHARE_ALONE = 0.3;
// How many people need help (1, 2 or 3; capped by the household's size).
const COUNT_CUMULATIVE = [0.7, 0.94, 1];
// A person's first condition, in VULNERABLE_KINDS order: the elderly are the largest group; living
// alone, mostly the elderly (and never an infant).
const FIRST_WEIGHTS = [40, 14, 18, 10, 18];
const FIRST_WEIGHTS_ALONE = [70, 10, 0, 5, 15];
// Further conditions given the first: about a third of the elderly who need help are also ill and
// one in seven disabled; some disabled people are also ill; few infants or pregnant women are.
const FURTHER: Record<VulnerableKind, readonly [VulnerableKind, number][]> = {
  elderly: [
    ['disabled', 0.15],
    ['ill', 0.3],
  ],
  disabled: [['ill', 0.15]],
  infant: [
    ['disabled', 0.02],
    ['ill', 0.05],
  ],
  pregnant: [['ill', 0.05]],
  ill: [],
};

/** The people who need help (each a list of conditions in VULNERABLE_KINDS order), or none. */
export function drawVulnerablePersons(members: number, random: () => number, further: () => number): VulnerableKind[][] {
  const alone = members === 1;
  let n: number;
  let draw = random;
  if (random() < VULNERABLE_SHARE) {
    const r = random();
    n = Math.min(
      members,
      1 +
        Math.max(
          0,
          COUNT_CUMULATIVE.findIndex((c) => r < c),
        ),
    );
  } else if (alone && further() < (VULNERABLE_SHARE_ALONE - VULNERABLE_SHARE) / (1 - VULNERABLE_SHARE)) {
    // The extra share of people living alone comes from the other stream, so that the main one is
    // drawn as it always was.
    n = 1;
    draw = further;
  } else return [];
  const weights = alone ? FIRST_WEIGHTS_ALONE : FIRST_WEIGHTS;
  const persons: VulnerableKind[][] = [];
  for (let j = 0; j < n; j++) {
    const first = VULNERABLE_KINDS[pickWeighted(weights, draw())] ?? 'elderly';
    const person = new Set<VulnerableKind>([first]);
    for (const [kind, p] of FURTHER[first]) if (further() < p) person.add(kind);
    persons.push(VULNERABLE_KINDS.filter((k) => person.has(k)));
  }
  return persons.sort(comparePersons);
}

function pickWeighted(weights: readonly number[], r: number): number {
  let target = r * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) {
    if (target < w) return i;
    target -= w;
  }
  return weights.length - 1;
}

function comparePersons(a: readonly VulnerableKind[], b: readonly VulnerableKind[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = VULNERABLE_KINDS.indexOf(a[i] ?? 'elderly') - VULNERABLE_KINDS.indexOf(b[i] ?? 'elderly');
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
