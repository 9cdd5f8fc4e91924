import { statSync, type Stats } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { InputError, problem, UsageError, type Problem } from './problems.js';

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

/**
 * What a folder entry is, for the folder scans of `year` and `year --each`: a link that points
 * nowhere (a moved or deleted file) or an entry that cannot be read is a usage error naming it.
 */
export async function entryStats(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    const link = await lstat(path).catch(() => null);
    if (link?.isSymbolicLink()) throw new UsageError('link_dangling', { path, target: await readlink(path).catch(() => '') });
    throw new UsageError('path_unreadable', { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

/** A folder's entry names in a fixed order; a folder that cannot be read is a usage error naming it. */
export async function folderNames(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).sort();
  } catch (error) {
    throw new UsageError('path_unreadable', { path: folder, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}
