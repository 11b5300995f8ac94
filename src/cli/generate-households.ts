import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function registerGenerateHouseholds(_parent: Command, _ctx: CliContext): void {}
