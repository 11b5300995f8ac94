// BMKG's felt reports (`Dirasakan`) list MMI in Roman numerals with places: "II - III Kab. Lembata",
// "III Sumur, III Muara Binuangeun, II - III Anyer", "V Mamuju". The highest level reported is an
// observation, and it outranks a prediction when deciding how severe a quake was.

const VALUES: Readonly<Record<string, number>> = {
  I: 1,
  II: 2,
  III: 3,
  IV: 4,
  V: 5,
  VI: 6,
  VII: 7,
  VIII: 8,
  IX: 9,
  X: 10,
  XI: 11,
  XII: 12,
};

/** The highest MMI level named in a felt report, or undefined when it names none. */
export function readFeltMmi(felt: string | undefined): number | undefined {
  if (felt === undefined) return undefined;
  let best: number | undefined;
  // Only upper-case numerals standing alone count: place names ("Kab. Lembata", "Ciamis") also hold I, V and X.
  for (const m of felt.matchAll(/(?<![A-Za-z])(XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)(?![A-Za-z.])/g)) {
    const v = VALUES[m[1] ?? ''];
    if (v !== undefined && (best === undefined || v > best)) best = v;
  }
  return best;
}
