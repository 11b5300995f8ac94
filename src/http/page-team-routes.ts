// The Tagana team board, behind a staff session with the team role: the team's tasks (its own and
// those escalated to it, as the team API shows them), one task, their map shapes, and the moves
// (acknowledge / start / done) as form posts recorded under the team and, when the account is a
// known member, that member.
import type { Db } from '../db/db.ts';
import { listTasks, taskDetail, taskShapes } from '../db/tagana-task-queries.ts';
import { teamName, unreachedVulnerableCount, vulnerableReach } from '../db/tagana-vulnerable-reach.ts';
import type { SessionUser } from '../db/web-sessions.ts';
import { moveTeamTask } from '../tagana/move-task.ts';
import { tasksToGeoJson } from '../tagana/task-geojson.ts';
import type { TeamAction } from '../tagana/task-lifecycle.ts';
import { notFoundPage } from '../web/page-not-found.ts';
import { teamBoardPage, teamTaskPage, type BoardTeam } from '../web/page-team-board.ts';
import { boardSummary } from '../web/team-board-summary.ts';
import { safeBackPath } from '../web/language.ts';
import type { Route } from './route.ts';
import { actorOf } from './team-auth.ts';
import { readFormBody } from './web-form-body.ts';
import { htmlReply, redirect } from './web-response.ts';
import { checkSameOrigin, type StaffSessions } from './web-session.ts';
import { staffPage } from './web-staff-page.ts';

export interface TeamPageDeps {
  db: Db;
  now: () => Date;
  sessions: StaffSessions;
}

const teamOf = (user: SessionUser): string => {
  // The database guarantees a team account has a team (CHECK in 0010_web_sessions.sql).
  if (!user.team_code) throw new Error(`team account ${user.username} has no team`);
  return user.team_code;
};

export function teamPageRoutes(deps: TeamPageDeps): Route[] {
  const page = (render: Parameters<typeof staffPage>[2]) => staffPage(deps.sessions, 'team', render);
  const open = (tasks: Awaited<ReturnType<typeof listTasks>>) => tasks.filter((t) => t.state !== 'done' && t.state !== 'stood_down');
  const named = async (code: string): Promise<BoardTeam> => ({ code, name: (await teamName(deps.db, code)) ?? code });
  const taskPage = async (
    lang: Parameters<typeof teamTaskPage>[0],
    username: string,
    team: string,
    task: NonNullable<Awaited<ReturnType<typeof taskDetail>>>,
    refused?: string,
  ) => teamTaskPage(lang, username, await named(team), task, await vulnerableReach(deps.db, team, task.id), refused);
  return [
    {
      method: 'GET',
      path: /^\/team$/,
      handler: page(async ({ lang, user }) => {
        const team = teamOf(user);
        const tasks = open(await listTasks(deps.db, { team }));
        const summary = boardSummary(tasks, team, await unreachedVulnerableCount(deps.db, team));
        return htmlReply(200, teamBoardPage(lang, user.username, await named(team), tasks, deps.now(), summary));
      }),
    },
    {
      method: 'GET',
      path: /^\/team\/tasks\.geojson$/,
      handler: page(async ({ user }) => ({ status: 200, body: tasksToGeoJson(await taskShapes(deps.db, teamOf(user))) })),
    },
    {
      method: 'GET',
      path: /^\/team\/tasks\/(\d{1,15})\.geojson$/,
      handler: page(async ({ user, params }) => {
        const rows = await taskShapes(deps.db, teamOf(user), { id: Number(params[0]), includeClosed: true });
        return rows.length
          ? { status: 200, body: tasksToGeoJson(rows) }
          : { status: 404, body: { error: `no task ${params[0]} for your team` } };
      }),
    },
    {
      method: 'GET',
      path: /^\/team\/tasks\/(\d{1,15})$/,
      handler: page(async ({ url, lang, user, params }) => {
        const team = teamOf(user);
        const task = await taskDetail(deps.db, Number(params[0]), team);
        if (!task) return htmlReply(404, notFoundPage(lang, url.pathname, 'team'));
        return htmlReply(200, await taskPage(lang, user.username, team, task));
      }),
    },
    {
      method: 'POST',
      path: /^\/team\/tasks\/(\d{1,15})\/(acknowledge|start|done)$/,
      handler: page(async ({ req, url, lang, user, params }) => {
        checkSameOrigin(req, { lang });
        const form = await readFormBody(req);
        const team = teamOf(user);
        const id = Number(params[0]);
        const actor = await actorOf(deps.db, team, user.member_id ?? undefined);
        const moved = await deps.db.transaction((tx) =>
          moveTeamTask(tx, { team, id, action: params[1] as TeamAction, actor, note: null, now: deps.now() }),
        );
        if (moved.kind === 'not_found') return htmlReply(404, notFoundPage(lang, url.pathname, 'team'));
        if (moved.kind === 'refused') {
          // Someone else moved it first (two members on one task): show the task as it is now.
          const task = await taskDetail(deps.db, id, team);
          return task
            ? htmlReply(409, await taskPage(lang, user.username, team, task, moved.message))
            : htmlReply(404, notFoundPage(lang, url.pathname, 'team'));
        }
        return redirect(safeBackPath(form.get('back')));
      }),
    },
  ];
}
