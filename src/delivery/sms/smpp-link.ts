// One bound SMPP 3.4 transceiver session over smpp@0.5.1: connect, bind, requests that resolve with
// their response (or reject when the connection closes or the answer is late), keep-alive, and the
// answers an ESME owes the SMSC (deliver_sm_resp, enquire_link_resp, unbind_resp).
//
// The library leaves several things to its user, handled here:
// - a request whose connection closes never gets its callback; pending requests are rejected on close;
// - send() returns false on an unwritable socket and calls nothing;
// - an 'error' event without a listener crashes the process;
// - bind_transceiver defaults to interface_version 0x50 (SMPP 5.0); Siaga speaks 3.4 (0x34);
// - its auto_enquire_link_period never checks the answer, so a dead peer goes unnoticed; here a
//   missing enquire_link_resp destroys the socket, and the owner reconnects.
import { once } from 'node:events';
import smpp from 'smpp';
import { SmppBindError } from './smpp-bind-error.ts';
import { SmppConnectionError, SmppUnansweredError } from './smpp-connection-error.ts';
import { ESME_ROK } from './smpp-status.ts';

export interface SmppLinkOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  /** How long to wait for the TCP connection and for each response. */
  timeoutMs: number;
  /** Interval of enquire_link while bound; 0 turns keep-alive off. */
  enquireLinkMs: number;
  /** Every deliver_sm (receipt or mobile-originated); deliver_sm_resp is sent after it returns. */
  onDeliverSm(pdu: smpp.PDU): void;
  /** The bound session closed (not called when connect or bind fails: that rejects openSmppLink). */
  onClose(error: Error | undefined): void;
}

export interface SmppLink {
  request(command: string, params: smpp.PduOptions): Promise<smpp.PDU>;
  isOpen(): boolean;
  /** unbind, then end the socket; idempotent. */
  unbindAndClose(): Promise<void>;
}

interface Pending {
  fail(error: Error): void;
}

export async function openSmppLink(options: SmppLinkOptions): Promise<SmppLink> {
  const where = `${options.host}:${options.port}`;
  const session = smpp.connect({ host: options.host, port: options.port });
  const pending = new Set<Pending>();
  let open = true;
  let bound = false;
  let lastError: Error | undefined;
  let keepAlive: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  session.on('error', (err: Error) => {
    lastError = err;
  });
  session.on('close', () => {
    open = false;
    clearInterval(keepAlive);
    const lost = new SmppConnectionError(`the SMPP connection to ${where} closed${lastError ? `: ${lastError.message}` : ''}`);
    for (const p of pending) p.fail(lost);
    pending.clear();
    markClosed();
    if (bound && !closing) options.onClose(lastError);
  });
  session.on('deliver_sm', (pdu: smpp.PDU) => {
    try {
      options.onDeliverSm(pdu);
    } catch {
      // The owner logs its own failures; nothing may throw into the library's PDU loop, which
      // would stop reading this socket for good.
    }
    // Always answered: an SMSC redelivers (and eventually stops delivering) unanswered receipts.
    session.send(pdu.response());
  });
  session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
  session.on('unbind', (pdu: smpp.PDU) => {
    session.send(pdu.response());
    session.close();
  });

  function request(command: string, params: smpp.PduOptions): Promise<smpp.PDU> {
    return new Promise<smpp.PDU>((resolve, reject) => {
      if (!open) return reject(new SmppConnectionError(`not connected to the SMPP server ${where}`));
      // Once the PDU is written, a lost answer leaves it unknown whether the SMSC took it.
      let written = false;
      const entry: Pending = {
        fail(error) {
          clearTimeout(timer);
          pending.delete(entry);
          reject(written && error instanceof SmppConnectionError ? new SmppUnansweredError(error.message) : error);
        },
      };
      const timer = setTimeout(
        () => entry.fail(new SmppConnectionError(`no ${command}_resp from ${where} within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      pending.add(entry);
      try {
        written = session.send(new smpp.PDU(command, params), (response) => {
          clearTimeout(timer);
          pending.delete(entry);
          resolve(response);
        });
        if (!written) entry.fail(new SmppConnectionError(`the SMPP connection to ${where} is not writable`));
      } catch (err) {
        // The library throws while encoding a PDU it cannot write (e.g. a field too long).
        entry.fail(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  try {
    await once(session, 'connect', { signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (err) {
    session.destroy();
    const why =
      err instanceof Error && err.name === 'AbortError'
        ? `no answer within ${options.timeoutMs} ms`
        : String((err as Error).message ?? err);
    throw new SmppConnectionError(`SMPP connection to ${where} failed: ${why}`, { cause: err });
  }

  let response: smpp.PDU;
  try {
    response = await request('bind_transceiver', {
      system_id: options.systemId,
      password: options.password,
      system_type: options.systemType,
      interface_version: 0x34,
    });
  } catch (err) {
    session.destroy();
    throw err;
  }
  if (response.command_status !== ESME_ROK) {
    session.destroy();
    throw new SmppBindError(where, response.command_status);
  }
  // The socket may have closed while the bind response was being handled: no link to hand out.
  if (!open) throw new SmppConnectionError(`the SMPP connection to ${where} closed right after bind`);
  bound = true;

  if (options.enquireLinkMs > 0) {
    keepAlive = setInterval(() => {
      request('enquire_link', {}).catch(() => {
        // No answer: the peer or the path is gone even if TCP has not noticed. Destroying the
        // socket fires 'close', and the owner reconnects.
        if (open) session.destroy();
      });
    }, options.enquireLinkMs);
    keepAlive.unref();
  }

  return {
    request,
    isOpen: () => open,
    unbindAndClose() {
      closing ??= (async () => {
        clearInterval(keepAlive);
        if (open) {
          await request('unbind', {}).catch(() => undefined);
          session.close();
        }
        const timer = setTimeout(() => session.destroy(), options.timeoutMs);
        await closed;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
