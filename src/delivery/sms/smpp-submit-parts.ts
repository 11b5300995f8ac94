// The submit_sm PDUs one SMS text becomes. GSM-7 goes as data_coding 0 with the text as a string:
// smpp 0.5.1 encodes data_coding 0 with its GSM 03.38 table, one septet per octet, which is what
// SMSCs expect on SMPP (they pack septets for the air). data_coding must be given: left out, the
// library GSM-encodes the text but labels it 0x01 (IA5), which an SMSC would mis-decode.
// UCS-2 goes as data_coding 8 (the library writes UTF-16BE).
// A text longer than one SMS goes as one submit_sm per part, each with the concatenation UDH
// (IEI 0x00, 8-bit reference, part count, part number) and the UDHI bit (esm_class 0x40), so the
// handset reassembles it. Parts come from splitSmsParts, which never cuts an escape pair or emoji.
import { analyseSms, splitSmsParts } from './sms-encoding.ts';

export interface SmppAddress {
  ton: number;
  npi: number;
  addr: string;
}

export type ShortMessage = string | { udh: Buffer; message: string };

/** The submit_sm fields Siaga sets; everything else keeps the library's default (0 or empty). */
export interface SubmitSmParams {
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
  esm_class: number;
  /** 1: a receipt on final delivery or failure. */
  registered_delivery: number;
  data_coding: number;
  short_message: ShortMessage;
}

const DATA_CODING = { gsm7: 0x00, ucs2: 0x08 } as const;
const ESM_CLASS_UDHI = 0x40;

/**
 * The source address and its type: a phone number goes as international (TON 1, NPI 1), a short
 * code (3–7 digits) as network-specific (TON 3, NPI 0), a name such as "BMKG-SIAGA" as
 * alphanumeric (TON 5, NPI 0; at most 11 characters, the limit of the SMS TP-OA field).
 */
export function smppSourceAddress(sourceAddr: string): SmppAddress {
  if (/^\+?[1-9]\d{7,14}$/.test(sourceAddr)) return { ton: 1, npi: 1, addr: sourceAddr.replace(/^\+/, '') };
  if (/^\d{3,7}$/.test(sourceAddr)) return { ton: 3, npi: 0, addr: sourceAddr };
  if (sourceAddr.length >= 1 && sourceAddr.length <= 11 && /^[\x20-\x7e]+$/.test(sourceAddr)) return { ton: 5, npi: 0, addr: sourceAddr };
  throw new Error(
    `SMS source address "${sourceAddr}" is neither a phone number, a short code, nor an alphanumeric name of at most 11 characters`,
  );
}

/** The concatenation UDH: length 5, IEI 0 (8-bit reference), IE length 3, reference, total, this part (1-based). */
export function concatenationUdh(reference: number, total: number, part: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, part]);
}

/** One submit_sm per part; `reference` (0–255) ties the parts of one text together. */
export function submitSmParts(text: string, source: SmppAddress, destinationDigits: string, reference: number): SubmitSmParams[] {
  const dataCoding = DATA_CODING[analyseSms(text).encoding];
  const parts = splitSmsParts(text);
  const base = {
    source_addr_ton: source.ton,
    source_addr_npi: source.npi,
    source_addr: source.addr,
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: destinationDigits,
    registered_delivery: 1,
    data_coding: dataCoding,
  };
  if (parts.length === 1) return [{ ...base, esm_class: 0, short_message: text }];
  return parts.map((message, i) => ({
    ...base,
    esm_class: ESM_CLASS_UDHI,
    short_message: { udh: concatenationUdh(reference, parts.length, i + 1), message },
  }));
}
