// `siaga hazards …`: the liaison's review of hazard candidates drawn from satellite rasters.
import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { registerHazardsApprove } from './hazards-approve.ts';
import { registerHazardsCandidates } from './hazards-candidates.ts';
import { registerHazardsDraft } from './hazards-draft.ts';
import { registerHazardsReject } from './hazards-reject.ts';
import { registerHazardsShow } from './hazards-show.ts';

export function registerHazards(program: Command, ctx: CliContext): void {
  const hazards = program
    .command('hazards')
    .description('hazard candidates from satellite rasters: list, show, draft by hand, approve (issues the warning), reject');
  registerHazardsCandidates(hazards, ctx);
  registerHazardsShow(hazards, ctx);
  registerHazardsDraft(hazards, ctx);
  registerHazardsApprove(hazards, ctx);
  registerHazardsReject(hazards, ctx);
  hazards.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
}
