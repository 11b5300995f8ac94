// The liaison's review of hazard candidates in the browser (the same review as
// /api/hazards/candidates and `siaga hazards approve|reject`): the approver is the signed-in
// account, so four-eyes compares real accounts, and a drafter cannot approve their own area.
import { getCandidate, listCandidates } from '../db/hazard-candidate-queries.ts';
import { expirePendingCandidates } from '../db/hazard-candidates.ts';
import { candidateArea } from '../db/web-hazards.ts';
import { approveCandidate } from '../hazards/approve-candidate.ts';
import type { HazardReviewDeps } from '../hazards/hazard-review-deps.ts';
import { HazardReviewError } from '../hazards/hazard-review-error.ts';
import { rejectCandidate } from '../hazards/reject-candidate.ts';
import type { Lang } from '../web/language.ts';
import { hazardListPage, hazardPage } from '../web/page-liaison-hazards.ts';
import { notFoundPage } from '../web/page-not-found.ts';
import { HAZARD_WORDS } from '../web/words-hazards.ts';
import type { Reply, Route } from './route.ts';
import { readFormBody } from './web-form-body.ts';
import { htmlReply, redirect } from './web-response.ts';
import { checkSameOrigin, type StaffSessions } from './web-session.ts';
import { staffPage } from './web-staff-page.ts';

export function hazardPageRoutes(deps: HazardReviewDeps, sessions: StaffSessions): Route[] {
  const page = (render: Parameters<typeof staffPage>[2]) => staffPage(sessions, 'liaison', render);
  const show = async (
    lang: Lang,
    user: string,
    id: number,
    here: string,
    status = 200,
    message?: { error?: string; ok?: string },
  ): Promise<Reply> => {
    const c = await getCandidate(deps.db, id);
    if (!c) return htmlReply(404, notFoundPage(lang, here, 'liaison'));
    const area = await candidateArea(deps.db, id);
    return htmlReply(
      status,
      hazardPage(lang, user, c, area && [area.west, area.south, area.east, area.north], deps.approvalsRequired, message),
    );
  };
  return [
    {
      method: 'GET',
      path: /^\/liaison\/hazards$/,
      handler: page(async ({ url, lang, user }) => {
        const all = url.searchParams.get('state') === 'all';
        await expirePendingCandidates(deps.db, deps.now());
        const rows = await listCandidates(deps.db, { state: all ? undefined : 'pending', limit: 500 });
        return htmlReply(200, hazardListPage(lang, user.username, rows, deps.approvalsRequired, all));
      }),
    },
    {
      method: 'GET',
      path: /^\/liaison\/hazards\/(\d{1,15})\.geojson$/,
      handler: page(async ({ params }) => {
        const area = await candidateArea(deps.db, Number(params[0]));
        return area
          ? { status: 200, body: { type: 'Feature', properties: { candidateId: Number(params[0]) }, geometry: area.geometry } }
          : { status: 404, body: { error: `no hazard candidate ${params[0]}` } };
      }),
    },
    {
      method: 'GET',
      path: /^\/liaison\/hazards\/(\d{1,15})$/,
      handler: page(async ({ url, lang, user, params }) => {
        await expirePendingCandidates(deps.db, deps.now());
        return show(lang, user.username, Number(params[0]), url.pathname);
      }),
    },
    {
      method: 'POST',
      path: /^\/liaison\/hazards\/(\d{1,15})\/(approve|reject)$/,
      handler: page(async ({ req, url, lang, user, params }) => {
        checkSameOrigin(req, { lang });
        const form = await readFormBody(req);
        const id = Number(params[0]);
        const here = `/liaison/hazards/${id}`;
        try {
          if (params[1] === 'approve') {
            const r = await approveCandidate(deps, id, user.username);
            if (r.state === 'pending') return show(lang, user.username, id, here, 200, { ok: HAZARD_WORDS[lang].waitingFor });
          } else {
            await rejectCandidate(deps, id, user.username, form.get('reason') ?? '');
          }
        } catch (err) {
          // Refusals (own draft, already decided, no reason) are shown on the candidate's page.
          if (err instanceof HazardReviewError)
            return show(lang, user.username, id, url.pathname.replace(/\/(approve|reject)$/, ''), err.kind === 'not_found' ? 404 : 409, {
              error: err.message,
            });
          throw err;
        }
        return redirect(here);
      }),
    },
  ];
}
