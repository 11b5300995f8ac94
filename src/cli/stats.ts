import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function registerStats(_parent: Command, _ctx: CliContext): void {}
