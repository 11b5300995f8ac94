// Telling a document that cannot be stored from a database that cannot be reached. The first is
// the document's fault and is refused alone (the batch, index or feed goes on); the second is
// nobody's verdict on the document, so it propagates and the document is tried again later.
import type { Issue } from '../cap/cap-types.ts';

/**
 * SQLSTATE classes and socket errors that say nothing about the document: connection lost (08),
 * server shutting down or restarted (57), out of resources (53, 58), a serialization failure or
 * deadlock to retry (40).
 */
const TRANSIENT_SQLSTATE = /^(08|40|53|57|58)/;
const TRANSIENT_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether an error thrown while ingesting one document is the document's own (refuse it) rather than the database's (retry). */
export function isDocumentFault(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET.has(code))) return false;
  // pg reports a dropped connection without a code.
  if (/Connection terminated|connection.*(closed|ended)|Client has encountered a connection error/i.test(err.message)) return false;
  return true;
}

/** The refusal reported for a document that passed validation but could not be targeted or stored. */
export function documentFaultIssue(err: unknown): Issue {
  const reason = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return {
    path: 'document',
    message: `The document could not be targeted or stored (${reason.slice(0, 300)}). Nothing of it was stored; the other documents are not affected.`,
  };
}
