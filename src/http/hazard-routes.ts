// The liaison's review of hazard candidates over HTTP (behind LIAISON_TOKEN, like /api/feeds):
//   GET  /api/hazards/candidates[?state=pending|approved|rejected|expired|all]   list, GeoJSON geometry included
//   GET  /api/hazards/candidates/:id                                             one, with its villages
//   POST /api/hazards/candidates/:id/approve   {"by": "Rina Siregar"}
//   POST /api/hazards/candidates/:id/reject    {"by": "Rina Siregar", "reason": "cloud edge artefact"}
// Refusals: 404 unknown candidate, 409 already decided (approved, rejected, expired), 403 an
// approval by its drafter or by the same person twice, 422 a bad body.
import { z } from 'zod';
import { getCandidate, listCandidates, type CandidateState } from '../db/hazard-candidate-queries.ts';
import { expirePendingCandidates } from '../db/hazard-candidates.ts';
import { approveCandidate } from '../hazards/approve-candidate.ts';
import type { HazardReviewDeps } from '../hazards/hazard-review-deps.ts';
import { HazardReviewError, REFUSAL_STATUS } from '../hazards/hazard-review-error.ts';
import { rejectCandidate } from '../hazards/reject-candidate.ts';
import { readJsonBody } from './read-json-body.ts';
import { HttpError, type Route } from './route.ts';

const STATES = ['pending', 'approved', 'rejected', 'expired'] as const;
const ApproveBody = z.object({ by: z.string().trim().min(1, 'say who approves').max(80) }).strict();
const RejectBody = z.object({ by: z.string().trim().min(1, 'say who rejects').max(80), reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000) }).strict();

export function hazardRoutes(deps: HazardReviewDeps): Route[] {
  const id = (text: string | undefined): number => {
    if (!text || !/^[1-9]\d{0,15}$/.test(text)) throw new HttpError(404, `no hazard candidate ${text ?? ''}`);
    return Number(text);
  };
  return [
    {
      method: 'GET',
      path: /^\/api\/hazards\/candidates$/,
      liaison: true,
      handler: async (_req, url) => {
        const asked = url.searchParams.get('state') ?? 'pending';
        if (asked !== 'all' && !STATES.includes(asked as CandidateState)) return { status: 400, body: { error: `state: must be one of ${STATES.join(', ')} or all` } };
        await expirePendingCandidates(deps.db, deps.now());
        const rows = await listCandidates(deps.db, { state: asked === 'all' ? undefined : (asked as CandidateState), limit: 1000, geometry: true });
        return { status: 200, body: { approvalsRequired: deps.approvalsRequired, candidates: rows } };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/hazards\/candidates\/([^/]+)$/,
      liaison: true,
      handler: async (_req, _url, [text]) => {
        await expirePendingCandidates(deps.db, deps.now());
        const candidate = await getCandidate(deps.db, id(text));
        if (!candidate) return { status: 404, body: { error: `no hazard candidate ${text ?? ''}` } };
        return { status: 200, body: candidate };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/hazards\/candidates\/([^/]+)\/approve$/,
      liaison: true,
      handler: async (req, _url, [text]) => {
        const candidate = id(text);
        const body = await readJsonBody(req, ApproveBody);
        return { status: 200, body: await refusalsAsHttp(() => approveCandidate(deps, candidate, body.by)) };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/hazards\/candidates\/([^/]+)\/reject$/,
      liaison: true,
      handler: async (req, _url, [text]) => {
        const candidate = id(text);
        const body = await readJsonBody(req, RejectBody);
        return { status: 200, body: await refusalsAsHttp(() => rejectCandidate(deps, candidate, body.by, body.reason)) };
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
