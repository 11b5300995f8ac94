// Who is signed in on a staff page: the session cookie (HttpOnly, SameSite=Strict, Secure wherever the browser would keep it) resolved
// to an account. Form posts of signed-in pages must come from this site: SameSite=Strict already
// keeps the cookie off cross-site requests, and the Origin / Sec-Fetch-Site check refuses the rest.
import type http from 'node:http';
import type { Db } from '../db/db.ts';
import { deleteSession, insertSession, sessionUser, type SessionUser } from '../db/web-sessions.ts';
import type { StaffRole } from '../db/web-users.ts';
import { cookieHeader, readCookie, requestIsSecure } from '../web/cookies.ts';
import type { Lang } from '../web/language.ts';
import { crossSitePage } from '../web/page-signin.ts';
import { newSecretToken, sha256Hex } from '../secret-token.ts';
import { HttpError } from './route.ts';
import { RawBody } from './web-response.ts';

export const SESSION_COOKIE = 'siaga_session';
const SESSION_SECONDS = 12 * 3600;

export interface StaffSessions {
  /** The signed-in account, if any. */
  current(req: http.IncomingMessage): Promise<SessionUser | undefined>;
  /** Starts a session for the account signing in with `req`; returns the Set-Cookie header value. */
  start(userId: number, req: http.IncomingMessage): Promise<string>;
  /** Ends the request's session; returns the Set-Cookie header value that clears the cookie. */
  end(req: http.IncomingMessage): Promise<string>;
}

export function staffSessions(db: Db, now: () => Date): StaffSessions {
  return {
    async current(req) {
      const token = readCookie(req, SESSION_COOKIE);
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      return sessionUser(db, sha256Hex(token), now());
    },
    async start(userId, req) {
      const token = newSecretToken();
      const at = now();
      await insertSession(db, sha256Hex(token), userId, at, new Date(at.getTime() + SESSION_SECONDS * 1000));
      return cookieHeader(SESSION_COOKIE, token, {
        maxAgeSeconds: SESSION_SECONDS,
        httpOnly: true,
        sameSite: 'Strict',
        secure: requestIsSecure(req),
      });
    },
    async end(req) {
      const token = readCookie(req, SESSION_COOKIE);
      if (token) await deleteSession(db, sha256Hex(token));
      return cookieHeader(SESSION_COOKIE, '', { maxAgeSeconds: 0, httpOnly: true, sameSite: 'Strict', secure: requestIsSecure(req) });
    },
  };
}

/**
 * Refuses a state-changing form post a browser says came from another site. `staff`: a signed-in
 * (or signing-in) page's post must also prove it came from Siaga: Sec-Fetch-Site same-origin, or an
 * Origin or Referer of this host; none of them (or `Origin: null`) is refused. A resident's
 * registration only refuses what is marked foreign: it changes nobody's data but its own, and old
 * phone browsers send none of these headers.
 */
export function checkSameOrigin(req: http.IncomingMessage, staff?: { lang: Lang }): void {
  // Browsers send Sec-Fetch-Site; it is the better signal, since with Referrer-Policy no-referrer a
  // form post's Origin is "null" even from Siaga's own page. Older browsers get the Origin check.
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const host = req.headers.host;
  if (staff) {
    const proven =
      site !== undefined
        ? site === 'same-origin'
        : origin !== undefined && origin !== 'null'
          ? hostOf(origin) === host
          : referer !== undefined && hostOf(referer) === host;
    if (!proven)
      throw new HttpError(
        403,
        'this form can only be sent from Siaga’s own pages',
        {},
        new RawBody('text/html; charset=utf-8', crossSitePage(staff.lang)),
      );
    return;
  }
  const foreign =
    site !== undefined ? site !== 'same-origin' && site !== 'none' : origin !== undefined && origin !== 'null' && hostOf(origin) !== host;
  if (foreign) throw new HttpError(403, 'this form can only be sent from Siaga’s own pages');
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** The page's account when it has the role; otherwise where to send the browser instead. */
export async function requireRole(
  sessions: StaffSessions,
  req: http.IncomingMessage,
  url: URL,
  role: StaffRole,
): Promise<{ user: SessionUser } | { redirect: string } | { forbidden: true }> {
  const user = await sessions.current(req);
  if (!user) return { redirect: `/signin?next=${encodeURIComponent(url.pathname + url.search)}` };
  return user.role === role ? { user } : { forbidden: true };
}
