// The Tagana team API (JSON, behind a team token: `Authorization: Bearer <token>`):
//   GET  /api/team/tasks[?state=S&alert=A&all=1]   my team's tasks, most urgent first
//   GET  /api/team/tasks.geojson[?all=1]           the same as a map: village polygons, household points
//   GET  /api/team/tasks/:id                       one task with its vulnerable households and events
//   GET  /api/team/tasks/:id.geojson               one task as a map
//   POST /api/team/tasks/:id/(acknowledge|start|done)   {note?, member?}: move the task, recorded
//   POST /api/team/push-subscriptions                {member, endpoint, keys}: a member's device gets
//                                                    the team's task notices by web push (VAPID key: GET /api/push/vapid-public-key)
// The token resolves to one team code, and every statement carries it: a team sees only its own
// tasks and those escalated to it. Another team's task answers 404, as if it did not exist.
// By default the list holds the tasks that still need work; `all=1` adds done and stood-down ones.
import type http from 'node:http';
import type { Db } from '../db/db.ts';
import { isActiveMember, listTasks, taskDetail, taskShapes } from '../db/tagana-task-queries.ts';
import { moveTeamTask } from '../tagana/move-task.ts';
import type { TaskState } from '../db/tagana-task-queries.ts';
import { TEAM_ACTIONS, type TeamAction } from '../tagana/task-lifecycle.ts';
import { tasksToGeoJson } from '../tagana/task-geojson.ts';
import { ENDPOINT_TAKEN, upsertSubscription } from '../db/push-subscriptions.ts';
import { readJsonBody } from './read-json-body.ts';
import { actorOf, MemberId, MoveBody, teamOfRequest } from './team-auth.ts';
import { checkPushEndpoint, SubscriptionBody } from './resident-routes.ts';
import type { PushEndpointPolicy } from '../policy/push-endpoint-policy.ts';
import { HttpError, type Route } from './route.ts';

export interface TeamRouteDeps {
  db: Db;
  now: () => Date;
  /** Which push endpoints may be registered (PUSH_ALLOWED_HOSTS). */
  pushPolicy: PushEndpointPolicy;
}

const STATES = ['open', 'acknowledged', 'in_progress', 'done', 'stood_down'] as const;
const MemberSubscriptionBody = SubscriptionBody.extend({ member: MemberId });

export function teamRoutes(deps: TeamRouteDeps): Route[] {
  const myTeam = (req: http.IncomingMessage) => teamOfRequest(deps.db, req);
  const taskId = (params: string[]): number => Number(params[0]);
  const notFound = (id: number) => new HttpError(404, `your team has no task ${id}`);

  const move = (action: TeamAction): Route => ({
    method: 'POST',
    path: new RegExp(`^/api/team/tasks/(\\d{1,15})/${action}$`),
    handler: async (req, _url, params) => {
      const team = await myTeam(req);
      const body = await readJsonBody(req, MoveBody);
      const id = taskId(params);
      const actor = await actorOf(deps.db, team, body.member);
      const moved = await deps.db.transaction((tx) =>
        moveTeamTask(tx, { team, id, action, actor, note: body.note ?? null, now: deps.now() }),
      );
      if (moved.kind === 'not_found') throw notFound(id);
      if (moved.kind === 'refused') throw new HttpError(409, moved.message);
      const done = { id, from: moved.from, state: moved.state };
      return { status: 200, body: done };
    },
  });

  return [
    {
      method: 'GET',
      path: /^\/api\/team\/tasks$/,
      handler: async (req, url) => {
        const team = await myTeam(req);
        const state = url.searchParams.get('state');
        if (state !== null && !(STATES as readonly string[]).includes(state))
          throw new HttpError(400, `state: must be one of ${STATES.join(', ')}`);
        const all = url.searchParams.get('all') === '1';
        const tasks = await listTasks(deps.db, {
          team,
          state: (state ?? undefined) as TaskState | undefined,
          alert: url.searchParams.get('alert') ?? undefined,
        });
        return {
          status: 200,
          body: { team, tasks: state || all ? tasks : tasks.filter((t) => t.state !== 'done' && t.state !== 'stood_down') },
        };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/team\/tasks\.geojson$/,
      handler: async (req, url) => {
        const team = await myTeam(req);
        return {
          status: 200,
          body: tasksToGeoJson(await taskShapes(deps.db, team, { includeClosed: url.searchParams.get('all') === '1' })),
          headers: { 'content-type': 'application/geo+json; charset=utf-8' },
        };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/team\/tasks\/(\d{1,15})$/,
      handler: async (req, _url, params) => {
        const team = await myTeam(req);
        const task = await taskDetail(deps.db, taskId(params), team);
        if (!task) throw notFound(taskId(params));
        return { status: 200, body: task };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/team\/tasks\/(\d{1,15})\.geojson$/,
      handler: async (req, _url, params) => {
        const team = await myTeam(req);
        const rows = await taskShapes(deps.db, team, { id: taskId(params), includeClosed: true });
        if (rows.length === 0) throw notFound(taskId(params));
        return { status: 200, body: tasksToGeoJson(rows), headers: { 'content-type': 'application/geo+json; charset=utf-8' } };
      },
    },
    ...TEAM_ACTIONS.map(move),
    {
      method: 'POST',
      path: /^\/api\/team\/push-subscriptions$/,
      handler: async (req) => {
        const team = await myTeam(req);
        const body = await readJsonBody(req, MemberSubscriptionBody);
        if (!(await isActiveMember(deps.db, body.member, team)))
          throw new HttpError(422, `member: "${body.member}" is not an active member of team ${team}`);
        checkPushEndpoint(body.endpoint, deps.pushPolicy);
        const added = await upsertSubscription(
          deps.db,
          { member: body.member },
          { endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth },
        );
        if ('taken' in added) throw new HttpError(409, ENDPOINT_TAKEN);
        return { status: 201, body: { id: added.id, member: body.member } };
      },
    },
  ];
}
