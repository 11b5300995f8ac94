// Reading and writing the two cookies the pages use (the language and the staff session).
import type http from 'node:http';

export function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  httpOnly: boolean;
  /** Strict for the session (no cross-site request ever carries it); Lax for the language. */
  sameSite: 'Strict' | 'Lax';
  /** Secure unless the page was reached over plain http on another host than this machine (requestIsSecure). */
  secure: boolean;
}

export function cookieHeader(name: string, value: string, o: CookieOptions): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${o.maxAgeSeconds}; SameSite=${o.sameSite}${o.secure ? '; Secure' : ''}${o.httpOnly ? '; HttpOnly' : ''}`;
}

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/**
 * Whether a cookie set in answer to `req` may be Secure, so that the browser keeps it: the request
 * came over TLS, or through a proxy that says it was https (X-Forwarded-Proto; a forged header can
 * only make the cookie stricter), or to this machine itself (browsers treat http://localhost as
 * secure). A Secure cookie set over plain http to another host is dropped by the browser, and
 * signing in then fails: a district office serving Siaga on its LAN over http gets a cookie
 * without the flag, which over that http it could not protect anyway.
 */
export function requestIsSecure(req: http.IncomingMessage): boolean {
  if ((req.socket as { encrypted?: boolean } | undefined)?.encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  if (proto === 'https') return true;
  return LOOPBACK_HOST.test(req.headers.host ?? '');
}
