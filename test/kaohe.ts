import { main } from '../src/cli/main.js';

export interface KaoheRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, as `kaohe <args>` would, collecting what it prints. */
export async function kaohe(...args: string[]): Promise<KaoheRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}
