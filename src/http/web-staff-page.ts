// A page behind a staff session with one role: signed out → the sign-in page (and back here after
// it), signed in with another role → 403 with the reason.
import type http from 'node:http';
import type { SessionUser } from '../db/web-sessions.ts';
import { pageLanguage, type Lang } from '../web/language.ts';
import { forbiddenPage } from '../web/page-signin.ts';
import type { Reply, Route } from './route.ts';
import { htmlReply, redirect } from './web-response.ts';
import { requireRole, type StaffSessions } from './web-session.ts';

export type Render = (c: { req: http.IncomingMessage; url: URL; params: string[]; lang: Lang; user: SessionUser }) => Promise<Reply>;

export function staffPage(sessions: StaffSessions, role: 'liaison' | 'team', render: Render): Route['handler'] {
  return async (req, url, params) => {
    const lang = pageLanguage(req, url);
    const verdict = await requireRole(sessions, req, url, role);
    if ('redirect' in verdict) return redirect(verdict.redirect);
    if ('forbidden' in verdict) {
      const user = await sessions.current(req);
      return htmlReply(403, forbiddenPage(lang, url.pathname, user?.username ?? ''));
    }
    return render({ req, url, params, lang, user: verdict.user });
  };
}
