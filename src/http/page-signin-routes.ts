// Sign-in and sign-out of staff (liaisons and Tagana team members). A failed sign-in says only that
// the pair was wrong (never which half), takes the same scrypt time for an unknown user, and is
// rate-limited per client with the residents' API.
import type { Db } from '../db/db.ts';
import { findActiveWebUser } from '../db/web-users.ts';
import { pageLanguage, safeBackPath } from '../web/language.ts';
import { signInPage } from '../web/page-signin.ts';
import { hashSecret, verifySecret } from '../web/passwords.ts';
import type { Route } from './route.ts';
import { readFormBody } from './web-form-body.ts';
import { htmlReply, redirect } from './web-response.ts';
import { checkSameOrigin, type StaffSessions } from './web-session.ts';

export interface SignInDeps {
  db: Db;
  sessions: StaffSessions;
}

export function signInRoutes(deps: SignInDeps): Route[] {
  // Compared against when the username is unknown, so both failures cost the same time.
  const decoy = hashSecret('siaga-decoy-secret');
  return [
    {
      method: 'GET',
      path: /^\/signin$/,
      handler: async (req, url) => {
        const user = await deps.sessions.current(req);
        const next = safeBackPath(url.searchParams.get('next'));
        if (user) return redirect(next !== '/' ? next : `/${user.role}`);
        return htmlReply(200, signInPage(pageLanguage(req, url), next, false));
      },
    },
    {
      method: 'POST',
      path: /^\/signin$/,
      rateFamily: 'signin',
      handler: async (req, url) => {
        checkSameOrigin(req, { lang: pageLanguage(req, url) });
        const form = await readFormBody(req);
        const username = (form.get('username') ?? '').trim().toLowerCase();
        const secret = form.get('password') ?? '';
        const next = safeBackPath(form.get('next'));
        const user = username ? await findActiveWebUser(deps.db, username) : undefined;
        const ok = await verifySecret(secret, user?.secret_scrypt ?? (await decoy));
        if (!user || !ok) return htmlReply(401, signInPage(pageLanguage(req, url), next, true, username));
        const cookie = await deps.sessions.start(user.id, req);
        return redirect(next !== '/' ? next : `/${user.role}`, { 'set-cookie': cookie });
      },
    },
    {
      method: 'POST',
      path: /^\/signout$/,
      handler: async (req, url) => {
        checkSameOrigin(req, { lang: pageLanguage(req, url) });
        return redirect('/signin', { 'set-cookie': await deps.sessions.end(req) });
      },
    },
  ];
}
