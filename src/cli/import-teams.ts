import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function registerImportTeams(_parent: Command, _ctx: CliContext): void {}
