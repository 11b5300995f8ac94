// The short code printed in every Siaga SMS ("Kode: K7Q-4MX") and on Siaga's public page of the
// alert. Fake "BMKG warnings" spread by SMS and chat are common; a resident who doubts a message
// opens Siaga's site themselves (not the link in the SMS) and checks that the alert is there with
// the same code and the same words.
//
// Why one code per alert, not per resident or one for all:
// - per alert, the public page can show it to everyone without an account and without revealing who
//   was sent what (a per-resident code would make the page a lookup of residents' messages);
// - a forger cannot make up a code for an alert Siaga never issued: the code is an HMAC under a
//   secret only Siaga holds, so an invented code matches no page; copying a real alert's code only
//   leads the resident to the real alert's words;
// - one fixed code would be copied from the first genuine SMS and prove nothing after.
// Keyed by the CAP identifier, the Indonesian and English messages of one alert carry the same code.
//
// Six Crockford base32 characters (30 bits): no I, L, O or U, so what is read aloud or typed back
// is unambiguous; normaliseVerificationCode folds the look-alikes a person may type.
import { createHmac } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// Versioned so that a future change of the derivation cannot silently reuse old codes.
const CONTEXT = 'siaga-sms-verification-code/v1';

export function verificationCode(secret: string | Buffer, alertIdentifier: string): string {
  if (secret.length === 0) throw new Error('verificationCode: the secret is empty');
  if (alertIdentifier.length === 0) throw new Error('verificationCode: the alert identifier is empty');
  const mac = createHmac('sha256', secret).update(`${CONTEXT}\u0000${alertIdentifier}`).digest();
  const bits = mac.readUInt32BE(0) >>> 2;
  let code = '';
  for (let shift = 25; shift >= 0; shift -= 5) code += CROCKFORD[(bits >>> shift) & 31];
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** What a person typed, in the printed form: case, spaces and hyphens ignored, O → 0, I/L → 1. */
export function normaliseVerificationCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === 6 ? `${plain.slice(0, 3)}-${plain.slice(3)}` : plain;
}
