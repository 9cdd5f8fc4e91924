import { statSync, type Stats } from 'node:fs';
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
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
  } catch (error) {
    // 2026-10.xlsx/ : a file named as a folder, not a path that does not exist.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR' && /[/\\]$/.test(path) && statSync(path.replace(/[/\\]+$/, ''), { throwIfNoEntry: false })?.isFile()) {
      return problem('file_not_regular', { file: path }, { kind: 'file_as_folder' });
    }
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

/** Same file: same device and inode (symlinks, `..` and hard links all resolve), or same real path. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  if (!sa || !sb) return false;
  if (sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino) return true;
  const [ra, rb] = await Promise.all([realpath(a).catch(() => resolve(a)), realpath(b).catch(() => resolve(b))]);
  return ra === rb;
}
