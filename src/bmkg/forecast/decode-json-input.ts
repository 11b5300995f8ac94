// The front half of reading a JSON body from BMKG: size cap first, strict UTF-8 (a wrong byte in a
// village name is refused, not replaced by U+FFFD), then JSON.parse inside a try, so a broken body
// becomes a message and never an exception.

/** 5 MiB; a village forecast is about 17 KB. */
export const DEFAULT_JSON_MAX_BYTES = 5 * 1024 * 1024;

export type DecodedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** `orXml`: the caller also reads XML (quake feeds), so a body that is neither is described as such. */
export function decodeJsonInput(
  input: string | Uint8Array,
  maxBytes: number = DEFAULT_JSON_MAX_BYTES,
  options: { orXml?: boolean } = {},
): DecodedJson {
  // A UTF-16 code unit never takes fewer than one UTF-8 byte, so a long string is refused unencoded.
  const size =
    typeof input !== 'string' ? input.byteLength : input.length > maxBytes ? input.length : new TextEncoder().encode(input).byteLength;
  if (size > maxBytes) return { ok: false, message: `The body is ${size} bytes, larger than the ${maxBytes}-byte limit; it was not read.` };
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, message: 'The body is not valid UTF-8, which JSON requires; it was not read.' };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'The body is empty; expected a JSON document.' };
  if (trimmed.startsWith('<')) {
    return {
      ok: false,
      message: `The body is HTML or XML, not JSON (it starts "${excerpt(trimmed)}"); the API may be down or answering with an error page.`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      message: `The body is ${options.orXml ? 'neither XML nor valid JSON' : 'not valid JSON'} (${why}); it starts "${excerpt(trimmed)}".`,
    };
  }
}

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
