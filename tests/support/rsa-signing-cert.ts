// A throwaway RSA key pair and self-signed certificate for signing CAP in tests (made by openssl:
// Node can make the key but not build an X.509 certificate), and enveloped signing as a CAP sender
// would do it: the whole alert (URI ""), exclusive canonicalisation, rsa-sha256, the certificate in KeyInfo.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCapSigner } from '../../src/cap/sign-cap.ts';

export interface SigningCert {
  key: string;
  cert: string;
}

export async function makeRsaSigningCert(commonName: string): Promise<SigningCert> {
  const dir = await mkdtemp(path.join(tmpdir(), 'siaga-sign-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      `/CN=${commonName}`,
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The document with an enveloped signature over the whole alert, as Siaga signs its own (src/cap/sign-cap.ts). */
export function signCap(xml: string, signer: SigningCert): string {
  return createCapSigner(signer.key, signer.cert)(xml);
}
