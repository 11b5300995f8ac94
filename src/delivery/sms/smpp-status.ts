// SMPP 3.4 command_status values: their names for messages people read, and what each means for a
// retry. Only the statuses Siaga acts on are described in words; the rest show name and hex.

const NAMES: Record<number, string> = {
  0x01: 'ESME_RINVMSGLEN',
  0x02: 'ESME_RINVCMDLEN',
  0x03: 'ESME_RINVCMDID',
  0x04: 'ESME_RINVBNDSTS',
  0x05: 'ESME_RALYBND',
  0x07: 'ESME_RINVREGDLVFLG',
  0x08: 'ESME_RSYSERR',
  0x0a: 'ESME_RINVSRCADR',
  0x0b: 'ESME_RINVDSTADR',
  0x0d: 'ESME_RBINDFAIL',
  0x0e: 'ESME_RINVPASWD',
  0x0f: 'ESME_RINVSYSID',
  0x14: 'ESME_RMSGQFUL',
  0x43: 'ESME_RINVESMCLASS',
  0x45: 'ESME_RSUBMITFAIL',
  0x48: 'ESME_RINVSRCTON',
  0x49: 'ESME_RINVSRCNPI',
  0x50: 'ESME_RINVDSTTON',
  0x51: 'ESME_RINVDSTNPI',
  0x53: 'ESME_RINVSYSTYP',
  0x58: 'ESME_RTHROTTLED',
  0x61: 'ESME_RINVSCHED',
  0x62: 'ESME_RINVEXPIRY',
  0xff: 'ESME_RUNKNOWNERR',
  0x104: 'ESME_RINVDCS',
};

const WORDS: Record<number, string> = {
  0x01: 'message too long',
  0x04: 'not bound',
  0x05: 'already bound',
  0x08: 'system error',
  0x0a: 'invalid source address',
  0x0b: 'invalid destination address',
  0x0d: 'bind failed',
  0x0e: 'invalid password',
  0x0f: 'invalid system_id',
  0x14: 'message queue full',
  0x45: 'submit failed',
  0x53: 'invalid system_type',
  0x58: 'throttled',
  0x104: 'invalid data_coding',
};

export const ESME_ROK = 0x00;
export const ESME_RMSGQFUL = 0x14;
export const ESME_RTHROTTLED = 0x58;

/** "invalid password (ESME_RINVPASWD)"; unknown statuses as "status 0x0400". */
export function describeSmppStatus(status: number): string {
  const hex = `0x${status.toString(16).padStart(2, '0')}`;
  const name = NAMES[status];
  const words = WORDS[status];
  if (name && words) return `${words} (${name})`;
  if (name) return `${name} (${hex})`;
  return `status ${hex}`;
}

/** The SMSC asks to slow down; the same submit may succeed after a pause. */
export function isThrottling(status: number): boolean {
  return status === ESME_RTHROTTLED || status === ESME_RMSGQFUL;
}

// Statuses that say the message itself is wrong: sending it again will be refused again.
const PERMANENT = new Set([0x01, 0x07, 0x0a, 0x0b, 0x43, 0x48, 0x49, 0x50, 0x51, 0x104]);

/** Whether a refused submit_sm may succeed when sent again later (system errors, unknown statuses). */
export function isRetryableSubmitStatus(status: number): boolean {
  return !PERMANENT.has(status);
}
