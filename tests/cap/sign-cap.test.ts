// Siaga signs the CAP it issues when a key is configured, in the form it verifies others' by: the
// signed document passes Siaga's own verifier with that key, a changed byte does not, and a key
// that does not belong to the certificate (or only half the configuration) is refused at start.
import { createPublicKey } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCapSigner } from '../../src/alerts/load-cap-signer.ts';
import { checkCap } from '../../src/cap/check-cap.ts';
import { createCapSigner } from '../../src/cap/sign-cap.ts';
import { publicKeySha256, verifyCapSignature } from '../../src/cap/verify-cap-signature.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { buildCap } from '../support/cap-builder.ts';
import { makeRsaSigningCert, type SigningCert } from '../support/rsa-signing-cert.ts';

describe('signing the CAP Siaga issues', () => {
  let siaga: SigningCert;
  let other: SigningCert;
  let dir: string;
  beforeAll(async () => {
    [siaga, other] = await Promise.all([makeRsaSigningCert('peringatan@siaga.local'), makeRsaSigningCert('someone else')]);
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-sign-cfg-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const trusted = (cert: SigningCert) => {
    const pem = createPublicKey(cert.cert).export({ type: 'spki', format: 'pem' }).toString();
    return [{ publicKeyPem: pem, keySha256: publicKeySha256(pem) }];
  };
  const verdict = (xml: string, keys: ReturnType<typeof trusted>) => {
    const checked = checkCap(xml);
    if (!checked.alert || checked.rawXml === undefined) throw new Error(`not CAP: ${JSON.stringify(checked.errors)}`);
    return verifyCapSignature(checked.rawXml, checked.alert, keys, true).state;
  };

  it("verifies with Siaga's own verifier and key, and not after a change or with another key", () => {
    const signed = createCapSigner(
      siaga.key,
      siaga.cert,
    )(
      buildCap({
        identifier: 'SIAGA-OWN-1',
        sender: 'peringatan@siaga.local',
        infos: [{ expires: '2099-01-01T00:00:00+07:00', areas: [{ geocodes: [['ADM2', '12.07']] }] }],
      }),
    );
    expect(signed).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
    expect(verdict(signed, trusted(siaga))).toBe('verified');
    expect(verdict(signed.replace('SIAGA-OWN-1', 'SIAGA-OWN-2'), trusted(siaga))).toBe('rejected');
    expect(verdict(signed, trusted(other))).toBe('rejected');
  });

  it('refuses a key that is not the certificate’s, and half a configuration', async () => {
    expect(() => createCapSigner(other.key, siaga.cert)).toThrow(/does not belong to the signing certificate/);
    await writeFile(path.join(dir, 'key.pem'), siaga.key);
    await writeFile(path.join(dir, 'cert.pem'), siaga.cert);
    const both = loadConfig({
      SIAGA_CAP_SIGNING_KEY_FILE: path.join(dir, 'key.pem'),
      SIAGA_CAP_SIGNING_CERT_FILE: path.join(dir, 'cert.pem'),
    });
    expect(loadCapSigner(both)).toBeTypeOf('function');
    expect(loadCapSigner(loadConfig({}))).toBeUndefined();
    expect(() => loadConfig({ SIAGA_CAP_SIGNING_KEY_FILE: path.join(dir, 'key.pem') })).toThrow(ConfigError);
    const missing = loadConfig({
      SIAGA_CAP_SIGNING_KEY_FILE: path.join(dir, 'nope.pem'),
      SIAGA_CAP_SIGNING_CERT_FILE: path.join(dir, 'cert.pem'),
    });
    expect(() => loadCapSigner(missing)).toThrow(/cannot read the CAP signing key/);
  });
});
