// `siaga users list` and `siaga users disable`, checked through the real HTTP server: a disabled
// account cannot sign in, its open session stops opening the pages at once, and its personal API
// token is refused at once; disabling again changes nothing, and an unknown name is an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSiaga } from './support/run-cli.ts';
import { engineUnderTest } from './support/test-db.ts';
import { startFullServer, type FullServer } from './security/full-server.ts';

describe(`siaga users list and disable (${engineUnderTest})`, () => {
  let app: FullServer;

  beforeAll(async () => {
    app = await startFullServer();
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  const secrets: Record<string, string> = {};
  const add = async (username: string, args: string[]) => {
    const run = await runSiaga(['users', 'add', username, ...args], app.t.db);
    expect(run.code, run.stderr).toBe(0);
    secrets[username] = /secret \(shown once[^)]*\): (\S+)/.exec(run.stdout)?.[1] ?? '';
  };
  const signIn = (username: string, password = secrets[username] ?? '') =>
    fetch(`${app.base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ username, password }).toString(),
    });
  const sessionCookie = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = (path: string, cookie: string) => fetch(`${app.base}${path}`, { redirect: 'manual', headers: { cookie } });
  const candidates = (token: string) => fetch(`${app.base}/api/hazards/candidates`, { headers: { authorization: `Bearer ${token}` } });

  it('says when there is no account yet, as text and as JSON', async () => {
    const empty = await runSiaga(['users', 'list'], app.t.db);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^no accounts/);
    expect(JSON.parse((await runSiaga(['users', 'list', '--json'], app.t.db)).stdout)).toEqual([]);
  });

  it('disables an account: sign-in, its session and its API token are refused at once', async () => {
    await add('rina.bmkg', ['--role', 'liaison']);
    await add('budi.tagana', ['--role', 'team', '--team', 'tagana-12.07', '--member', 'ds-002']);
    await add('dewi.bmkg', ['--role', 'liaison']);

    const rinaIn = await signIn('rina.bmkg');
    expect(rinaIn.status).toBe(303);
    const rinaCookie = sessionCookie(rinaIn);
    expect((await page('/liaison', rinaCookie)).status).toBe(200);
    const budiIn = await signIn('budi.tagana');
    expect(budiIn.status).toBe(303);
    const budiCookie = sessionCookie(budiIn);
    expect((await page('/team', budiCookie)).status).toBe(200);
    const issued = await runSiaga(['users', 'token', 'add', 'rina.bmkg', '--label', 'ops laptop'], app.t.db);
    const token = /token \(shown once, store it safely\): (\S+)/.exec(issued.stdout)?.[1] ?? '';
    expect((await candidates(token)).status).toBe(200);

    const listed = await runSiaga(['users', 'list'], app.t.db);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0]?.trim())).toEqual(['budi.tagana', 'dewi.bmkg', 'rina.bmkg']);
    expect(lines[0]).toMatch(
      /^budi\.tagana\s*\tteam\s*\ttagana-12\.07 \(member ds-002\)\tactive\tcreated \d{4}-\d\d-\d\d .*\t1 open session\t0 API tokens$/,
    );
    expect(lines[1]).toMatch(/^dewi\.bmkg\s*\tliaison\t-\tactive\tcreated .*\t0 open sessions\t0 API tokens$/);
    expect(lines[2]).toMatch(/\tactive\t.*\t1 open session\t1 API token \(last used \d{4}-/);

    const disabled = await runSiaga(['users', 'disable', 'rina.bmkg'], app.t.db);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.stdout).toMatch(/^disabled "rina\.bmkg": 1 session ended, 1 API token revoked/);
    // At once: the open session goes back to the sign-in page, the token gets 401, and the right
    // secret no longer signs in (the same answer as a wrong one: it says nothing of the account).
    const after = await page('/liaison', rinaCookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/signin\?next=/);
    expect((await candidates(token)).status).toBe(401);
    expect((await signIn('rina.bmkg')).status).toBe(401);
    expect((await signIn('rina.bmkg', 'not the secret at all')).status).toBe(401);
    // The others are untouched.
    expect((await page('/team', budiCookie)).status).toBe(200);
    expect((await signIn('dewi.bmkg')).status).toBe(303);

    const team = await runSiaga(['users', 'disable', 'budi.tagana'], app.t.db);
    expect(team.stdout).toMatch(/^disabled "budi\.tagana": 1 session ended, 0 API tokens revoked/);
    expect((await page('/team', budiCookie)).status).toBe(303);
    expect((await signIn('budi.tagana')).status).toBe(401);

    const json = JSON.parse((await runSiaga(['users', 'list', '--json'], app.t.db)).stdout) as Record<string, unknown>[];
    expect(json.map((u) => [u.username, u.role, u.team_code, u.disabled_at === null, u.open_sessions, u.api_tokens])).toEqual([
      ['budi.tagana', 'team', 'tagana-12.07', false, 0, 0],
      ['dewi.bmkg', 'liaison', null, true, 1, 0],
      ['rina.bmkg', 'liaison', null, false, 0, 0],
    ]);
    expect((await runSiaga(['users', 'list'], app.t.db)).stdout).toMatch(/^rina\.bmkg\s*\tliaison\t-\tdisabled \d{4}-\d\d-\d\d /m);
    expect((await runSiaga(['users', 'token', 'list'], app.t.db)).stdout).toMatch(/\trina\.bmkg\tops laptop\t.*\trevoked /);
  });

  it('is idempotent, and says clearly when there is no such account', async () => {
    const before = (await app.t.db.query<{ disabled_at: string }>(`SELECT disabled_at::text FROM web_users WHERE username = 'rina.bmkg'`))
      .rows[0]?.disabled_at;
    const again = await runSiaga(['users', 'disable', 'rina.bmkg'], app.t.db);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^"rina\.bmkg" was already disabled \(since .+\); nothing changed/);
    const now = (await app.t.db.query<{ disabled_at: string }>(`SELECT disabled_at::text FROM web_users WHERE username = 'rina.bmkg'`))
      .rows[0]?.disabled_at;
    expect(now).toBe(before);
    const unknown = await runSiaga(['users', 'disable', 'nobody.here'], app.t.db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: no account "nobody\.here" \(siaga users list/);
    const missing = await runSiaga(['users', 'disable'], app.t.db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument 'username'/);
  });
});
