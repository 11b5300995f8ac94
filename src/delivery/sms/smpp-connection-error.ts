// The SMPP connection could not be opened, was lost, or an answer did not come in time. Always
// worth another attempt: the gateway reconnects by itself.
export class SmppConnectionError extends Error {
  override name = 'SmppConnectionError';
}
