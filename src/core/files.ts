import { statSync } from 'node:fs';
import { InputError, problem, type Problem } from './problems.js';

/**
 * Refuses a path that is not a regular file before anything opens it: opening a named pipe
 * waits for a writer forever, and a device, socket or folder is never a workbook, CSV, scheme
 * or calendar. A path that does not exist passes: each reader reports it in its own words.
 */
export function notAFileProblem(path: string, options: { folderAllowed?: boolean } = {}): Problem | null {
  let info;
  try {
    info = statSync(path);
  } catch {
    return null;
  }
  if (info.isFile() || (options.folderAllowed && info.isDirectory())) return null;
  const kind = info.isDirectory() ? 'folder' : info.isFIFO() ? 'fifo' : info.isSocket() ? 'socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'device' : 'other';
  return problem('file_not_regular', { file: path }, { kind });
}

/** The same check for files read whole and at once (--scheme, --calendar): throws the problem. */
export function assertRegularFile(path: string): void {
  const found = notAFileProblem(path);
  if (found) throw new InputError([found]);
}
