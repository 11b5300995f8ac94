// The SMSC answered bind_transceiver with an error status: the account, password or system_type is
// wrong (permanent until the configuration changes) or the SMSC cannot take the bind now.
import { describeSmppStatus } from './smpp-status.ts';

// Credentials and account type: binding again with the same configuration fails the same way.
const CONFIGURATION_STATUSES = new Set([0x0e, 0x0f, 0x53]);

export class SmppBindError extends Error {
  override name = 'SmppBindError';
  readonly status: number;
  /** True when only a configuration change can make the bind succeed. */
  readonly permanent: boolean;

  constructor(where: string, status: number) {
    super(`SMPP bind to ${where} refused: ${describeSmppStatus(status)}`);
    this.status = status;
    this.permanent = CONFIGURATION_STATUSES.has(status);
  }
}
