// The signer of Siaga's own CAP, from the key and certificate files the operator configured
// (SIAGA_CAP_SIGNING_KEY_FILE, SIAGA_CAP_SIGNING_CERT_FILE); none when neither is set. Read once
// when a process builds its dependencies, so a wrong file stops it at start, not at the first warning.
import { readFileSync } from 'node:fs';
import { createCapSigner, type CapSigner } from '../cap/sign-cap.ts';
import type { Config } from '../config.ts';

export function loadCapSigner(config: Config): CapSigner | undefined {
  const files = config.capSigning;
  if (!files) return undefined;
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`cannot read the CAP signing ${what} ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return createCapSigner(read(files.keyFile, 'key'), read(files.certFile, 'certificate'));
}
