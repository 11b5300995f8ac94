// Signing the CAP Siaga issues itself (approved satellite hazards, tsunami bulletins), so that a
// neighbouring system can verify them as Siaga verifies others': an enveloped XML signature over
// the whole alert (Reference URI ""), exclusive canonicalisation, RSA-SHA256, the certificate in
// KeyInfo — the form src/cap/verify-cap-signature.ts accepts. xml-crypto does the arithmetic.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

export type CapSigner = (xml: string) => string;

/** What Siaga issues when no signing key is configured: the document as written. */
export const unsignedCap: CapSigner = (xml) => xml;

/**
 * A signer for the given PEM key and certificate. Refuses, saying why, a key that is not a private
 * RSA key or that does not belong to the certificate: a signature no one can verify is worse than none.
 */
export function createCapSigner(privateKeyPem: string, certificatePem: string): CapSigner {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa')
    throw new Error(`the CAP signing key must be an RSA private key (got ${key.asymmetricKeyType ?? 'unknown'})`);
  const cert = new X509Certificate(certificatePem);
  if (!cert.checkPrivateKey(key)) throw new Error('the CAP signing key does not belong to the signing certificate');
  return (xml) => {
    const sig = new SignedXml({
      privateKey: privateKeyPem,
      publicCert: certificatePem,
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    });
    sig.addReference({
      xpath: '/*',
      isEmptyUri: true,
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    });
    sig.computeSignature(xml);
    return sig.getSignedXml();
  };
}
