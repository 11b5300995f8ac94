// A delivery runtime's id: host and process (what an operator reads in `siaga` output and what the
// sweep checks for a process that is gone) and a few random bytes, since a restarted container
// often gets the same pid again. No spaces: a claim token is the runtime id, a space, a UUID.
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export function newDeliveryRuntimeId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`.replace(/\s/g, '_');
}

/** A fresh claim token of a runtime: the rows it claims can be traced back to it. */
export function newClaimToken(runtimeId: string): string {
  return `${runtimeId} ${randomUUID()}`;
}
