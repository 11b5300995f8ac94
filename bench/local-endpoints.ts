// The local stand-ins the bench rows send to, each in a process of its own so that its work does
// not land on the sending core: an HTTPS Web Push endpoint that accepts (bench/push-endpoint-child.ts,
// with a self-signed certificate for 127.0.0.1 from tests/support/self-signed-cert.ts) and an SMPP 3.4 SMSC (bench/smsc-child.ts).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSelfSignedCert } from '../tests/support/self-signed-cert.ts';
import { RowSkipped } from './row-types.ts';

const ENDPOINT_CHILD = fileURLToPath(new URL('./push-endpoint-child.ts', import.meta.url));
const SMSC_CHILD = fileURLToPath(new URL('./smsc-child.ts', import.meta.url));

export interface EndpointCounts {
  accepted: number;
  refused: number;
  acceptedOver: Record<string, number>;
}

export async function startPushEndpoint(
  dir: string,
): Promise<{ origin: string; cert: string; certFile: string; counts: () => Promise<EndpointCounts>; stop: () => void }> {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  let pems: { key: string; cert: string };
  try {
    pems = await makeSelfSignedCert();
  } catch (err) {
    throw new RowSkipped(`openssl could not make the local endpoint's certificate: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  await writeFile(key, pems.key);
  await writeFile(cert, pems.cert);
  const child = fork(ENDPOINT_CHILD, [key, cert], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ port: number }];
  return {
    origin: `https://127.0.0.1:${ready.port}`,
    cert: pems.cert,
    certFile: cert,
    counts: async () => {
      child.send({ ask: 'counts' });
      const [m] = (await once(child, 'message')) as [EndpointCounts];
      return m;
    },
    stop: () => child.disconnect(),
  };
}

export async function startSmsc(): Promise<{
  url: string;
  counts: () => Promise<{ submits: number; receiptsSent: number }>;
  stop: () => void;
}> {
  const child = fork(SMSC_CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  return {
    url: ready.url,
    counts: async () => {
      child.send({ ask: 'counts' });
      const [m] = (await once(child, 'message')) as [{ submits: number; receiptsSent: number }];
      return m;
    },
    stop: () => child.disconnect(),
  };
}
