// The Tagana teams file (JSON; see README "Tagana teams file"). Checked whole before anything is
// written: every problem is listed with its path, like `teams[0].members[2].phone`.
import { z } from 'zod';
import { parseAdminCode } from './admin-code.ts';
import { normalizePhone } from './read-phone.ts';

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits or . _ - (starting with a letter or digit)');

const phone = z.string().transform((text, ctx) => {
  const e164 = normalizePhone(text.trim());
  if (e164 === undefined) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not a phone number (E.164 like +6281234567890)` });
    return z.NEVER;
  }
  return e164;
});

const areaCode = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const parsed = parseAdminCode(value);
  if (!parsed || parsed.level === 'village') {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not a province, regency or district code (like 12, 12.07 or 12.07.18)`,
    });
    return z.NEVER;
  }
  return parsed.code;
});

const member = z.object({
  id: code,
  name: z.string().trim().min(1, 'is required'),
  role: z.enum(['coordinator', 'member']).default('member'),
  phone: phone.nullish(),
  email: z.email().nullish(),
  active: z.boolean().default(true),
});

const team = z
  .object({
    code,
    name: z.string().trim().min(1, 'is required'),
    areas: z.array(areaCode).min(1, 'a team covers at least one area'),
    members: z.array(member).default([]),
  })
  .superRefine((t, ctx) => {
    const ids = t.members.map((m) => m.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['members', i, 'id'], message: `member ${id} is listed twice` });
    });
  });

const teamFile = z.object({ teams: z.array(team).min(1, 'the file lists no team') }).superRefine((f, ctx) => {
  const teamCodes = f.teams.map((t) => t.code);
  teamCodes.forEach((c, i) => {
    if (teamCodes.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['teams', i, 'code'], message: `team ${c} is listed twice` });
  });
  const memberTeam = new Map<string, string>();
  f.teams.forEach((t, i) =>
    t.members.forEach((m, j) => {
      const other = memberTeam.get(m.id);
      if (other && other !== t.code)
        ctx.addIssue({ code: 'custom', path: ['teams', i, 'members', j, 'id'], message: `member ${m.id} is also in team ${other}` });
      memberTeam.set(m.id, t.code);
    }),
  );
});

export type TeamFile = z.infer<typeof teamFile>;
export type Team = TeamFile['teams'][number];

export class TeamFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamFileError';
  }
}

export function readTeamFile(doc: unknown): TeamFile {
  const parsed = teamFile.safeParse(doc);
  if (parsed.success) return parsed.data;
  throw new TeamFileError(parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(file)'
  );
}
