/**
 * A document could not be read from its file or URL. The message names the source and says what
 * went wrong in words a BMKG liaison can act on (`https://…: HTTP 404 Not Found`). `reason` tells a
 * document that is merely too large (a limit Siaga sets) from one that could not be read at all.
 */
export class DocumentSourceError extends Error {
  constructor(
    message: string,
    readonly reason: 'too-large' | 'unreadable',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DocumentSourceError';
  }
}
