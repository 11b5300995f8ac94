// The sender of a mobile-originated SMS as an E.164 number, to match it with the households'
// phones (stored in E.164). Networks give it in several forms: international digits (SMPP TON 1,
// "628123…"), with a plus, with the international prefix 00, or nationally with a trunk 0
// ("08123…", SMPP TON 2) in the operator's country. An alphanumeric sender or a short code is no
// phone: undefined (Siaga never answers it, as it may be another machine).
import { e164Digits } from './e164.ts';

/** Indonesia's country code: the country of the national numbers an Indonesian SMSC gives. */
export const DEFAULT_COUNTRY_CODE = '62';

/** SMPP type of number: 1 international, 2 national (SMPP 3.4 §5.2.5). */
export type SenderTon = 0 | 1 | 2 | number;

export function senderE164(raw: string, ton: SenderTon = 0, countryCode = DEFAULT_COUNTRY_CODE): string | undefined {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  let candidate: string;
  if (compact.startsWith('+')) candidate = compact;
  else if (!/^\d+$/.test(compact)) return undefined;
  else if (compact.startsWith('00')) candidate = `+${compact.slice(2)}`;
  else if (compact.startsWith('0') || ton === 2) candidate = `+${countryCode}${compact.replace(/^0/, '')}`;
  else if (ton === 1 || compact.startsWith(countryCode)) candidate = `+${compact}`;
  else return undefined;
  // Eight digits at least: the households' phones have as many; shorter is a short code.
  return e164Digits(candidate) !== undefined && candidate.length >= 9 ? candidate : undefined;
}
