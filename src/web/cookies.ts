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
}

export function cookieHeader(name: string, value: string, o: CookieOptions): string {
  // Secure always: browsers treat http://localhost as secure too, and anywhere else Siaga is behind HTTPS.
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${o.maxAgeSeconds}; SameSite=${o.sameSite}; Secure${o.httpOnly ? '; HttpOnly' : ''}`;
}
