import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function registerImportAreas(_parent: Command, _ctx: CliContext): void {}
