// Checks the enveloped XML signatures (XML-DSig) of one CAP document against the keys an operator
// trusts for its sender. xml-crypto does the canonicalisation, digests and signature arithmetic;
// this module decides what counts as a signature over *this alert*. The guard against signature
// wrapping: every Signature must sit directly under <alert>, carry exactly one Reference, and that
// Reference must name the whole alert (URI "" or the root's own Id), and the alert Siaga uses is
// read back from the bytes the signature covers, never from the document around it.
import { createHash, createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { SignedXml } from 'xml-crypto';
import { capContentHash } from './cap-content-hash.ts';
import type { CapAlert } from './cap-types.ts';
import { parseCap } from './parse-cap.ts';

// The DOM xml-crypto itself parses with. Loaded untyped: its type declarations pull the browser DOM
// library into the whole program, which changes Node's Buffer and Headers types everywhere else.
interface Element {
  readonly nodeType: number;
  readonly parentNode: unknown;
  readonly childNodes: ArrayLike<Element>;
  readonly namespaceURI: string | null;
  readonly localName: string | null;
  getAttribute(name: string): string | null;
}
interface XmlDom {
  DOMParser: new () => {
    parseFromString(
      xml: string,
      mimeType: string,
    ): { documentElement: Element | null; getElementsByTagNameNS(ns: string, local: string): ArrayLike<Element> };
  };
}
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as XmlDom;
type DomNode = Parameters<SignedXml['loadSignature']>[0];

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const CANONICAL = [
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
];
// SHA-1 collisions are practical: a SHA-1 digest or signature proves nothing about the content.
const WEAK = [
  'http://www.w3.org/2000/09/xmldsig#sha1',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
];

/** A public key the operator trusts for some CAP senders, as SPKI PEM with the SHA-256 of its DER. */
export interface TrustedKey {
  publicKeyPem: string;
  keySha256: string;
}

export type SignatureVerdict =
  /** No signature, and none required. */
  | { state: 'unsigned' }
  /** Signed, but no key is trusted for the sender: nothing was checked (as before trust existed). */
  | {
      state: 'not_verified';
      signatures: number;
      /**
       * Checked against the certificate the signature carries, which proves nothing about who signed
       * but does show a document changed after signing: `mismatch` (kept, never refused — real
       * alerts re-serialised on the way fail this too, and a warning must not be dropped for it),
       * `intact`, or `unchecked` (no certificate carried, or a form this check cannot read).
       */
      integrity: 'intact' | 'mismatch' | 'unchecked';
    }
  /** Every signature verifies with a trusted key; `alert` is read from the signed bytes alone. */
  | { state: 'verified'; keySha256: string; alert: CapAlert }
  | { state: 'rejected'; message: string };

/**
 * `alert` is the document as parsed (its sender chose `keys`); `mustSign` refuses an unsigned one.
 * Keys are tried in turn: xml-crypto verifies with one key at a time.
 */
export function verifyCapSignature(rawXml: string, alert: CapAlert, keys: readonly TrustedKey[], mustSign: boolean): SignatureVerdict {
  const doc = new DOMParser().parseFromString(rawXml, 'text/xml');
  const root = doc.documentElement;
  if (!root) return { state: 'rejected', message: 'the document could not be read for its signature' };
  const all = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature'));
  if (all.length === 0) {
    return mustSign
      ? {
          state: 'rejected',
          message: `sender ${alert.sender} must sign its CAP (siaga senders trust … --must-sign), but the document carries no XML signature`,
        }
      : { state: 'unsigned' };
  }
  if (keys.length === 0) return { state: 'not_verified', signatures: all.length, integrity: ownIntegrity(rawXml, all) };
  const direct = all.filter((s) => s.parentNode === root);
  if (direct.length !== all.length) {
    return {
      state: 'rejected',
      message:
        "an XML signature sits inside the alert's content rather than directly under <alert>; only a signature over the whole alert is accepted",
    };
  }
  let verified: { keySha256: string; signedXml: string } | undefined;
  for (const signature of direct) {
    const one = checkSignature(rawXml, root, signature, alert.sender, keys);
    if ('message' in one) return { state: 'rejected', message: one.message };
    verified ??= one;
  }
  if (!verified) throw new Error('unreachable: at least one signature was checked');
  const signed = parseCap(verified.signedXml);
  if (!signed.ok) return { state: 'rejected', message: 'the signed content is not a CAP alert' };
  // The signed bytes are the alert with its signatures taken out: read back, they must say exactly
  // what the document says, or something outside the signature is speaking.
  const signedAlert = { ...signed.alert, signatureCount: alert.signatureCount };
  if (capContentHash(signedAlert) !== capContentHash(alert)) {
    return { state: 'rejected', message: 'the signed content differs from the alert in the document (signature wrapping?)' };
  }
  return { state: 'verified', keySha256: verified.keySha256, alert: signedAlert };
}

function checkSignature(
  rawXml: string,
  root: Element,
  signature: Element,
  sender: string,
  keys: readonly TrustedKey[],
): { keySha256: string; signedXml: string } | { message: string } {
  const shape = checkShape(root, signature);
  if (shape) return { message: shape };
  for (const key of keys) {
    const sig = new SignedXml({ publicCert: key.publicKeyPem, getCertFromKeyInfo: () => null });
    const outcome = attempt(sig, signature, rawXml);
    if (outcome === true) {
      const [signedXml] = sig.getSignedReferences();
      if (signedXml === undefined) return { message: 'the signature verified but covered nothing' };
      return { keySha256: key.keySha256, signedXml };
    }
    // The digest does not depend on the key: the content was changed after signing.
    if (outcome === false) return { message: 'the digest of the signed content does not match: the alert was changed after it was signed' };
    if (!/the signature value .* is incorrect/.test(outcome.message))
      return { message: `the signature cannot be checked: ${outcome.message}` };
  }
  return { message: untrustedOrAltered(rawXml, signature, sender) };
}

/** true verified, false a reference's digest differs, an Error for anything else xml-crypto refused. */
function attempt(sig: SignedXml, signature: Element, rawXml: string): boolean | Error {
  try {
    sig.loadSignature(signature as unknown as DomNode);
    return sig.checkSignature(rawXml);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Says whether a signature that no trusted key verifies was made with the certificate it carries (another key) or altered. */
function untrustedOrAltered(rawXml: string, signature: Element, sender: string): string {
  const own = new SignedXml({ getCertFromKeyInfo: (keyInfo) => SignedXml.getCertFromKeyInfo(keyInfo) });
  if (attempt(own, signature, rawXml) === true) {
    const cert = SignedXml.getCertFromKeyInfo(firstChild(signature, 'KeyInfo') as unknown as DomNode);
    const sha = cert ? publicKeySha256(cert) : 'unknown';
    return `the alert is signed with a key not trusted for sender ${sender} (key sha256 ${sha}); trust it with siaga senders trust if it is theirs`;
  }
  return `the SignatureValue does not verify with any key trusted for sender ${sender}: the signature was altered or made with another key`;
}

/** Every signature against the certificate it carries: all verify, one does not, or one cannot be checked. */
function ownIntegrity(rawXml: string, signatures: readonly Element[]): 'intact' | 'mismatch' | 'unchecked' {
  let unchecked = false;
  for (const signature of signatures) {
    const own = new SignedXml({ getCertFromKeyInfo: (keyInfo) => SignedXml.getCertFromKeyInfo(keyInfo) });
    const outcome = attempt(own, signature, rawXml);
    if (outcome === false || (outcome instanceof Error && /the signature value .* is incorrect/.test(outcome.message))) return 'mismatch';
    if (outcome !== true) unchecked = true;
  }
  return unchecked ? 'unchecked' : 'intact';
}

/** What makes a signature not one over the whole alert, or one Siaga will not weigh. */
function checkShape(root: Element, signature: Element): string | undefined {
  const signedInfo = firstChild(signature, 'SignedInfo');
  if (!signedInfo) return 'the signature has no SignedInfo';
  const method = firstChild(signedInfo, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const references = children(signedInfo, 'Reference');
  if (references.length !== 1) return `the signature has ${references.length} References; exactly one, over the whole alert, is accepted`;
  const reference = references[0] as Element;
  const uri = reference.getAttribute('URI');
  const rootId = ['Id', 'ID', 'id'].map((a) => root.getAttribute(a)).find((v) => v);
  if (!(uri === '' || (rootId && uri === `#${rootId}`))) {
    return `the signature's Reference URI is ${uri === null ? 'missing' : `"${uri}"`}; it must be "" (the whole alert) so that it covers the alert Siaga reads`;
  }
  const transforms = children(firstChild(reference, 'Transforms'), 'Transform').map((t) => t.getAttribute('Algorithm') ?? '');
  if (!transforms.includes(ENVELOPED))
    return 'the signature lacks the enveloped-signature transform, so it cannot cover the alert that contains it';
  const unknown = transforms.find((t) => t !== ENVELOPED && !CANONICAL.includes(t));
  if (unknown !== undefined)
    return `the signature uses the transform "${unknown}"; only enveloped-signature and canonicalisation are accepted`;
  const digest = firstChild(reference, 'DigestMethod')?.getAttribute('Algorithm') ?? '';
  const weak = [method, digest].find((a) => WEAK.includes(a));
  if (weak) return `the signature uses ${weak}; SHA-1 proves nothing any more, sign with rsa-sha256 and sha256`;
  return undefined;
}

/** The SHA-256 (hex) of a key's DER SubjectPublicKeyInfo: the same for a key and any certificate of it. */
export function publicKeySha256(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

function children(parent: Element | undefined, local: string): Element[] {
  if (!parent) return [];
  return Array.from(parent.childNodes).filter((n) => n.nodeType === 1 && n.namespaceURI === DSIG && n.localName === local);
}

function firstChild(parent: Element | undefined, local: string): Element | undefined {
  return children(parent, local)[0];
}
