// Clusters in the team API (same team token as /api/team/tasks):
//   GET    /api/team/clusters                              my team's standing clusters, most urgent first
//   GET    /api/team/clusters/:id                          one, with its tasks
//   POST   /api/team/clusters                              {tasks: [id…], name?, member?}: work these neighbouring villages together
//   POST   /api/team/clusters/:id/(acknowledge|start|done) {note?, member?}: the move on every task of the cluster that allows it
//   DELETE /api/team/clusters/:id[?member=M]               back to single tasks
// A cluster move is one transaction; tasks already past the move (one done earlier) are listed as
// unchanged with the reason, and when no task could move the answer is 409.
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { dissolveCluster, oneCluster, teamClusters } from '../db/tagana-clusters.ts';
import { ClusterRefused, formCluster, MAX_CLUSTER_TASKS } from '../tagana/form-cluster.ts';
import { moveTeamTask, type MoveResult } from '../tagana/move-task.ts';
import { TEAM_ACTIONS, type TeamAction } from '../tagana/task-lifecycle.ts';
import { readJsonBody } from './read-json-body.ts';
import { HttpError, type Route } from './route.ts';
import { actorOf, MemberId, MoveBody, teamOfRequest } from './team-auth.ts';

export interface TeamClusterRouteDeps {
  db: Db;
  now: () => Date;
}

const CreateBody = z.object({
  tasks: z.array(z.number().int().positive()).min(2).max(MAX_CLUSTER_TASKS),
  name: z.string().trim().min(1).max(200).optional(),
  member: MemberId.optional(),
});

export function teamClusterRoutes(deps: TeamClusterRouteDeps): Route[] {
  const notFound = (id: number) => new HttpError(404, `your team has no cluster ${id}`);

  const move = (action: TeamAction): Route => ({
    method: 'POST',
    path: new RegExp(`^/api/team/clusters/(\\d{1,15})/${action}$`),
    handler: async (req, _url, params) => {
      const team = await teamOfRequest(deps.db, req);
      const body = await readJsonBody(req, MoveBody);
      const id = Number(params[0]);
      const actor = await actorOf(deps.db, team, body.member);
      const cluster = await oneCluster(deps.db, team, id);
      if (!cluster) throw notFound(id);
      const results: MoveResult[] = await deps.db.transaction(async (tx) => {
        const out: MoveResult[] = [];
        for (const taskId of cluster.task_ids)
          out.push(
            await moveTeamTask(tx, { team, id: taskId, action, actor, note: body.note ?? `${action} (cluster ${id})`, now: deps.now() }),
          );
        return out;
      });
      const moved = results.filter((r) => r.kind === 'moved');
      const unchanged = results
        .filter((r) => r.kind !== 'moved')
        .map((r) => ({ id: r.id, why: r.kind === 'refused' ? r.message : 'no longer visible to your team' }));
      if (moved.length === 0) throw new HttpError(409, `no task of cluster ${id} can ${action}: ${unchanged.map((u) => u.why).join('; ')}`);
      return { status: 200, body: { cluster: id, moved, unchanged } };
    },
  });

  return [
    {
      method: 'GET',
      path: /^\/api\/team\/clusters$/,
      handler: async (req) => ({ status: 200, body: { clusters: await teamClusters(deps.db, await teamOfRequest(deps.db, req)) } }),
    },
    {
      method: 'GET',
      path: /^\/api\/team\/clusters\/(\d{1,15})$/,
      handler: async (req, _url, params) => {
        const cluster = await oneCluster(deps.db, await teamOfRequest(deps.db, req), Number(params[0]));
        if (!cluster) throw notFound(Number(params[0]));
        return { status: 200, body: cluster };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/team\/clusters$/,
      handler: async (req) => {
        const team = await teamOfRequest(deps.db, req);
        const body = await readJsonBody(req, CreateBody);
        const actor = await actorOf(deps.db, team, body.member);
        try {
          const id = await formCluster(deps.db, { team, taskIds: body.tasks, name: body.name ?? null, actor, now: deps.now() });
          return { status: 201, body: await oneCluster(deps.db, team, id) };
        } catch (err) {
          if (err instanceof ClusterRefused) throw new HttpError(err.status, err.message);
          throw err;
        }
      },
    },
    ...TEAM_ACTIONS.map(move),
    {
      method: 'DELETE',
      path: /^\/api\/team\/clusters\/(\d{1,15})$/,
      handler: async (req, url, params) => {
        const team = await teamOfRequest(deps.db, req);
        const member = url.searchParams.get('member') ?? undefined;
        if (member !== undefined && !MemberId.safeParse(member).success)
          throw new HttpError(400, 'member: must be a member id of your team');
        const id = Number(params[0]);
        const actor = await actorOf(deps.db, team, member);
        if (!(await deps.db.transaction((tx) => dissolveCluster(tx, team, id, deps.now(), actor)))) throw notFound(id);
        return { status: 204, body: null };
      },
    },
  ];
}
