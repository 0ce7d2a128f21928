/**
 * Every command, registered by name. One file per command; each exports
 * `register(program, ctx)` and its action calls `ctx.setExit(code)`.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerCommands(program: Command, ctx: CommandContext): void {
  void program;
  void ctx;
}
