import { Command, CommanderError } from 'commander';
import { DossierError } from '../errors.js';

/** Exit codes: 0 all well, 1 some inputs failed in a batch, 2 bad usage or input. */
export const EXIT = { OK: 0, SOME_FAILED: 1, BAD_INPUT: 2 } as const;

/** Output streams, so that commands can be tested without a terminal. */
export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
}

export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });

/** Each command module registers itself on the program and sets `ctx.exitCode`. */
export interface CliContext {
  readonly io: Io;
  exitCode: number;
}

export type Register = (program: Command, ctx: CliContext) => void;

/** Write a DossierError (or any error) to stderr in one line, with its code. */
export function reportError(io: Io, error: unknown): number {
  if (error instanceof DossierError) {
    io.stderr.write(`dossier: ${error.message} [${error.code}]\n`);
    return EXIT.BAD_INPUT;
  }
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT.BAD_INPUT;
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`dossier: unexpected error: ${message}\nPlease report it with the input that caused it.\n`);
  return EXIT.BAD_INPUT;
}

/** The parent command `name` (eval, train) on which subcommands register. */
export function parent(program: Command, name: 'eval' | 'train'): Command {
  const found = program.commands.find((c) => c.name() === name);
  if (!found) throw new DossierError('E_INTERNAL', `internal error: no '${name}' command`);
  return found;
}
