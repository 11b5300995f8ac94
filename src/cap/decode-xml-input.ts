// Turns the bytes a feed served into text, honouring the XML declaration's encoding, with a size
// cap checked before any work. Bytes that are invalid in the declared encoding are refused with
// their position: substituting U+FFFD would silently corrupt place names in a warning.
import type { RefusalReason } from './cap-types.ts';

/** 5 MiB. Real CAP messages stay far below (IPAWS messages with embedded audio reach ~460 kB). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export type DecodedXml = { ok: true; text: string; encoding: string } | { ok: false; reason: RefusalReason; message: string };

export function decodeXmlInput(input: string | Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): DecodedXml {
  if (typeof input === 'string') {
    // A UTF-16 code unit never takes fewer than one UTF-8 byte, so length alone can refuse early.
    const bytes = input.length > maxBytes ? input.length : utf8Length(input);
    if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
    return { ok: true, text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, encoding: 'UTF-16 (string input)' };
  }
  if (input.byteLength > maxBytes) return tooLarge(input.byteLength, maxBytes);

  let body = input;
  let label: string;
  if (startsWith(input, [0xef, 0xbb, 0xbf])) {
    body = input.subarray(3);
    label = 'utf-8';
  } else if (startsWith(input, [0xfe, 0xff]) || startsWith(input, [0xff, 0xfe])) {
    label = input[0] === 0xfe ? 'utf-16be' : 'utf-16le';
    body = input.subarray(2);
  } else {
    label = declaredEncoding(input) ?? 'utf-8';
  }

  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return {
      ok: false,
      reason: 'bad-encoding',
      message: `The XML declaration names the character encoding "${label}", which is not supported. Expected UTF-8 (or another standard encoding such as ISO-8859-1).`,
    };
  }
  try {
    return { ok: true, text: decoder.decode(body), encoding: decoder.encoding };
  } catch {
    const where = decoder.encoding === 'utf-8' ? invalidUtf8Position(body) : undefined;
    const at = where
      ? ` at line ${where.line}, column ${where.column} (byte 0x${where.byte.toString(16).toUpperCase().padStart(2, '0')})`
      : '';
    return {
      ok: false,
      reason: 'bad-encoding',
      message: `The document is not valid ${decoder.encoding.toUpperCase()}${at}. It is declared (or defaults to) ${decoder.encoding.toUpperCase()} but contains bytes of another encoding, often ISO-8859-1; the sender must fix the bytes or the XML declaration.`,
    };
  }
}

function tooLarge(bytes: number, maxBytes: number): DecodedXml {
  return {
    ok: false,
    reason: 'too-large',
    message: `The document is ${bytes} bytes, larger than the ${maxBytes}-byte limit for one CAP message; it was not read.`,
  };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The `encoding` pseudo-attribute of an ASCII-compatible XML declaration, if there is one. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  // latin1 maps each byte to the code point of the same value, as String.fromCharCode(...bytes) did,
  // without spreading 256 arguments on every document (5 % of parse + validate, bench row cap-parse).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1');
  const decl = /^\s*<\?xml\s[^?]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
  return decl?.[2]?.toLowerCase();
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Line and column (1-based, in bytes) of the first byte that breaks UTF-8. */
function invalidUtf8Position(bytes: Uint8Array): { line: number; column: number; byte: number } | undefined {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (!ok) return { line, column: i - lineStart + 1, byte: b };
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += need + 1;
  }
  return undefined;
}
