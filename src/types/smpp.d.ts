// The parts of smpp@0.5.1 (no bundled types) that Siaga uses: a client session, PDUs built and
// decoded by the library, and the server the tests' local SMSC runs on. Written from
// node_modules/smpp/lib/*.js; PDU fields are typed loosely because the library sets them by name
// from its command tables (lib/defs.js).
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    /** Options a PDU is built from: command parameters and TLVs by name, plus command_status/sequence_number. */
    type PduOptions = Record<string, unknown>;

    /** short_message / message_payload as the library decodes them (udh split into information elements). */
    interface DecodedMessage {
      message: string | Buffer;
      udh?: Buffer[];
    }

    class PDU {
      constructor(command: string, options?: PduOptions);
      /** Command name, e.g. "submit_sm_resp"; "unknown" for a command id the library does not know. */
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      system_id?: string;
      password?: string;
      interface_version?: number;
      message_id?: string;
      source_addr?: string;
      source_addr_ton?: number;
      source_addr_npi?: number;
      destination_addr?: string;
      dest_addr_ton?: number;
      dest_addr_npi?: number;
      esm_class?: number;
      registered_delivery?: number;
      data_coding?: number;
      short_message?: DecodedMessage | Buffer | string;
      message_payload?: DecodedMessage | Buffer;
      receipted_message_id?: string;
      message_state?: number;
      isResponse(): boolean;
      /** The response PDU with this PDU's sequence number (generic_nack for an unknown command). */
      response(options?: PduOptions): PDU;
      toBuffer(): Buffer;
    }

    /**
     * One SMPP connection. Emits 'connect', 'close', 'error' (socket errors and undecodable PDUs;
     * an unhandled 'error' crashes the process), 'pdu' for every PDU and one event named after
     * each PDU's command ('deliver_sm', 'enquire_link', 'unbind', 'bind_transceiver', …).
     */
    class Session extends EventEmitter {
      socket: Socket;
      /**
       * Writes a PDU (a request gets the next sequence number). `responseCallback` gets the
       * response with the same sequence number; false when the socket is not writable, and then
       * no callback is ever called.
       */
      send(pdu: PDU, responseCallback?: (response: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
      /** Ends the socket (no unbind is sent). */
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
    }

    class Server extends NetServer {
      sessions: Session[];
    }

    interface ConnectOptions {
      host: string;
      port: number;
      tls?: boolean;
      /** The library's own enquire_link timer; it sends without waiting for the response. */
      auto_enquire_link_period?: number;
    }

    function connect(options: ConnectOptions, listener?: () => void): Session;
    function createServer(listener?: (session: Session) => void): Server;

    interface Encoding {
      encode(text: string): Buffer;
      decode(bytes: Buffer): string;
    }

    /** The coders behind data_coding 0/1 (ASCII is GSM 03.38, one septet per octet), 3 and 8. */
    const encodings: Readonly<Record<'ASCII' | 'LATIN1' | 'UCS2', Encoding>>;

    /** SMPP command_status values by name, e.g. errors.ESME_RTHROTTLED === 0x58. */
    const errors: Readonly<Record<string, number>>;
  }

  export = smpp;
}
