/**
 * Where a command's words go. The real CLI passes the process's streams; tests pass sinks that
 * collect text, so commands run in-process.
 */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
