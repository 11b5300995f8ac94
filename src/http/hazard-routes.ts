// The liaison's review of hazard candidates over HTTP (src/http/hazard-api-auth.ts: a personal staff
// token, or the shared LIAISON_TOKEN for reading only):
//   GET  /api/hazards/candidates[?state=pending|approved|rejected|expired|all]   list, GeoJSON geometry included
//   GET  /api/hazards/candidates/:id                                             one, with its villages
//   POST /api/hazards/candidates/:id/approve   {}                                (personal token)
//   POST /api/hazards/candidates/:id/reject    {"reason": "cloud edge artefact"} (personal token)
// The approver or rejecter is the token's account, never a name in the body. Refusals: 404 unknown
// candidate, 409 already decided (approved, rejected, expired), 403 the shared token deciding, an
// approval by its drafter or by the same account twice, 422 a bad body.
import type http from 'node:http';
import { z } from 'zod';
import { getCandidate, listCandidates, type CandidateState } from '../db/hazard-candidate-queries.ts';
import { expirePendingCandidates } from '../db/hazard-candidates.ts';
import { approveCandidate } from '../hazards/approve-candidate.ts';
import type { HazardReviewDeps } from '../hazards/hazard-review-deps.ts';
import { HazardReviewError, REFUSAL_STATUS } from '../hazards/hazard-review-error.ts';
import { rejectCandidate } from '../hazards/reject-candidate.ts';
import { decidingAccount, hazardCaller } from './hazard-api-auth.ts';
import { readJsonBody } from './read-json-body.ts';
import { HttpError, type Route } from './route.ts';

const STATES = ['pending', 'approved', 'rejected', 'expired'] as const;
// `by` was once a typed name; it is refused with a message rather than silently ignored.
const NO_BY = z.undefined({ message: 'the approver is the account of your token; leave "by" out' }).optional();
const ApproveBody = z.object({ by: NO_BY }).strict();
const RejectBody = z.object({ by: NO_BY, reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000) }).strict();

export function hazardRoutes(deps: HazardReviewDeps, sharedToken: string | undefined): Route[] {
  const caller = (req: http.IncomingMessage) => hazardCaller(req, deps.db, sharedToken, deps.now());
  const id = (text: string | undefined): number => {
    if (!text || !/^[1-9]\d{0,15}$/.test(text)) throw new HttpError(404, `no hazard candidate ${text ?? ''}`);
    return Number(text);
  };
  return [
    {
      method: 'GET',
      path: /^\/api\/hazards\/candidates$/,
      handler: async (req, url) => {
        await caller(req);
        const asked = url.searchParams.get('state') ?? 'pending';
        if (asked !== 'all' && !STATES.includes(asked as CandidateState))
          return { status: 400, body: { error: `state: must be one of ${STATES.join(', ')} or all` } };
        await expirePendingCandidates(deps.db, deps.now());
        const rows = await listCandidates(deps.db, {
          state: asked === 'all' ? undefined : (asked as CandidateState),
          limit: 1000,
          geometry: true,
        });
        return { status: 200, body: { approvalsRequired: deps.approvalsRequired, candidates: rows } };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/hazards\/candidates\/([^/]+)$/,
      handler: async (req, _url, [text]) => {
        await caller(req);
        await expirePendingCandidates(deps.db, deps.now());
        const candidate = await getCandidate(deps.db, id(text));
        if (!candidate) return { status: 404, body: { error: `no hazard candidate ${text ?? ''}` } };
        return { status: 200, body: candidate };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/hazards\/candidates\/([^/]+)\/approve$/,
      handler: async (req, _url, [text]) => {
        const by = decidingAccount(await caller(req));
        const candidate = id(text);
        await readJsonBody(req, ApproveBody);
        return { status: 200, body: await refusalsAsHttp(() => approveCandidate(deps, candidate, by)) };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/hazards\/candidates\/([^/]+)\/reject$/,
      handler: async (req, _url, [text]) => {
        const by = decidingAccount(await caller(req));
        const candidate = id(text);
        const body = await readJsonBody(req, RejectBody);
        return { status: 200, body: await refusalsAsHttp(() => rejectCandidate(deps, candidate, by, body.reason)) };
      },
    },
  ];
}

async function refusalsAsHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof HazardReviewError) throw new HttpError(REFUSAL_STATUS[err.kind], err.message);
    throw err;
  }
}
