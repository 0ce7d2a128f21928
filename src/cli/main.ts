/**
 * The CLI: parses options and hands each command to its file in ./commands.
 * Commands return their exit code; only bin/station-eval.js sets it.
 * Heavy libraries (exceljs, pdfkit) are imported lazily inside commands, so
 * `--help` and `rubric validate` stay fast.
 */
import { Command, CommanderError } from 'commander';
import { isUserError, ExitCode } from '../errors.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { TOOL } from '../version.js';
import { registerCommands } from './commands/index.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Holder for the exit code a command action returns. */
export interface CommandContext {
  io: CliIO;
  setExit: (code: number) => void;
}

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command();
  program
    .name('station-eval')
    .description('乡镇(街道)社工站评估与星级认定 — evaluate township social-work stations and certify their star level')
    .version(TOOL.version, '-V, --version')
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout(s),
      writeErr: (s) => ctx.io.stderr(s),
    })
    .exitOverride();
  registerCommands(program, ctx);
  return program;
}

/** Run the CLI with argv (as process.argv) and return the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  let exit: number = ExitCode.ok;
  // stderr is for people: text from input files never drives the terminal (ESC, NUL, bidi overrides).
  const raw = io;
  io = { stdout: raw.stdout, stderr: (text) => raw.stderr(terminalSafe(text)) };
  const ctx: CommandContext = { io, setExit: (code) => (exit = code) };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (isUserError(err)) {
      io.stderr(`${err.format()}\n`);
      return err.exitCode;
    }
    io.stderr(`station-eval ${TOOL.version}: internal error (a bug; please report it with this output)\n`);
    io.stderr(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return ExitCode.internal;
  }
}
