// BMKG's forecast API answers an unknown village code with HTTP 404 and a small JSON body,
// `{"message":"Data not found","error":"Not Found","statusCode":404}`, which names no code: the
// caller says which code it asked for, so the message can.
import { decodeJsonInput } from './decode-json-input.ts';

export interface ForecastApiError {
  /** `statusCode` from the body. */
  status: number;
  /** `unknown-village`: BMKG has no forecast for that code (404). `api-error`: any other error body. */
  kind: 'unknown-village' | 'api-error';
  /** Plain-language message naming the code asked for when it is known. */
  message: string;
}

/**
 * Recognises an error body of the prakiraan-cuaca API; undefined when `input` is not one (a
 * forecast, or anything else). `input` is the body (text or bytes) or its already parsed JSON
 * value; `adm4` is the village code that was requested.
 */
export function parseForecastError(input: unknown, options: { adm4?: string } = {}): ForecastApiError | undefined {
  const value = typeof input === 'string' || input instanceof Uint8Array ? decoded(input) : input;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const body = value as Record<string, unknown>;
  const status = typeof body.statusCode === 'number' ? body.statusCode : undefined;
  if (status === undefined || status < 400 || 'data' in body) return undefined;
  const said = [body.error, body.message].filter((t): t is string => typeof t === 'string' && t.trim() !== '').join(': ');
  const answer = `HTTP ${status}${said ? ` "${said}"` : ''}`;
  if (status === 404) {
    const code = options.adm4 ? `village code ${options.adm4}` : 'the village code that was asked for';
    return {
      status,
      kind: 'unknown-village',
      message: `BMKG does not know ${code}: its forecast API answered ${answer}. Check the code against Kemendagri's list (PP.KK.CC.DDDD); BMKG has no forecast for it.`,
    };
  }
  return {
    status,
    kind: 'api-error',
    message: `BMKG's forecast API answered ${answer}${options.adm4 ? ` for village code ${options.adm4}` : ''}; no forecast was read.`,
  };
}

function decoded(input: string | Uint8Array): unknown {
  const read = decodeJsonInput(input);
  return read.ok ? read.value : undefined;
}
