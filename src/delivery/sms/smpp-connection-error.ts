// The SMPP connection could not be opened, was lost, or an answer did not come in time. Always
// worth another attempt: the gateway reconnects by itself.
export class SmppConnectionError extends Error {
  override name = 'SmppConnectionError';
}

/**
 * The request was written to the SMSC and no answer came (timeout, or the connection was lost
 * while waiting): the SMSC may have taken the message. Sending it again could tell a resident
 * twice, so the outcome is unknown rather than a failure to retry.
 */
export class SmppUnansweredError extends SmppConnectionError {
  override name = 'SmppUnansweredError';
}
