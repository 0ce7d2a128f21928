/**
 * The two kinds of error. A UserError is fixable input (a bad cell, a missing
 * file, a wrong option): printed without a stack, exit code 2 unless said
 * otherwise. Anything else reaching the CLI is a bug: printed with its stack.
 */
import type { Problem } from './problems/problem.js';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly options: {
      /** Where: `file`, `file:line:col` or `file › sheet!A1`. */
      location?: string;
      /** Stable code, e.g. CELL_NOT_A_NUMBER. */
      code?: string;
      exitCode?: number;
      cause?: unknown;
      /** The problem in the one shape (a catalogued code and its params), so a batch lists it in any language. */
      problem?: Problem;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  get location(): string | undefined {
    return this.options.location;
  }

  get code(): string | undefined {
    return this.options.code;
  }

  /** The problem in the one shape, when the thrower gave it. */
  get asProblem(): Problem | undefined {
    return this.options.problem;
  }

  get exitCode(): number {
    return this.options.exitCode ?? 2;
  }

  /** `location: message` as printed to the user. */
  format(): string {
    return this.location ? `${this.location}: ${this.message}` : this.message;
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** Exit codes, documented in README.md. */
export const ExitCode = {
  ok: 0,
  /** Problems found: rubric errors, stations that failed in a batch. */
  problems: 1,
  /** Usage error or unreadable / invalid input. */
  usage: 2,
  /** A bug. */
  internal: 70,
} as const;
