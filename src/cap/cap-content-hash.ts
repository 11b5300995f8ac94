// Two documents carry the same message content when their parsed forms are equal: the same alert
// re-serialised (other whitespace, attribute quoting, encoding, element order of namespaces) is a
// duplicate, not a new message. The raw bytes are hashed apart for byte-identical re-deliveries.
import { createHash } from 'node:crypto';
import type { CapAlert } from './cap-types.ts';

export function capContentHash(alert: CapAlert): string {
  return sha256(JSON.stringify(alert));
}

export function rawSha256(bytes: string | Uint8Array): string {
  return sha256(bytes);
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
