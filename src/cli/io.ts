import type { CliIo } from '../core/io.js';

/** What a command action may use besides its flags: the streams, and the run's exit code. */
export interface CliContext {
  io: CliIo;
  /** A command that finishes but must report failure (a batch with failed centres) sets 1. */
  readonly setExitCode: (code: number) => void;
}
