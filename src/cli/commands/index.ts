/**
 * Every command, registered by name. One file per command; each exports
 * `register(program, ctx)` and its action calls `ctx.setExit(code)`.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { register as registerRubric } from './rubric.js';
import { register as registerTemplate } from './template.js';
import { register as registerScore } from './score.js';
import { register as registerReport } from './report.js';
import { register as registerBatch } from './batch.js';
import { register as registerSample } from './sample.js';
import { register as registerCompare } from './compare.js';
import { register as registerVerify } from './verify.js';
import { register as registerServe } from './serve.js';

export function registerCommands(program: Command, ctx: CommandContext): void {
  registerRubric(program, ctx);
  registerTemplate(program, ctx);
  registerScore(program, ctx);
  registerReport(program, ctx);
  registerBatch(program, ctx);
  registerSample(program, ctx);
  registerCompare(program, ctx);
  registerVerify(program, ctx);
  registerServe(program, ctx);
}
