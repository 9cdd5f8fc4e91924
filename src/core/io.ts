/**
 * Where a command's words go. The real CLI passes the process's streams; tests pass sinks that
 * collect text, so commands run in-process.
 */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width: help is wrapped to it. */
  columns?: number;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
}

/**
 * The process's streams. A reader that stops early (`kaohe score … --json | head`) closes the
 * pipe: the run then ends quietly with exit 0, as command-line tools do, not with a stack trace.
 */
export function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
  }
  return { stdout: process.stdout, stderr: process.stderr };
}
