// Checks that a 2xx body is what the feed expects, without decoding it: the parsers decode by the
// document's own declaration. Servers answer a feed URL with a maintenance or login page under
// status 200 often enough that "it parsed wrong" must be told apart from "it was not the feed".
import type { FeedErrorClass } from './feed-fetch-error.ts';

export interface BodyProblem {
  errorClass: FeedErrorClass;
  /** What is wrong, as a phrase after the URL. */
  message: string;
  retryable: boolean;
}

const SNIPPET_CHARS = 300;

/** Returns what is wrong with the body, or undefined when it may go to the parser. */
export function checkFeedBody(bytes: Uint8Array, contentType: string | undefined, expect: 'xml' | 'json' | 'any'): BodyProblem | undefined {
  // A blip rather than the feed's answer: the next run may well get the document.
  if (bytes.byteLength === 0) return { errorClass: 'empty', message: 'the server sent an empty body (0 bytes)', retryable: true };
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (expect === 'xml' && looksLikeHtml(bytes, mediaType)) {
    return {
      errorClass: 'content_type',
      message: 'the server sent an HTML page instead of XML — often a maintenance or error page',
      retryable: true,
    };
  }
  if (expect === 'json') {
    // A JSON body under a wrong Content-Type (text/html, text/plain) is still JSON: the body decides.
    const first = firstSignificantByte(bytes);
    const jsonType = mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === 'text/json';
    if (!jsonType && first !== 0x7b && first !== 0x5b) {
      const what = looksLikeHtml(bytes, mediaType)
        ? 'an HTML page instead of JSON — often a maintenance or error page'
        : `${mediaType || 'a body without a Content-Type'} that does not look like JSON`;
      return { errorClass: 'content_type', message: `the server sent ${what}`, retryable: true };
    }
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // JSON on the wire must be UTF-8 (RFC 8259); a lenient decode would put U+FFFD into place names.
      return {
        errorClass: 'encoding',
        message: `the JSON is not valid UTF-8 (bad byte at offset ${firstInvalidUtf8(bytes)})`,
        retryable: false,
      };
    }
  }
  return undefined;
}

/** The first characters of a body, whitespace collapsed, for the log (never for parsing). */
export function bodySnippet(bytes: Uint8Array): string | undefined {
  if (bytes.byteLength === 0) return undefined;
  // 4 bytes per character at most: enough bytes for the characters kept, never the whole body.
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, SNIPPET_CHARS * 4));
  return text.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_CHARS);
}

function looksLikeHtml(bytes: Uint8Array, mediaType: string): boolean {
  // latin1 maps every byte to one character: enough to see ASCII markup without decoding.
  let head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  head = head
    .replace(/^\u00ef\u00bb\u00bf/, '')
    .trimStart()
    .toLowerCase();
  // A document that declares itself XML is judged by its markup, whatever Content-Type the server
  // put on it (misconfigured servers label feeds text/html); without a declaration the label decides.
  const declaredXml = head.startsWith('<?xml');
  if (mediaType === 'text/html' && !declaredXml) return true;
  for (;;) {
    const skipped = head.replace(/^<\?[\s\S]*?\?>\s*/, '').replace(/^<!--[\s\S]*?-->\s*/, '');
    if (skipped === head) break;
    head = skipped;
  }
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

function firstSignificantByte(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i += 1;
  return bytes[i];
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on the longest prefix that decodes; a prefix may end inside a valid character,
  // so `stream: true` lets an incomplete tail pass and only a real error throw.
  const decodes = (end: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(mid, true)) lo = mid;
    else hi = mid - 1;
  }
  // When that prefix ends in an unfinished character, the broken sequence starts at its lead byte.
  if (decodes(lo, false)) return lo;
  let start = lo - 1;
  while (start > 0 && lo - start < 4 && ((bytes[start] as number) & 0xc0) === 0x80) start -= 1;
  return start;
}
