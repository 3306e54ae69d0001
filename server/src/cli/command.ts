// The shape of one CLI command. Each command lives in its own file and is listed in cli.ts.
import type { FlagSpec, ParsedArgs } from './args';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  flags: Record<string, FlagSpec>;
  /** Returns the process exit code. Throw UsageError for bad arguments (exit 64). */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = { ok: 0, failure: 1, refused: 2, usage: 64, /** A write lost its connection after it was sent: it may have been applied. */ outcomeUnknown: 3 } as const;
