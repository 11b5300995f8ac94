// The GSM 03.38 default alphabet and its extension table: what an SMS can carry in 7-bit septets.
// Every character outside them forces the whole message into UCS-2, which cuts a segment from 160
// characters to 70 — so counting septets exactly is what decides how many SMS a warning costs.

/** Characters of the default alphabet, one septet each (the escape 0x1B itself is left out: no text contains it). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Characters of the extension table: each is sent as escape + code, two septets. */
const EXTENSION = '\f^{}\\[~]|€';

const SEPTETS = new Map<string, 1 | 2>([...[...BASIC].map((c) => [c, 1] as const), ...[...EXTENSION].map((c) => [c, 2] as const)]);

/** Septets one character (a code point) takes in GSM-7, or undefined when GSM-7 cannot carry it. */
export function gsm7Septets(character: string): 1 | 2 | undefined {
  return SEPTETS.get(character);
}

/** True when every character of `text` is in the default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const c of text) if (!SEPTETS.has(c)) return false;
  return true;
}
